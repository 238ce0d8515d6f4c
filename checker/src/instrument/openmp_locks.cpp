// OpenMP programs under weft exec (clang's -fopenmp, LLVM's libomp): what
// weft's runtime does about libomp, and OpenMP's locks.
//
// libomp's threads are pthreads, and its barriers spin with sched_yield and
// then sleep on pthread condition variables, all interposed. What OpenMP
// orders (barriers, tasks, single, reductions) is told to weft by LLVM's
// OpenMP tool Archer (libarcher.so, libomp-14-dev) through ThreadSanitizer's
// annotations (annotations.cpp): libomp asks the program for a tool when it
// starts, and weft's ompt_start_tool below answers with Archer's. The rest of
// libomp is not instrumented, so weft sees neither its atomics nor its spin
// loops, and weft takes over what that would get wrong:
//  - omp_lock_t, omp_nest_lock_t and critical sections are weft mutexes
//    (libomp's own spin locks are not used inside an execution): a thread
//    waiting for one lets the holder run, and deadlocks and lock-order
//    inversions among them are found;
//  - taskwait and taskgroup wait the weft way, and handing a task to libomp
//    is a scheduling point (openmp_tasks.cpp);
//  - Archer's own locks are real locks (in_tool_code, tool_locked): they
//    guard its bookkeeping, and a switch inside one of its callbacks would
//    run another thread in the middle of a libomp step (between a task's end
//    and libomp counting it, where a taskwait would spin forever);
//  - the memory libomp copies, fills and frees for itself is not checked
//    (in_openmp_runtime, memory_interpose.cpp).
// A malloc the program links instead of glibc's (libjemalloc, libtcmalloc,
// libmimalloc) is such a tool too: its locks guard the allocator's own
// state, and taking one the weft way would allocate weft's bookkeeping from
// inside that allocator's malloc.
//
// Every definition here is weak: a program with its own (OpenMP stubs for a
// build without -fopenmp, its own OMPT tool) links, and keeps its own.
#include <link.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <vector>

#include "../runtime/execution.hpp"
#include "address_objects.hpp"
#include "interpose.hpp"
#include "library_code.hpp"
#include "openmp_abi.hpp"
#include "../runtime/stack_walk.hpp"

namespace weft::detail::instrument {
namespace {

WEFT_REAL(__kmpc_critical);
WEFT_REAL(__kmpc_critical_with_hint);
WEFT_REAL(__kmpc_end_critical);
WEFT_REAL(omp_set_lock);
WEFT_REAL(omp_unset_lock);
WEFT_REAL(omp_test_lock);
WEFT_REAL(omp_set_nest_lock);
WEFT_REAL(omp_unset_nest_lock);
WEFT_REAL(omp_test_nest_lock);

/// A lock of OpenMP's (omp_lock_t, omp_nest_lock_t, a critical section's
/// name) as the weft mutex kept under its address.
mutex_state& lock_at(const void* lock, bool nests) {
  return mutex_at(current_tables(), lock, nests ? object_kind::recursive_mutex : object_kind::mutex);
}

/// Inside an execution, a call from `pc`: takes the lock at `lock`.
void take(const void* lock, bool nests, const void* pc) {
  const weft_section weft;
  mutex_lock(lock_at(lock, nests), location::caller(pc));
}

/// Inside an execution, a call from `pc`: gives the lock at `lock` back.
void give_back(const void* lock, bool nests, const void* pc) {
  const weft_section weft;
  mutex_unlock(lock_at(lock, nests), location::caller(pc));
}

/// Inside an execution, a call from `pc`: takes the lock at `lock` if it is
/// free; returns its new nesting count (1 for a lock that does not nest), or
/// 0 when it was taken.
int try_take(const void* lock, bool nests, const void* pc) {
  const weft_section weft;
  mutex_state& m = lock_at(lock, nests);
  if (!mutex_try_lock(m, location::caller(pc))) return 0;
  return nests ? static_cast<int>(m.recursion) : 1;
}

/// libomp's code and Archer's, an allocator's, the opaque libraries' (libzmq,
/// OpenSSL's libcrypto and libssl): looked for at the
/// first question (a library the program links is loaded before main), and
/// again once Archer is loaded (ompt_start_tool). Plain globals, not
/// function-local statics: the C++ runtime's guard is interposed
/// (static_init.cpp).
library_code libomp_code, archer_code, allocator_code, opaque_code, cxx_runtime_code;
bool looked_for = false;

std::vector<const void*> tool_held;  // mutexes a tool's code has locked

void look_for_openmp() {
  looked_for = true;
  static constexpr const char* archer[] = {"libarcher", nullptr};
  static constexpr const char* libomp[] = {"libomp", nullptr};
  static constexpr const char* allocators[] = {"libjemalloc", "libtcmalloc", "libmimalloc", nullptr};
  static constexpr const char* opaque[] = {
      "libzmq",     "/libcrypto.so", "/libssl.so",    "/libspdlog.so", "/libnng.so",
      "/libleveldb.so", "/libgrpc.so", "/libgrpc++.so", "/libgpr.so",    "/librocksdb.so",
      "/libboost_fiber.so", "/libcaf_core.so", "/libboost_log.so", nullptr};
  archer_code = library_code::of(archer);
  libomp_code = library_code::of(libomp);
  allocator_code = library_code::of(allocators);
  opaque_code = library_code::of(opaque);
  static constexpr const char* cxx_runtime[] = {"/libstdc++.so", nullptr};
  cxx_runtime_code = library_code::of(cxx_runtime);
}

}  // namespace

void find_tool_code() {
  look_for_openmp();
  // A lock an allocator's code takes is noted without allocating: the
  // allocation would be the allocator's, inside its own malloc.
  if (allocator_code.found() && tool_held.capacity() < 256) tool_held.reserve(256);
}

bool in_tool_code(const void* pc) noexcept {
  if (!looked_for) look_for_openmp();
  return archer_code.holds(pc) || allocator_code.holds(pc);
}

bool in_openmp_runtime(const void* pc) noexcept {
  if (!looked_for) look_for_openmp();
  return libomp_code.holds(pc) || archer_code.holds(pc);
}

bool in_opaque_library(const void* pc) noexcept {
  if (!looked_for) look_for_openmp();
  // On a thread spdlog's pool or an opaque library started, uninstrumented
  // code outside the program's calls is that library's work
  // (library_callbacks.cpp).
  const bool library_thread = thread_library == callback_library::spdlog || thread_library == callback_library::opaque;
  return opaque_code.holds(pc) || (library_thread && instrumented_depth == 0);
}

bool called_for_opaque_library(const void* pc) noexcept {
  if (!looked_for) look_for_openmp();
  if (!opaque_code.found() || !cxx_runtime_code.holds(pc)) return false;
  // The first caller outside libstdc++.so, above the call returning to `pc`.
  bool opaque = false;
  walk_stack(
      [&opaque](const void* at) {
        if (cxx_runtime_code.holds(at)) return false;
        opaque = opaque_code.holds(at);
        return true;
      },
      pc);
  return opaque;
}

bool opaque_library_loaded() noexcept {
  if (!looked_for) look_for_openmp();
  return opaque_code.found();
}

void remove_openmp_registration_of(pid_t pid) {
  if (!looked_for) look_for_openmp();
  if (!libomp_code.found()) return;  // the program does not use libomp
  // libomp (LLVM's __kmp_reg_status_name) registers each process that
  // starts it as this POSIX shared memory object, removed at its exit.
  char name[64];
  std::snprintf(name, sizeof name, "/__KMP_REGISTERED_LIB_%d_%d", static_cast<int>(pid), static_cast<int>(::getuid()));
  ::shm_unlink(name);
}

int tool_locked(const void* m, int result) {
  if (result == 0) {
    const weft_section weft;
    tool_held.push_back(m);
  }
  return result;
}

bool tool_unlocks(const void* m) noexcept {
  const auto held = std::find(tool_held.rbegin(), tool_held.rend(), m);
  if (held == tool_held.rend()) return false;
  tool_held.erase(std::next(held).base());
  return true;
}

}  // namespace weft::detail::instrument

using namespace weft::detail;
using namespace weft::detail::instrument;

extern "C" {

[[gnu::weak]] void __kmpc_critical(ident_t* loc, kmp_int32 gtid, kmp_critical_name* crit) {
  if (tables() == nullptr) return real___kmpc_critical(loc, gtid, crit);
  take(crit, false, WEFT_PC);
}

[[gnu::weak]] void __kmpc_critical_with_hint(ident_t* loc, kmp_int32 gtid, kmp_critical_name* crit,
                                             std::uint32_t hint) {
  if (tables() == nullptr) return real___kmpc_critical_with_hint(loc, gtid, crit, hint);
  take(crit, false, WEFT_PC);
}

[[gnu::weak]] void __kmpc_end_critical(ident_t* loc, kmp_int32 gtid, kmp_critical_name* crit) {
  if (tables() == nullptr) return real___kmpc_end_critical(loc, gtid, crit);
  give_back(crit, false, WEFT_PC);
}

[[gnu::weak]] void omp_set_lock(omp_lock_t* lock) {
  if (tables() == nullptr) return real_omp_set_lock(lock);
  take(lock, false, WEFT_PC);
}

[[gnu::weak]] void omp_unset_lock(omp_lock_t* lock) {
  if (tables() == nullptr) return real_omp_unset_lock(lock);
  give_back(lock, false, WEFT_PC);
}

[[gnu::weak]] int omp_test_lock(omp_lock_t* lock) {
  if (tables() == nullptr) return real_omp_test_lock(lock);
  return try_take(lock, false, WEFT_PC);
}

[[gnu::weak]] void omp_set_nest_lock(omp_nest_lock_t* lock) {
  if (tables() == nullptr) return real_omp_set_nest_lock(lock);
  take(lock, true, WEFT_PC);
}

[[gnu::weak]] void omp_unset_nest_lock(omp_nest_lock_t* lock) {
  if (tables() == nullptr) return real_omp_unset_nest_lock(lock);
  give_back(lock, true, WEFT_PC);
}

[[gnu::weak]] int omp_test_nest_lock(omp_nest_lock_t* lock) {
  if (tables() == nullptr) return real_omp_test_nest_lock(lock);
  return try_take(lock, true, WEFT_PC);
}

// libomp asks for a tool in the program first, once, when it starts (its
// first OpenMP construct, inside an execution): weft answers with Archer's.
// Outside an execution it answers none, and libomp goes on to the tools the
// environment names (OMP_TOOL_LIBRARIES), as without weft.
[[gnu::weak]] void* ompt_start_tool(unsigned omp_version, const char* runtime_version) {
  if (tables() == nullptr) return nullptr;
  const weft_section weft;
  const char* path = WEFT_OPENMP_TOOL;
  void* archer = path[0] == '\0' ? nullptr : ::dlopen(path, RTLD_LAZY | RTLD_LOCAL);
  using start_tool = void* (*)(unsigned, const char*);
  auto start = archer == nullptr ? nullptr : reinterpret_cast<start_tool>(::dlsym(archer, "ompt_start_tool"));
  if (start == nullptr)
    unsupported("OpenMP",
                "it needs LLVM's OpenMP tool Archer, libarcher.so from libomp-14-dev, to see what OpenMP "
                "orders, and it is not installed");
  look_for_openmp();  // Archer's code, now
  return start(omp_version, runtime_version);
}

}  // extern "C"
