// openmp_abi.hpp — the entry points of LLVM's OpenMP runtime (libomp) that
// weft exec interposes (openmp_tasks.cpp, openmp_locks.cpp), as the
// compiler calls them: clang's CGOpenMPRuntime and libomp's kmp.h, only the
// fields and functions used.
#pragma once

#include <cstddef>
#include <cstdint>

// A task starts with its shareds and its routine.
struct ident_t;
using kmp_int32 = std::int32_t;
using kmp_routine_entry_t = kmp_int32 (*)(kmp_int32, void*);
struct kmp_task_t {
  void* shareds;
  kmp_routine_entry_t routine;
};
using kmp_critical_name = kmp_int32[8];
// omp.h's locks, by address only (GCC's omp.h and LLVM's lay them out differently).
using omp_lock_t = void;
using omp_nest_lock_t = void;

extern "C" {
kmp_task_t* __kmpc_omp_task_alloc(ident_t* loc, kmp_int32 gtid, kmp_int32 flags, std::size_t size_of_task,
                                  std::size_t size_of_shareds, kmp_routine_entry_t routine);
kmp_int32 __kmpc_omp_task(ident_t* loc, kmp_int32 gtid, kmp_task_t* task);
kmp_int32 __kmpc_omp_task_with_deps(ident_t* loc, kmp_int32 gtid, kmp_task_t* task, kmp_int32 ndeps, void* deps,
                                    kmp_int32 ndeps_noalias, void* noalias_deps);
kmp_int32 __kmpc_omp_taskwait(ident_t* loc, kmp_int32 gtid);
kmp_int32 __kmpc_omp_taskyield(ident_t* loc, kmp_int32 gtid, int end_part);
void __kmpc_taskgroup(ident_t* loc, kmp_int32 gtid);
void __kmpc_end_taskgroup(ident_t* loc, kmp_int32 gtid);
void __kmpc_taskloop(ident_t* loc, int gtid, kmp_task_t* task, int if_val, std::uint64_t* lb, std::uint64_t* ub,
                     std::int64_t st, int nogroup, int sched, std::uint64_t grainsize, void* task_dup);
void __kmpc_taskloop_5(ident_t* loc, int gtid, kmp_task_t* task, int if_val, std::uint64_t* lb, std::uint64_t* ub,
                       std::int64_t st, int nogroup, int sched, std::uint64_t grainsize, int modifier, void* task_dup);
void* __kmpc_task_allow_completion_event(ident_t* loc, int gtid, kmp_task_t* task);
void __kmpc_critical(ident_t* loc, kmp_int32 gtid, kmp_critical_name* crit);
void __kmpc_critical_with_hint(ident_t* loc, kmp_int32 gtid, kmp_critical_name* crit, std::uint32_t hint);
void __kmpc_end_critical(ident_t* loc, kmp_int32 gtid, kmp_critical_name* crit);
void omp_set_lock(omp_lock_t* lock);
void omp_unset_lock(omp_lock_t* lock);
int omp_test_lock(omp_lock_t* lock);
void omp_set_nest_lock(omp_nest_lock_t* lock);
void omp_unset_nest_lock(omp_nest_lock_t* lock);
int omp_test_nest_lock(omp_nest_lock_t* lock);
}
