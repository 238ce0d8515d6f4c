#include "weft/result.hpp"

#include <array>
#include <utility>

namespace weft {
namespace {
constexpr std::array<std::pair<finding_kind, std::string_view>, 17> kind_names{{
    {finding_kind::assertion, "assertion"},
    {finding_kind::data_race, "data_race"},
    {finding_kind::deadlock, "deadlock"},
    {finding_kind::lost_wakeup, "lost_wakeup"},
    {finding_kind::lock_order_inversion, "lock_order_inversion"},
    {finding_kind::livelock, "livelock"},
    {finding_kind::misuse, "misuse"},
    {finding_kind::uncaught_exception, "uncaught_exception"},
    {finding_kind::linearizability, "linearizability"},
    {finding_kind::crash, "crash"},
    {finding_kind::exit, "exit"},
    {finding_kind::hang, "hang"},
    {finding_kind::nondeterminism, "nondeterminism"},
    {finding_kind::stress_timeout, "stress_timeout"},
    {finding_kind::tsan_data_race, "tsan_data_race"},
    {finding_kind::tsan_lock_order_inversion, "tsan_lock_order_inversion"},
    {finding_kind::tsan_other, "tsan_other"},
}};
}  // namespace

std::string_view to_string(finding_kind kind) {
  for (const auto& [k, name] : kind_names) {
    if (k == kind) return name;
  }
  return "unknown";
}

std::optional<finding_kind> finding_kind_from_string(std::string_view text) {
  for (const auto& [k, name] : kind_names) {
    if (name == text) return k;
  }
  return std::nullopt;
}

const std::vector<finding_kind>& all_finding_kinds() {
  static const std::vector<finding_kind> kinds = [] {
    std::vector<finding_kind> v;
    for (const auto& entry : kind_names) v.push_back(entry.first);
    return v;
  }();
  return kinds;
}

}  // namespace weft
