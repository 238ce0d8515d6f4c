#include "weft/assert.hpp"

#include <atomic>
#include <mutex>
#include <utility>

namespace weft::detail {
namespace {

std::mutex sink_mutex;
std::vector<finding> sink;  // guarded by sink_mutex
constexpr std::size_t sink_limit = 64;
std::atomic<assert_hook> outside_hook{nullptr};

}  // namespace

void assertion_failed_outside(const char* expression, std::string message,
                              const location& where) {
  if (auto hook = outside_hook.load()) {
    hook(expression, message, where);
    return;
  }
  finding f;
  f.kind = finding_kind::assertion;
  f.source = finding_source::stress;
  f.message = message.empty() ? std::string("assertion failed: ") + expression
                              : message + " (" + expression + ")";
  f.locations.push_back({where.file_name(), where.line(), where.function_name()});
  record_outside_failure(std::move(f));
}

void record_outside_failure(finding f) {
  std::lock_guard lock(sink_mutex);
  if (sink.size() < sink_limit) sink.push_back(std::move(f));
}

void set_outside_assert_hook(assert_hook hook) noexcept { outside_hook.store(hook); }

std::vector<finding> take_outside_failures() {
  std::lock_guard lock(sink_mutex);
  return std::exchange(sink, {});
}

}  // namespace weft::detail
