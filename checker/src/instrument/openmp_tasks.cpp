// OpenMP's tasks under weft exec (see openmp_locks.cpp for OpenMP as a
// whole: libomp, Archer, what weft takes over).
//
// Waiting for tasks. At a taskwait or at the end of a taskgroup libomp runs
// the queued tasks it can and looks again, with no call weft sees: on one
// OS thread the waiting thread spun forever while the task another logical
// thread had started never ended (a "hang" on a correct program). So weft
// counts each task's unfinished children and each taskgroup's unfinished
// tasks itself: a task the program creates (__kmpc_omp_task_alloc) runs
// through a trampoline that counts its end; __kmpc_omp_taskwait and
// __kmpc_end_taskgroup run what is queued here (__kmpc_omp_taskyield) and
// give way to the other logical threads until the count is zero, then call
// libomp's own wait, which returns at once and tells Archer the wait is
// over. taskloop, whose tasks libomp copies, and detached tasks, which end
// after their routine, are refused.
//
// A task handed to libomp is a scheduling point: another thread may take it
// before its creator goes on, as on real threads; a taskyield yields to the
// other logical threads too.
//
// The records live until the execution's process ends (one process per
// execution): a trampoline may end after the task that created it. Every
// definition here is weak: a program with its own (OpenMP stubs for a build
// without -fopenmp) links, and keeps its own.
#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "../runtime/execution.hpp"
#include "address_objects.hpp"
#include "interpose.hpp"
#include "openmp_abi.hpp"

namespace weft::detail::instrument {
namespace {

WEFT_REAL(__kmpc_omp_task_alloc);
WEFT_REAL(__kmpc_omp_task);
WEFT_REAL(__kmpc_omp_task_with_deps);
WEFT_REAL(__kmpc_omp_taskwait);
WEFT_REAL(__kmpc_omp_taskyield);
WEFT_REAL(__kmpc_taskgroup);
WEFT_REAL(__kmpc_end_taskgroup);
WEFT_REAL(__kmpc_taskloop);
WEFT_REAL(__kmpc_taskloop_5);
WEFT_REAL(__kmpc_task_allow_completion_event);

/// Unfinished tasks: a task's children, or a taskgroup's tasks.
struct pending_tasks {
  std::uint32_t count = 0;
};

/// A taskgroup: its tasks, and the one it is nested in (same task).
struct task_group {
  pending_tasks tasks;
  task_group* outer = nullptr;
};

/// A task the program created and libomp has not started yet.
struct queued_task {
  kmp_routine_entry_t routine = nullptr;  // the program's
  pending_tasks* parent = nullptr;        // its creator's children
  task_group* group = nullptr;            // the creator's innermost taskgroup, or null
};

/// What a logical thread is running: a task, or its implicit task.
struct running_task {
  pending_tasks children;
  task_group* group = nullptr;  // innermost taskgroup open in it (or inherited)
};

// Per logical thread (thread_local is per logical thread under weft exec):
// the tasks it runs, the innermost last; below them its implicit task.
thread_local running_task implicit_task;
thread_local std::vector<running_task*> running;

// Tasks created and not started, by the address libomp gave them.
std::unordered_map<const void*, queued_task>& queued() {
  static std::unordered_map<const void*, queued_task> tasks;
  return tasks;
}

running_task& current_task() { return running.empty() ? implicit_task : *running.back(); }

/// Runs the program's routine as the task `task`, and counts its end.
kmp_int32 trampoline(kmp_int32 gtid, void* task) {
  queued_task q;
  {
    const weft_section weft;
    const auto found = queued().find(task);
    if (found == queued().end()) unsupported("an OpenMP task libomp copied", "its end cannot be counted");
    q = found->second;
    queued().erase(found);
    auto* me = new running_task;  // outlives this call: see the file's comment
    me->group = q.group;
    running.push_back(me);
  }
  const kmp_int32 result = q.routine(gtid, task);
  running.pop_back();
  if (q.parent != nullptr) --q.parent->count;
  if (q.group != nullptr) --q.group->tasks.count;
  return result;
}

/// `task` is handed to libomp: its creator (the current task) waits for it.
void created(const kmp_task_t* task) {
  const weft_section weft;
  const auto found = queued().find(task);
  if (found == queued().end()) return;  // not allocated by the program
  running_task& creator = current_task();
  found->second.parent = &creator.children;
  found->second.group = creator.group;
  ++creator.children.count;
  if (creator.group != nullptr) ++creator.group->tasks.count;
}

/// A task was handed to libomp at `pc`: another thread may take it now.
void handed_over(const void* pc) {
  const weft_section weft;
  thread_point("OpenMP task", location::caller(pc));
}

/// Returns once `pending` is zero: the queued tasks run here, and the other
/// logical threads run meanwhile.
void wait_for(const pending_tasks& pending, ident_t* loc, kmp_int32 gtid, const void* pc) {
  while (pending.count > 0) {
    real___kmpc_omp_taskyield(loc, gtid, 0);
    if (pending.count == 0) break;
    const weft_section weft;
    thread_give_way("OpenMP task wait", location::caller(pc));
  }
}

}  // namespace
}  // namespace weft::detail::instrument

using namespace weft::detail;
using namespace weft::detail::instrument;

extern "C" {

[[gnu::weak]] kmp_task_t* __kmpc_omp_task_alloc(ident_t* loc, kmp_int32 gtid, kmp_int32 flags, std::size_t size_of_task,
                                                std::size_t size_of_shareds, kmp_routine_entry_t routine) {
  kmp_task_t* task = real___kmpc_omp_task_alloc(loc, gtid, flags, size_of_task, size_of_shareds, routine);
  if (tables() == nullptr || task == nullptr || routine == nullptr) return task;
  const weft_section weft;
  queued()[task] = queued_task{routine, nullptr, nullptr};
  task->routine = trampoline;
  return task;
}

[[gnu::weak]] kmp_int32 __kmpc_omp_task(ident_t* loc, kmp_int32 gtid, kmp_task_t* task) {
  if (tables() == nullptr) return real___kmpc_omp_task(loc, gtid, task);
  created(task);
  const kmp_int32 result = real___kmpc_omp_task(loc, gtid, task);
  handed_over(WEFT_PC);
  return result;
}

[[gnu::weak]] kmp_int32 __kmpc_omp_task_with_deps(ident_t* loc, kmp_int32 gtid, kmp_task_t* task, kmp_int32 ndeps,
                                                  void* deps, kmp_int32 ndeps_noalias, void* noalias_deps) {
  if (tables() == nullptr)
    return real___kmpc_omp_task_with_deps(loc, gtid, task, ndeps, deps, ndeps_noalias, noalias_deps);
  created(task);
  const kmp_int32 result = real___kmpc_omp_task_with_deps(loc, gtid, task, ndeps, deps, ndeps_noalias, noalias_deps);
  handed_over(WEFT_PC);
  return result;
}

[[gnu::weak]] kmp_int32 __kmpc_omp_taskwait(ident_t* loc, kmp_int32 gtid) {
  if (tables() != nullptr) wait_for(current_task().children, loc, gtid, WEFT_PC);
  return real___kmpc_omp_taskwait(loc, gtid);
}

// taskyield: libomp may run another queued task here; then the thread
// yields to the other logical threads, as sched_yield does (a loop polling
// with taskyield waits for another thread).
[[gnu::weak]] kmp_int32 __kmpc_omp_taskyield(ident_t* loc, kmp_int32 gtid, int end_part) {
  const kmp_int32 result = real___kmpc_omp_taskyield(loc, gtid, end_part);
  if (tables() != nullptr) {
    const weft_section weft;
    thread_yield(location::caller(WEFT_PC));
  }
  return result;
}

[[gnu::weak]] void __kmpc_taskgroup(ident_t* loc, kmp_int32 gtid) {
  if (tables() != nullptr) {
    const weft_section weft;
    running_task& me = current_task();
    me.group = new task_group{{}, me.group};  // outlives the group: see the file's comment
  }
  real___kmpc_taskgroup(loc, gtid);
}

[[gnu::weak]] void __kmpc_end_taskgroup(ident_t* loc, kmp_int32 gtid) {
  if (tables() != nullptr) {
    running_task& me = current_task();
    if (me.group != nullptr) {
      wait_for(me.group->tasks, loc, gtid, WEFT_PC);
      me.group = me.group->outer;
    }
  }
  real___kmpc_end_taskgroup(loc, gtid);
}

[[gnu::weak]] void __kmpc_taskloop(ident_t* loc, int gtid, kmp_task_t* task, int if_val, std::uint64_t* lb,
                                   std::uint64_t* ub, std::int64_t st, int nogroup, int sched, std::uint64_t grainsize,
                                   void* task_dup) {
  if (tables() != nullptr) unsupported("OpenMP taskloop", "libomp copies its tasks where weft cannot count them");
  real___kmpc_taskloop(loc, gtid, task, if_val, lb, ub, st, nogroup, sched, grainsize, task_dup);
}

[[gnu::weak]] void __kmpc_taskloop_5(ident_t* loc, int gtid, kmp_task_t* task, int if_val, std::uint64_t* lb,
                                     std::uint64_t* ub, std::int64_t st, int nogroup, int sched,
                                     std::uint64_t grainsize, int modifier, void* task_dup) {
  if (tables() != nullptr) unsupported("OpenMP taskloop", "libomp copies its tasks where weft cannot count them");
  real___kmpc_taskloop_5(loc, gtid, task, if_val, lb, ub, st, nogroup, sched, grainsize, modifier, task_dup);
}

[[gnu::weak]] void* __kmpc_task_allow_completion_event(ident_t* loc, int gtid, kmp_task_t* task) {
  if (tables() != nullptr)
    unsupported("an OpenMP detached task", "it ends after its routine, where weft cannot see it");
  return real___kmpc_task_allow_completion_event(loc, gtid, task);
}

}  // extern "C"
