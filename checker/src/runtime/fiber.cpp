#include "fiber.hpp"

#include "thread_storage.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <iterator>
#include <new>
#include <stdexcept>

#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define WEFT_TSAN 1
#endif
#if __has_feature(address_sanitizer)
#define WEFT_ASAN 1
#endif
#endif
#if defined(__SANITIZE_THREAD__)
#define WEFT_TSAN 1
#endif
#if defined(__SANITIZE_ADDRESS__)
#define WEFT_ASAN 1
#endif

#ifdef WEFT_TSAN
extern "C" {
void* __tsan_get_current_fiber();
void* __tsan_create_fiber(unsigned flags);
void __tsan_destroy_fiber(void* fiber);
void __tsan_switch_to_fiber(void* fiber, unsigned flags);
}
#endif
#ifdef WEFT_ASAN
extern "C" {
void __sanitizer_start_switch_fiber(void** fake_stack_save, const void* bottom, std::size_t size);
void __sanitizer_finish_switch_fiber(void* fake_stack_save, const void** bottom_old,
                                     std::size_t* size_old);
void __asan_unpoison_memory_region(void const volatile* addr, std::size_t size);
}
#endif

// Not instrumented: under ThreadSanitizer a function that switches fibers
// and then returns would record its exit on the new fiber's shadow stack.
#if defined(__clang__)
#define WEFT_NO_TSAN __attribute__((disable_sanitizer_instrumentation))
#else
#define WEFT_NO_TSAN __attribute__((no_sanitize("thread")))
#endif

namespace weft::detail {
namespace {

std::size_t page_size() {
  static const std::size_t size = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  return size;
}

// The slot a switch came from travels with the jump (transfer_t::data), not
// through a thread_local: the two sides of a jump may have different TLS.
WEFT_NO_TSAN inline void store_suspended(ctx::transfer_t t) {
  if (t.data != nullptr) static_cast<fiber_slot*>(t.data)->context = t.fctx;
}

// Last thing before a jump: nothing may read TLS between this and the jump.
WEFT_NO_TSAN inline void enter_thread_pointer(const fiber_slot& to) {
  if (to.thread_pointer != nullptr && to.thread_pointer != current_thread_pointer()) {
    set_thread_pointer(to.thread_pointer);
  }
}

#ifdef WEFT_ASAN
thread_local void* asan_fake_stack = nullptr;
#endif

WEFT_NO_TSAN inline void before_jump([[maybe_unused]] fiber_slot& to, [[maybe_unused]] bool leaving) {
#ifdef WEFT_TSAN
  __tsan_switch_to_fiber(to.tsan_fiber, 0);
#endif
#ifdef WEFT_ASAN
  __sanitizer_start_switch_fiber(leaving ? nullptr : &asan_fake_stack, to.stack_bottom, to.stack_size);
#endif
}

// Called on the resumed side with the transfer that resumed it.
WEFT_NO_TSAN inline void after_jump([[maybe_unused]] ctx::transfer_t t) {
#ifdef WEFT_ASAN
  const void* bottom = nullptr;
  std::size_t size = 0;
  __sanitizer_finish_switch_fiber(asan_fake_stack, &bottom, &size);
  auto* from = static_cast<fiber_slot*>(t.data);
  if (from != nullptr && from->stack_bottom == nullptr) {  // the root's bounds are learned here
    from->stack_bottom = bottom;
    from->stack_size = size;
  }
#endif
}

}  // namespace

namespace {

// Stacks outlive their pool on this OS thread, up to a bound: the next
// weft::check (the next scenario, the next benchmark round) takes them
// instead of mapping, protecting and faulting in fresh ones, and a pool's
// end costs no munmap (a TLB shootdown each).
struct stack_cache {
  static constexpr std::size_t max_bytes = std::size_t{64} << 20;
  std::vector<fiber_stack> stacks;
  std::size_t bytes = 0;
  ~stack_cache() {
    for (const auto& s : stacks) ::munmap(s.base, s.mapped);
  }
};
thread_local stack_cache cached_stacks;

}  // namespace

// The pool is made and destroyed on the OS thread (never on a fiber, which
// may run with a logical thread's own TLS): the cache is touched only there.
stack_pool::stack_pool(std::size_t stack_size)
    : size_((stack_size + page_size() - 1) / page_size() * page_size()) {
  stack_cache& cache = cached_stacks;
  std::size_t kept = 0;
  for (const fiber_stack& s : cache.stacks) {
    if (s.usable == size_) {
      free_.push_back(s);
      all_.push_back(s);
      cache.bytes -= s.mapped;
    } else {
      cache.stacks[kept++] = s;
    }
  }
  cache.stacks.resize(kept);
}

stack_pool::~stack_pool() {
  stack_cache& cache = cached_stacks;
  for (const auto& s : all_) {
#ifdef WEFT_ASAN
    // Abandoned frames leave poisoned shadow behind; memory mapped here later
    // (or this stack, taken again from the cache) must not inherit it.
    __asan_unpoison_memory_region(s.base, s.mapped);
#endif
    if (cache.bytes + s.mapped <= stack_cache::max_bytes) {
      cache.stacks.push_back(s);
      cache.bytes += s.mapped;
    } else {
      ::munmap(s.base, s.mapped);
    }
  }
}

std::size_t stack_pool::rounded_to_pages(std::size_t size) {
  return (size + page_size() - 1) / page_size() * page_size();
}

fiber_stack stack_pool::take(std::size_t wanted) {
  const std::size_t size = usable_for(wanted);
  for (auto s = free_.rbegin(); s != free_.rend(); ++s) {
    if (s->usable != size) continue;
    const fiber_stack found = *s;
    free_.erase(std::next(s).base());
    return found;
  }
  fiber_stack s;
  s.mapped = size + page_size();
  s.usable = size;
  s.base = ::mmap(nullptr, s.mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (s.base == MAP_FAILED) throw std::bad_alloc();
  if (::mprotect(s.base, page_size(), PROT_NONE) != 0) {
    ::munmap(s.base, s.mapped);
    throw std::runtime_error("weft: cannot protect a fiber stack's guard page");
  }
  all_.push_back(s);
  return s;
}

bool stack_pool::in_guard(const void* address) const {
  const auto* a = static_cast<const char*>(address);
  for (const auto& s : all_) {
    const auto* guard = static_cast<const char*>(s.base);
    if (a >= guard && a < guard + page_size()) return true;
  }
  return false;
}

ctx::fcontext_t make_fiber(const fiber_stack& stack, void (*entry)(ctx::transfer_t)) {
#ifdef WEFT_ASAN
  // A pooled stack may hold an abandoned execution's frames, whose locals
  // AddressSanitizer still marks out of scope: start from clean shadow.
  __asan_unpoison_memory_region(static_cast<char*>(stack.top()) - stack.usable, stack.usable);
#endif
  return ctx::make_fcontext(stack.top(), stack.usable, entry);
}

void fiber_slot_init([[maybe_unused]] fiber_slot& slot, [[maybe_unused]] bool is_root) {
#ifdef WEFT_TSAN
  if (slot.tsan_fiber == nullptr) slot.tsan_fiber = is_root ? __tsan_get_current_fiber() : __tsan_create_fiber(0);
#endif
}

void fiber_slot_destroy([[maybe_unused]] fiber_slot& slot) {
#ifdef WEFT_TSAN
  if (slot.tsan_fiber != nullptr) __tsan_destroy_fiber(slot.tsan_fiber);
  slot.tsan_fiber = nullptr;
#endif
}

WEFT_NO_TSAN void switch_fiber(fiber_slot& from, fiber_slot& to) {
  before_jump(to, false);
  enter_thread_pointer(to);
  ctx::transfer_t t = ctx::jump_fcontext(to.context, &from);
  after_jump(t);
  store_suspended(t);
}

WEFT_NO_TSAN void leave_fiber(fiber_slot& to) {
  before_jump(to, true);
  enter_thread_pointer(to);
  ctx::jump_fcontext(to.context, nullptr);
  __builtin_unreachable();
}

WEFT_NO_TSAN void fiber_started(ctx::transfer_t t) {
  after_jump(t);
  store_suspended(t);
}

}  // namespace weft::detail
