#include "own_stack.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <boost/context/detail/fcontext.hpp>
#include <cstddef>

#include "execution.hpp"
#include "weft/detail/runtime.hpp"

namespace weft::detail {
namespace {

namespace ctx = boost::context::detail;

constexpr std::size_t own_stack_size = std::size_t{1} << 20;

/// The usable range of weft's own stack, mapped on first use (with a guard
/// page below it); empty when the mapping failed.
struct stack_range {
  char* low = nullptr;
  char* high = nullptr;
  bool holds(const char* at) const { return at >= low && at < high; }
};
const stack_range& own_stack() {
  static const stack_range range = [] {
    const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    void* p = ::mmap(nullptr, own_stack_size + page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK,
                     -1, 0);
    if (p == MAP_FAILED) return stack_range{};
    ::mprotect(p, page, PROT_NONE);
    char* low = static_cast<char*>(p) + page;
    return stack_range{low, low + own_stack_size};
  }();
  return range;
}

/// Whether the frame at `at` is outside the current logical thread's stack
/// (on a stack the program made), inside an execution.
bool on_programs_stack(const char* at) {
  execution* e = current();
  if (e == nullptr || e->current_id() == no_thread) return false;
  const fiber_slot& slot = e->self().slot;
  const auto* low = static_cast<const char*>(slot.stack_bottom);
  return low != nullptr && (at < low || at >= low + slot.stack_size);
}

struct job {
  void (*fn)(void*);
  void* arg;
};

[[noreturn]] void run_job(ctx::transfer_t from) {
  const auto* j = static_cast<const job*>(from.data);
  j->fn(j->arg);
  ctx::jump_fcontext(from.fctx, nullptr);  // back to the caller; this context is never resumed
  __builtin_unreachable();
}

}  // namespace

void run_on_own_stack(void (*fn)(void*), void* arg) {
  const auto* frame = static_cast<const char*>(__builtin_frame_address(0));
  if (!on_programs_stack(frame)) return fn(arg);
  const stack_range& stack = own_stack();
  if (stack.low == nullptr || stack.holds(frame)) return fn(arg);
  job j{fn, arg};
  ctx::jump_fcontext(ctx::make_fcontext(stack.high, own_stack_size, &run_job), &j);
}

}  // namespace weft::detail
