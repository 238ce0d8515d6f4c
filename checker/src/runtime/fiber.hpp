// fiber.hpp — the mechanism under logical threads: guarded stacks kept in a
// pool across executions, and context switches over boost.context's fcontext
// with ThreadSanitizer / AddressSanitizer fiber annotations, and the switch
// of the thread pointer when the two sides have their own TLS.
#pragma once

#include <boost/context/detail/fcontext.hpp>
#include <cstddef>
#include <vector>

namespace weft::detail {

namespace ctx = boost::context::detail;

/// A stack with a PROT_NONE guard page below it.
struct fiber_stack {
  void* base = nullptr;   // lowest mapped address (the guard page)
  std::size_t mapped = 0; // bytes mapped, guard included
  std::size_t usable = 0; // bytes above the guard page
  void* top() const { return static_cast<char*>(base) + mapped; }
};

/// Stacks are mmapped once and reused by later executions on this OS thread.
class stack_pool {
 public:
  explicit stack_pool(std::size_t stack_size);
  ~stack_pool();
  stack_pool(const stack_pool&) = delete;
  stack_pool& operator=(const stack_pool&) = delete;
  /// A stack of the pool's size, or of `size` bytes (rounded up to pages)
  /// when given: a thread created with a stack size of its own.
  fiber_stack take(std::size_t size = 0);
  /// The usable bytes take(size) gives (the pool's size for 0, the common
  /// case, without a call).
  std::size_t usable_for(std::size_t size) const { return size == 0 ? size_ : rounded_to_pages(size); }
  void give_back(fiber_stack s) { free_.push_back(s); }
  /// Whether `address` lies in the guard page of a stack of this pool.
  bool in_guard(const void* address) const;

 private:
  static std::size_t rounded_to_pages(std::size_t size);
  std::size_t size_;
  std::vector<fiber_stack> free_;
  std::vector<fiber_stack> all_;
};

/// Where a context that switches away is stored, plus sanitizer bookkeeping.
struct fiber_slot {
  ctx::fcontext_t context = nullptr;
  void* tsan_fiber = nullptr;         // ThreadSanitizer's fiber handle
  const void* stack_bottom = nullptr; // AddressSanitizer needs the target's stack bounds
  std::size_t stack_size = 0;
  void* thread_pointer = nullptr;     // the fs base this context runs with; null: leave it as it is
};

/// Creates a fresh context on `stack` that starts in `entry`.
ctx::fcontext_t make_fiber(const fiber_stack& stack, void (*entry)(ctx::transfer_t));
/// Sets up the sanitizer handle of a slot (once per slot lifetime).
void fiber_slot_init(fiber_slot& slot, bool is_root);
void fiber_slot_destroy(fiber_slot& slot);
/// Suspends `from` and resumes `to`. Returns when something resumes `from`.
void switch_fiber(fiber_slot& from, fiber_slot& to);
/// Leaves the current fiber for good (it finished) and resumes `to`.
[[noreturn]] void leave_fiber(fiber_slot& to);
/// First thing a fiber entry function must call with the transfer it got.
void fiber_started(ctx::transfer_t t);

}  // namespace weft::detail
