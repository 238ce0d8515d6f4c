// oneTBB's tasks inside an execution of weft exec (parallel_for,
// parallel_reduce, parallel_invoke, task_group...).
//
// libtbb hands a task from the thread that spawns it to the one that runs
// it, and tells the waiter that every task is done, with atomics inside
// libtbb.so, which the instrumentation never sees: the body of a correct
// parallel_for (each iteration writing its own element) and the read of the
// results after it were reported as a data race. oneTBB says where it
// orders, for tools, in two places, and weft listens to both:
//  - its headers notify "releasing" on a task before r1::spawn and
//    "acquired" on the wait_context after r1::wait / r1::execute_and_wait
//    returns, but only in debug builds of the program (TBB_USE_PROFILING_TOOLS
//    == 2): weft's definitions of those entry points do the same in every
//    build, the acquire as an acquire-release read-modify-write (adding 0) of
//    the wait_context's reference count, which the headers' inlined
//    release() decrements with instrumented read-modify-writes — it
//    synchronises with every one of them, the last one included;
//  - libtbb itself notifies "acquired" on a task when a thread takes it to
//    run it, through Intel's ITT API, when a collector is loaded: the
//    runtime carries one (itt_collector.cpp) and, in a program that links
//    libtbb, names it to ITT before main (offer_itt_collector()).
// A task's memory goes back to libtbb's pool at r1::deallocate and is
// handed out again by r1::allocate: it is forgotten there, as free()'s is.
//
// Not followed: a task_arena::execute whose functor another thread runs
// (the arena full).
// Outside an execution the real functions run untouched.
#include <link.h>
#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "../runtime/weft_fds.hpp"
#include "address_objects.hpp"
#include "interpose.hpp"

extern "C" {
// TSan's annotations and instrumented atomics' entries (annotations.cpp, tsan_entry.cpp).
void __tsan_release(void* address);
void __tsan_acquire(void* address);
std::int64_t __tsan_atomic64_fetch_add(volatile std::int64_t* a, std::int64_t v, int order);
// The ITT collector's bytes (generated from itt_collector.cpp).
extern const unsigned char weft_itt_collector_blob[];
extern const std::size_t weft_itt_collector_blob_size;
}

// oneTBB's types, by reference only: the entry points below have their
// mangled names (libtbb.so.12, oneTBB 2021).
namespace tbb::detail {
namespace d1 {
class task;
class task_group_context;
class wait_context;
class small_object_pool;
class task_arena_base;
struct execution_data;
using slot_id = unsigned short;
}  // namespace d1
namespace r1 {
class arena;
}  // namespace r1
}  // namespace tbb::detail

namespace weft::detail::instrument {
namespace {

namespace d1 = tbb::detail::d1;

constexpr const char* tbb_library = "libtbb.so.12";
constexpr int tsan_acq_rel = 4;  // ThreadSanitizer's morder for memory_order_acq_rel

/// The real libtbb function `symbol` (mangled), as a `Function`.
template <class Function>
Function real_tbb(std::atomic<void*>& address, const char* symbol) {
  return reinterpret_cast<Function>(resolve_real_in(address, symbol, tbb_library));
}

/// The thread that spawns `t` publishes what it did up to now to whoever runs it.
void spawned(d1::task& t) {
  if (tables() != nullptr) __tsan_release(&t);
}

/// The waiter of `w` has seen its reference count drop to zero inside
/// libtbb: it synchronises with every task that released it. The count is
/// the std::atomic<std::uint64_t> after wait_context's first word.
void waited(d1::wait_context& w) {
  if (tables() == nullptr) return;
  auto* count = reinterpret_cast<volatile std::int64_t*>(reinterpret_cast<char*>(&w) + sizeof(std::uint64_t));
  (void)__tsan_atomic64_fetch_add(count, 0, tsan_acq_rel);
}

/// A task's block goes back to libtbb's pool: its bytes start afresh.
void returned(void* block, std::size_t size) {
  if (tables() != nullptr) forget(block, size);
}

/// dl_iterate_phdr's visitor: whether libtbb is among the loaded objects.
int note_tbb(dl_phdr_info* info, std::size_t, void* found) {
  if (info->dlpi_name != nullptr && std::strstr(info->dlpi_name, "/libtbb.so") != nullptr) {
    *static_cast<bool*>(found) = true;
  }
  return 0;
}

}  // namespace

void offer_itt_collector() {
  bool linked = false;
  ::dl_iterate_phdr(note_tbb, &linked);
  if (!linked || std::getenv("INTEL_LIBITTNOTIFY64") != nullptr) return;  // a collector of the user's stays
  const int fd = ::memfd_create("weft-itt-collector", MFD_CLOEXEC);
  if (fd < 0) return;
  std::size_t written = 0;
  while (written < weft_itt_collector_blob_size) {
    const ssize_t n = ::write(fd, weft_itt_collector_blob + written, weft_itt_collector_blob_size - written);
    if (n <= 0) {
      ::close(fd);
      return;
    }
    written += static_cast<std::size_t>(n);
  }
  weft_fds::keep(fd);  // the program's close() of it fails, as on real threads where it does not exist
  ::setenv("INTEL_LIBITTNOTIFY64", ("/proc/self/fd/" + std::to_string(fd)).c_str(), 1);
  ::setenv("INTEL_ITTNOTIFY_GROUPS", "sync", 0);
}

}  // namespace weft::detail::instrument

using namespace weft::detail::instrument;

extern "C" {

// The collector's entries (itt_collector.cpp): libtbb's own notifications.
[[gnu::visibility("default")]] void weft_itt_sync_acquired(void* address) {
  if (tables() != nullptr) __tsan_acquire(address);
}
[[gnu::visibility("default")]] void weft_itt_sync_releasing(void* address) {
  if (tables() != nullptr) __tsan_release(address);
}

}  // extern "C"

// Weak: a program with oneTBB linked in statically keeps oneTBB's.
namespace tbb::detail::r1 {

using weft::detail::instrument::serving_program_call;

[[gnu::weak]] void spawn(d1::task& t, d1::task_group_context& ctx) {
  const serving_program_call serving(__builtin_return_address(0));  // oneTBB's worker starts name this call
  static std::atomic<void*> real{nullptr};
  spawned(t);
  real_tbb<void (*)(d1::task&, d1::task_group_context&)>(
      real, "_ZN3tbb6detail2r15spawnERNS0_2d14taskERNS2_18task_group_contextE")(t, ctx);
}

[[gnu::weak]] void spawn(d1::task& t, d1::task_group_context& ctx, d1::slot_id id) {
  const serving_program_call serving(__builtin_return_address(0));
  static std::atomic<void*> real{nullptr};
  spawned(t);
  real_tbb<void (*)(d1::task&, d1::task_group_context&, d1::slot_id)>(
      real, "_ZN3tbb6detail2r15spawnERNS0_2d14taskERNS2_18task_group_contextEt")(t, ctx, id);
}

[[gnu::weak]] void enqueue(d1::task& t, d1::task_arena_base* arena) {
  const serving_program_call serving(__builtin_return_address(0));
  static std::atomic<void*> real{nullptr};
  spawned(t);
  real_tbb<void (*)(d1::task&, d1::task_arena_base*)>(
      real, "_ZN3tbb6detail2r17enqueueERNS0_2d14taskEPNS2_15task_arena_baseE")(t, arena);
}

[[gnu::weak]] void enqueue(d1::task& t, d1::task_group_context& ctx, d1::task_arena_base* arena) {
  const serving_program_call serving(__builtin_return_address(0));
  static std::atomic<void*> real{nullptr};
  spawned(t);
  real_tbb<void (*)(d1::task&, d1::task_group_context&, d1::task_arena_base*)>(
      real, "_ZN3tbb6detail2r17enqueueERNS0_2d14taskERNS2_18task_group_contextEPNS2_15task_arena_baseE")(t, ctx, arena);
}

// A task submitted to an arena (a flow graph's node bodies, task_arena::enqueue).
[[gnu::weak]] void submit(d1::task& t, d1::task_group_context& ctx, arena* a, std::uintptr_t as_critical) {
  const serving_program_call serving(__builtin_return_address(0));
  static std::atomic<void*> real{nullptr};
  spawned(t);
  real_tbb<void (*)(d1::task&, d1::task_group_context&, arena*, std::uintptr_t)>(
      real, "_ZN3tbb6detail2r16submitERNS0_2d14taskERNS2_18task_group_contextEPNS1_5arenaEm")(t, ctx, a, as_critical);
}

[[gnu::weak]] void execute_and_wait(d1::task& t, d1::task_group_context& t_ctx, d1::wait_context& w,
                                    d1::task_group_context& w_ctx) {
  const serving_program_call serving(__builtin_return_address(0));
  static std::atomic<void*> real{nullptr};
  spawned(t);
  real_tbb<void (*)(d1::task&, d1::task_group_context&, d1::wait_context&, d1::task_group_context&)>(
      real, "_ZN3tbb6detail2r116execute_and_waitERNS0_2d14taskERNS2_18task_group_contextERNS2_12wait_contextES6_")(
      t, t_ctx, w, w_ctx);
  waited(w);
}

[[gnu::weak]] void wait(d1::wait_context& w, d1::task_group_context& ctx) {
  const serving_program_call serving(__builtin_return_address(0));
  static std::atomic<void*> real{nullptr};
  real_tbb<void (*)(d1::wait_context&, d1::task_group_context&)>(
      real, "_ZN3tbb6detail2r14waitERNS0_2d112wait_contextERNS2_18task_group_contextE")(w, ctx);
  waited(w);
}

[[gnu::weak]] void deallocate(d1::small_object_pool& pool, void* block, std::size_t size) {
  static std::atomic<void*> real{nullptr};
  returned(block, size);
  real_tbb<void (*)(d1::small_object_pool&, void*, std::size_t)>(
      real, "_ZN3tbb6detail2r110deallocateERNS0_2d117small_object_poolEPvm")(pool, block, size);
}

[[gnu::weak]] void deallocate(d1::small_object_pool& pool, void* block, std::size_t size,
                              const d1::execution_data& ed) {
  static std::atomic<void*> real{nullptr};
  returned(block, size);
  real_tbb<void (*)(d1::small_object_pool&, void*, std::size_t, const d1::execution_data&)>(
      real, "_ZN3tbb6detail2r110deallocateERNS0_2d117small_object_poolEPvmRKNS2_14execution_dataE")(pool, block, size,
                                                                                                    ed);
}

}  // namespace tbb::detail::r1
