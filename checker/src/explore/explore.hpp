// explore.hpp — the iteration loop behind weft::check: budgets, seeds,
// strategies, lock-order accumulation, and the replay that attaches a full
// trace to each finding.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <vector>

#include "../runtime/execution.hpp"
#include "../shrink/shrink_finding.hpp"
#include "../trace/schedule_codec.hpp"
#include "weft/check.hpp"

namespace weft::detail {

struct worker_link;

/// Which iterations a process explores: one of every `count` consecutive
/// ones, the worker shifting by one at each block of `count`. Plain
/// i % count would give a periodic strategy's members to fixed workers (the
/// default portfolio alternates POS and PCT: at --jobs 2 one worker ran
/// every POS execution, the other every PCT one, and the faster one sat
/// idle: 79 % efficiency on bank/account_locked, 95-97 % with one strategy).
/// Any partition finds the same: each iteration is reproducible alone, and
/// each worker goes through its own in increasing order.
struct iteration_slice {
  unsigned index = 0;
  unsigned count = 1;
  bool owns(std::uint64_t iteration) const {
    return count == 1 || (iteration + iteration / count) % count == index;  // one worker: no division per execution
  }
};

/// weft exec (checker/src/instrument/): the body is a whole program's main(),
/// which may run only once per process (globals, heap, file descriptors).
/// When set, every execution runs in a process of its own, forked from one
/// that has not run the body: a supervised worker runs a single execution
/// (and no warm-up), and a replay of several executions (a lock-order
/// finding) runs each but the last in a child of its own.
extern bool fresh_process_per_execution;
/// When set (weft exec, except its --replay, which prints as it runs), the
/// standard output and error of the replay that traces a finding are
/// captured and shown with it (program_output.hpp).
extern bool capture_program_output;
/// Called in the supervisor once a child process it started (a worker, a
/// replay, a shrinking candidate) has ended and been reaped, with its pid:
/// weft exec removes what the program made there that outlives a process
/// (sysv_ipc.cpp). Null: nothing to do.
extern void (*child_process_ended)(pid_t pid);

/// Explores the iterations of `slice` (fast path: findings carry their
/// schedule, not yet a trace). Stops at the first finding unless keep_going;
/// `stop_below`, when given, is polled: iterations at or above it are skipped
/// (another worker already found something earlier).
/// `link`, in a supervised worker: progress and decisions go to shared
/// memory, findings and lock-order edges down the pipe as they are found (a
/// worker leaves the lock-order graph to the parent, which merges every
/// worker's edges in iteration order).
result explore(const std::function<void()>& body, const options& opts, iteration_slice slice,
               std::uint64_t* stop_below = nullptr, worker_link* link = nullptr);

/// A systematic search claims nothing (no exhausted space, no completed
/// bound) once an execution went another way than the prefix it replayed.
inline void withhold_claims_if_diverged(run_stats& s) {
  if (s.diverged == 0) return;
  s.exhausted = false;
  s.completed_bound = -1;
}

/// Keeps in `s` the earliest execution that left its replayed schedule:
/// execution `at` (1-based) did, as `where` says (empty: it did not).
/// (By reference: explore() calls it after every execution, nearly always
/// with nothing to keep.)
inline void keep_earliest_divergence(run_stats& s, std::uint64_t at, const std::string& where) {
  if (where.empty() || (!s.first_divergence.empty() && s.first_divergence_execution <= at)) [[likely]] return;
  s.first_divergence_execution = at;
  s.first_divergence = where;
}

/// A lock-order edge and the iteration that first showed it, as a worker
/// sends it to the parent.
struct iteration_edge {
  std::uint64_t iteration;
  lock_edge edge;
};

/// Whether two findings are the same bug: same kind and locations and, for a
/// death of the worker (crash, exit, hang), the same message.
bool same_finding(const finding& a, const finding& b);

/// The most decisions one execution of a schedule may have: twice the step
/// bound (every step may carry a data choice) plus a margin, at most 2^22.
/// A schedule string that expands beyond it is rejected when decoded.
std::uint64_t decision_limit(const options& opts);

/// dfs, ipb, idb: one search tree, explored as one sequence of executions in
/// one process (never split among workers).
bool is_systematic(strategy_kind k);

/// pct, surw, portfolio: their schedules depend on the scenario's profile
/// (sched/strategy.hpp, execution_profile), measured by the first
/// warmup_iterations() executions, which run under random walk (portfolio:
/// POS). weft run runs them in every worker before its own executions, and
/// does not report them; weft exec runs them as the first iterations,
/// reported as any other, and the executions after them wait for their
/// profile.
bool needs_warmup(strategy_kind k);
std::uint64_t warmup_iterations(const options& opts);

/// Replays a schedule; the last execution with full tracing when `trace`.
/// The finding (if any) carries the trace.
result replay_schedule(const std::function<void()>& body, const schedule& s, const options& opts, bool trace);

/// Replaces each finding by its traced replay (or notes that it did not reproduce).
void attach_traces(const std::function<void()>& body, const options& opts, std::vector<finding>& findings);

/// Runs explore() in `opts.jobs` worker processes under a supervisor that
/// turns a worker's death (signal, exit, watchdog) into a finding for the
/// execution it was running, enforces the time budget and merges the
/// workers' results so that they do not depend on the number of jobs.
result explore_supervised(const std::function<void()>& body, const options& opts);

/// shrink_finding (shrink/shrink_finding.hpp) in a child process: a
/// candidate schedule that crashes, exits or hangs ends the search with the
/// simplest schedule found before it. With fresh_process_per_execution
/// (weft exec), each candidate in a child of its own instead: one that dies
/// or hangs does not reproduce, and the search goes on.
std::optional<shrunk_schedule> shrink_supervised(const std::function<void()>& body, const schedule& s,
                                                 const options& opts, const finding& f);

/// fresh_process_per_execution: runs one execution of `body` under `s` in a
/// child process and returns the lock-order edges it showed (none when the
/// child died).
std::vector<lock_edge> lock_edges_in_child(execution& exec, const std::function<void()>& body, strategy& s);

/// replay_schedule with tracing, in a child process: a crash, exit or hang
/// of the replayed execution is its finding (with the trace where the child
/// could still catch it).
result replay_supervised(const std::function<void()>& body, const schedule& s, const options& opts);

}  // namespace weft::detail
