// strategy.hpp — the policy side of the controlled scheduler.
//
// A strategy only chooses: which enabled logical thread runs next, and the
// answer to a data choice (a spurious wakeup, a weft::random value). The
// runtime (runtime/) only runs threads and asks; at each choice it shows the
// strategy what every thread will do next (its pending operation) and how
// far it got, so partial-order-aware strategies (POS) and event-counting
// ones (SURW) need nothing else from the runtime. New strategies are written
// against this interface alone.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rng.hpp"
#include "weft/check.hpp"

namespace weft::detail {

/// How a pending operation touches its object. `any` is an operation the
/// runtime cannot describe (a thread that has not started, a yield): it
/// conflicts with everything, so no strategy or reduction treats it as
/// independent.
enum class access : std::uint8_t { none, read, write, sync, any };

/// A thread's next visible operation: the object (a checked primitive's
/// state) and the kind of access. Two operations conflict when they touch
/// the same object and at least one writes or synchronises (lock, wait,
/// notify, semaphore), or when either is `any`.
struct pending_op {
  const void* object = nullptr;
  access kind = access::any;
};

constexpr bool conflicts(pending_op a, pending_op b) {
  if (a.kind == access::any || b.kind == access::any) return true;
  if (a.kind == access::none || b.kind == access::none) return false;
  return a.object == b.object && (a.kind != access::read || b.kind != access::read);
}

/// What the runtime shows a strategy about one logical thread (indexed by id).
struct thread_info {
  pending_op next;          // what it does when it runs next
  std::uint32_t steps = 0;  // scheduling points it passed in this execution
};

/// Per-thread lengths measured by the warm-up executions (random walk):
/// PCT draws change points over `longest`, SURW weighs threads by
/// `thread_steps` (the most scheduling points each thread id passed).
struct execution_profile {
  std::uint64_t longest = 1;
  std::vector<std::uint64_t> thread_steps;
  void add(std::uint64_t decisions, std::span<const thread_info> threads);
  /// The larger of each measure (the order of merges does not matter).
  void merge(const execution_profile& other);
  /// As text, and back (weft exec hands the warm-up's profile to the
  /// processes of the executions after it); from_text throws
  /// std::invalid_argument on text to_text did not write.
  std::string to_text() const;
  static execution_profile from_text(std::string_view text);
};

class strategy {
 public:
  virtual ~strategy() = default;
  /// Before execution `iteration` starts. Returns false when the strategy has
  /// nothing left to explore (a systematic search exhausted its space).
  virtual bool begin_execution(std::uint64_t iteration) = 0;
  /// Picks one of `enabled` (at least two): the runnable threads in
  /// ascending id order, then those whose timed wait may expire, earliest
  /// deadline first (choosing one lets logical time pass), then condition
  /// waiters that may wake spuriously (when enabled). `current` is the thread that reached the
  /// scheduling point and could go on, or no_thread when it blocks.
  /// `threads[t]` describes thread t (every thread of the execution so far).
  virtual std::uint32_t pick_thread(std::span<const std::uint32_t> enabled, std::uint32_t current,
                                    std::span<const thread_info> threads) = 0;
  /// A value in [0, bound), bound >= 2.
  virtual std::uint64_t pick_value(std::uint64_t bound) = 0;
  /// A logical thread was spawned / yielded (PCT adjusts priorities).
  virtual void on_spawn(std::uint32_t /*thread*/) {}
  virtual void on_yield(std::uint32_t /*thread*/) {}
  /// The runtime saw a run of futile steps as long as a livelock's
  /// (runtime/fairness.cpp). Choices that follow fixed rules (PCT's
  /// priorities) can keep two threads in a lockstep that real threads leave
  /// almost surely (libstdc++'s std::lock of three mutexes: lock one, fail to
  /// try the next, back off, in turn for ever); such a strategy picks at
  /// random for the rest of the execution, and only a livelock that outlasts
  /// another bound of futile steps is reported.
  virtual void on_livelock_suspected() {}
  /// After the execution, with the number of decisions it took and the
  /// final state of every thread.
  virtual void end_execution(std::uint64_t /*decisions*/, std::span<const thread_info> /*threads*/) {}
  /// Systematic searches: whether the whole (bounded) space was explored.
  virtual bool exhausted() const { return false; }
  /// Iterative bounding: the largest bound whose space was fully explored
  /// so far, or -1 (none yet, or not an iterative strategy).
  virtual int completed_bound() const { return -1; }
  /// Systematic searches: how many executions so far did not follow the
  /// prefix they replayed (other threads enabled, a value asked where a
  /// thread was chosen, an end before the prefix did). Code whose behaviour
  /// the schedule alone does not decide (real time, addresses, state kept
  /// from one execution to the next) does that, and then having walked the
  /// whole tree proves nothing.
  virtual std::uint64_t diverged() const { return 0; }
  /// weft exec runs every execution in a process of its own, so a search
  /// that learns across executions (dfs, ipb, idb) hands its state on: after
  /// end_execution, the state as text; restore_state() in the next process
  /// resumes from it. "" for a strategy that keeps nothing across executions
  /// (its executions depend on the iteration and the seed alone).
  virtual std::string saved_state() const { return {}; }
  /// Resumes from saved_state()'s text. Throws std::invalid_argument on text
  /// it did not write.
  virtual void restore_state(std::string_view /*state*/) {}

  /// Set by a strategy whose every pick is a uniform draw from this
  /// generator (random walk): pick_thread(enabled, ...) is
  /// uniform_pick(*uniform, enabled) and pick_value(bound) is
  /// uniform->below(bound). The execution then draws itself, without a
  /// virtual call per decision.
  rng* uniform = nullptr;

  /// Systematic searches: set by pick_thread, pick_value or end_execution
  /// where the current execution first leaves the prefix it replays, to
  /// what that decision recorded and what the point offers now ("decision
  /// 7 offered threads 0, 1; now 0, 1, 2"). The execution takes it, adds
  /// which thread was where, and clears it. Empty otherwise.
  std::string left_prefix;
};

/// One of `enabled`, uniformly: random walk's pick, which the execution makes
/// itself for a strategy that sets strategy::uniform.
[[gnu::always_inline]] inline std::uint32_t uniform_pick(rng& r, std::span<const std::uint32_t> enabled) {
  return enabled[r.below(enabled.size())];
}

std::unique_ptr<strategy> make_random_strategy(std::uint64_t seed);
/// PCT with bug depth `depth`; `expected_steps` is the execution length
/// measured by a warm-up (change points are drawn over it).
std::unique_ptr<strategy> make_pct_strategy(std::uint64_t seed, unsigned depth, std::uint64_t expected_steps);
/// Partial order sampling (Yuan et al., CAV 2018).
std::unique_ptr<strategy> make_pos_strategy(std::uint64_t seed);
/// Selectively uniform random walk (ASPLOS 2025), weighted by the profile.
std::unique_ptr<strategy> make_surw_strategy(std::uint64_t seed, const execution_profile& profile);
/// Depth-first search with at most `preemption_bound` preemptions.
std::unique_ptr<strategy> make_dfs_strategy(unsigned preemption_bound);
/// Iterative preemption bounding: DFS with bound 0, 1, 2, … each exhausted before the next.
std::unique_ptr<strategy> make_ipb_strategy();
/// Iterative delay bounding: delays against a round-robin scheduler, bound 0, 1, 2, …
std::unique_ptr<strategy> make_idb_strategy();
/// The default mix (see portfolio.cpp for the members and why).
std::unique_ptr<strategy> make_portfolio_strategy(std::uint64_t seed, const execution_profile& profile);

}  // namespace weft::detail
