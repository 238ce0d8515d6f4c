// fairness.cpp — fair scheduling and progress, the runtime's half of livelock
// detection (Musuvathi & Qadeer, "Fair stateless model checking", PLDI 2008).
//
// A thread that does something futile — yields, fails again to get a lock or
// a permit or times out again (see below), reads again an atomic nobody wrote
// since its last look — gives way: it is not offered to the strategy again
// until every thread that was runnable and had not run since this thread's
// turn has had one. So a spin loop cannot starve the thread it waits for
// under any strategy (DFS's "keep running the current thread" included), and
// the strategy still only picks among what the runtime offers. Threads that
// never gave way cost nothing: the filter runs only while some thread is
// giving way.
//
// Progress is a change of shared state that is not undone at once: a write
// to an atomic or a var, a semaphore release, a notify, a thread's start or
// end. A livelock is a run of futile steps with no progress anywhere, longer
// than options::futile_steps per unfinished thread — under fair scheduling a
// correct program's waiters make at most a few futile steps per step of the
// thread they wait for, so the size of a program never makes a livelock.
// The first such run only makes the strategy pick at random (a lockstep of
// fixed priorities is not a livelock: strategy::on_livelock_suspected); a
// livelock is the second.
//
// A failed attempt — a try_lock or try_acquire that failed, a timed wait that
// timed out, a spurious wakeup, the end of a sleep (a thread chosen while
// still blocked) — does not give way the first time: the thread races on as
// on real threads. A thread that timed out may re-take the mutex before the
// thread about to notify and see the condition still false (an `if` where a
// `while` belongs; "the notify always comes before the timeout"); a thread
// whose try_lock failed may look at shared state before the holder's next
// step; a sleeper may wake before another thread moved at all. Giving way at
// once would let the other thread's next step (the notifier's lock(m), the
// holder's write) always run first, under every strategy: those bugs were
// never seen. Giving way one scheduling point later is worse: the woken
// thread holds the mutex again by then, the turn it gives the notifier is
// spent blocking on that mutex, and a strategy that switches freely when a
// thread blocks (DFS) or keeps to priorities (PCT) lets the poller win the
// mutex forever: a livelock reported on a correct polling loop.
//
// So only the thread's next failed attempt is held to fairness, at once,
// before it takes anything: with no progress anywhere since its previous
// one it is futile (a poll that saw nothing change: it gives way and counts
// towards a livelock); after progress it is not futile, but the threads that
// have not run since its previous failed attempt go first (a periodic worker
// whose ticks write would otherwise starve a thread that is ready).
#include <algorithm>
#include <utility>

#include "execution.hpp"

namespace weft::detail {

void execution::hold_back_since(std::uint64_t turn) {
  fairness_state& me = turns_[current_];
  const bool newly = me.gave_way_at == 0;
  if (newly) ++giving_way_;
  if (turn > me.gave_way_at) {
    me.gave_way_at = turn;
    if (fair_index_valid_) {
      if (runnable_set_.contains(current_)) {
        by_gave_way_.push(turn, current_);
        if (newly) {
          const auto at = std::lower_bound(offered_.begin(), offered_.end(), current_);
          if (at != offered_.end() && *at == current_) offered_.erase(at);
        }
      } else {
        fair_index_valid_ = false;
      }
    }
  }
  strategy_->on_yield(current_);
}

void execution::stop_holding_back(std::uint32_t id) {
  turns_[id].gave_way_at = 0;
  --giving_way_;
}

void execution::gave_way() {
  hold_back_since(turns_[current_].last_ran);
  const std::uint64_t unfinished = std::max<std::uint64_t>(1, runnable_ + blocked_);
  if (++futile_steps_ > settings_.futile_steps * unfinished) {
    if (!livelock_suspected_) {  // once: a strategy in lockstep may break it (strategy::on_livelock_suspected)
      livelock_suspected_ = true;
      futile_steps_ = 0;
      strategy_->on_livelock_suspected();
      return;
    }
    fail(livelock_finding(recent_[steps_ % recent_.size()].where, false));
  }
}

void execution::polled(mutex_state& m) {
  // A consumer polling a queue under its mutex ("lock; empty? unlock; again")
  // makes no futile step the rules above see, and a strategy that keeps the
  // current thread (DFS) would never run the producer it waits for. A poll:
  // taking the mutex again after a critical section that changed nothing,
  // with nothing changed since. As with failed attempts, the first races on
  // (a thread's two critical sections back to back, "read under the lock,
  // then write under it", must stay schedulable); the next ones give way.
  // Not the re-lock of a condition variable's wait: it races on (see above;
  // the wait sets the flag, and the next poll, the re-lock when it is one
  // at all, takes it).
  if (std::exchange(self().relocking, false)) return;
  if (++m.polls > 1) give_way();
}

void execution::failed_attempt() {
  logical_thread& me = self();
  const std::uint64_t previous = me.failed_attempt_turn;
  const bool progress_since = me.failed_attempt_progress != progress_;
  me.failed_attempt_turn = turns_[me.id].last_ran;
  me.failed_attempt_progress = progress_;
  if (previous == 0) return;  // the first: it races on
  if (progress_since) {
    hold_back_since(previous);
  } else {
    gave_way();
  }
}

bool execution::ready_to_run(const logical_thread& t, int& nobody_at_work) const {
  // A timed waiter whose deadline has passed is as ready as a runnable
  // thread: letting it wait on while others poll would starve it. So is one
  // whose deadline is still ahead when every runnable thread only polls or
  // spins (gave way): time passing is the one thing left that changes
  // anything, and a strategy that lets time pass only when nothing else can
  // run (dfs) kept the spinner running into a false livelock.
  const thread_status s = status(t.id);
  if (s == thread_status::runnable) return true;
  if (s != thread_status::blocked || !t.has_deadline) return false;
  if (t.deadline <= now_) return true;
  if (nobody_at_work < 0) nobody_at_work = any_at_work() ? 0 : 1;
  return nobody_at_work == 1;
}

void execution::apply_fairness() {
  fair_index_valid_ = false;  // it releases threads behind the index's back
  // A thread that gave way at its turn T waits for every thread ready to run
  // whose last turn is older than T. The two oldest turns among the ready
  // threads answer that for each thread in one pass. The oldest ready thread
  // is never held back, so the list never empties, and there is no cycle of
  // threads waiting for each other.
  std::uint64_t oldest = ~std::uint64_t{0}, second = oldest;
  std::uint32_t oldest_id = no_thread;
  int nobody_at_work = -1;  // asked once, for the first timed waiter whose deadline is ahead
  for (std::uint32_t id : enabled_) {
    if (!runnable_set_.contains(id) && !ready_to_run(*threads_[id], nobody_at_work)) continue;
    const std::uint64_t last_ran = turns_[id].last_ran;
    if (last_ran < oldest) {
      second = oldest;
      oldest = last_ran;
      oldest_id = id;
    } else if (last_ran < second) {
      second = last_ran;
    }
  }
  std::uint32_t* out = enabled_storage_.data();  // enabled_ views the same storage: compacting in place is safe
  std::uint32_t n = 0;
  for (std::uint32_t id : enabled_) {
    fairness_state& t = turns_[id];
    if (t.gave_way_at != 0) {
      const std::uint64_t others = id == oldest_id ? second : oldest;
      if (others < t.gave_way_at) {
        if (id == current_) current_restrained_ = true;
        continue;
      }
      stop_holding_back(id);  // everyone it waited for has run
    }
    out[n++] = id;
  }
  enabled_ = {out, n};
}

void execution::rebuild_fair_index() {
  fair_scratch_.clear();
  by_gave_way_.clear();
  offered_.clear();
  offered_.reserve(threads_.size());
  runnable_set_.for_each([this](std::uint32_t id) {  // ascending: offered_ stays sorted
    fair_scratch_.push_back(id);
    if (turns_[id].gave_way_at != 0) {
      by_gave_way_.add(turns_[id].gave_way_at, id);
    } else {
      offered_.push_back(id);
    }
  });
  by_gave_way_.make_heap();
  std::sort(fair_scratch_.begin(), fair_scratch_.end(), [this](std::uint32_t a, std::uint32_t b) {
    return turns_[a].last_ran != turns_[b].last_ran ? turns_[a].last_ran < turns_[b].last_ran : a < b;
  });
  by_last_ran_.reset(threads_.size());
  for (std::uint32_t id : fair_scratch_) by_last_ran_.push_back(id);
  fair_index_valid_ = true;
}

void execution::offer_fairly() {
  // apply_fairness's rule, on the runnable threads. A thread gives way at a
  // turn it has had (gave_way_at <= last_ran), so the oldest runnable thread
  // is always free to run and a held one waits for the oldest turn alone:
  // released, from the top of by_gave_way_, when it is no older than the
  // front of by_last_ran_; the threads still held are not looked at.
  if (!fair_index_valid_) rebuild_fair_index();
  const std::uint32_t oldest_id = by_last_ran_.first();
  const std::uint64_t oldest = oldest_id == recency_list::none ? 0 : turns_[oldest_id].last_ran;
  const auto held_since = [this](const turn_heap::entry& e) { return turns_[e.id].gave_way_at == e.turn; };
  while (const turn_heap::entry* h = by_gave_way_.top(held_since)) {
    if (h->turn > oldest) break;
    const std::uint32_t id = h->id;
    by_gave_way_.pop();
    stop_holding_back(id);  // everyone it waited for has run
    offered_.insert(std::lower_bound(offered_.begin(), offered_.end(), id), id);
  }
  enabled_ = offered_;
  current_restrained_ = turns_[current_].gave_way_at != 0 && runnable_set_.contains(current_);
}

void execution::atomic_observed(atomic_state& a) {
  // Futile: the same thread looks again, nothing was written since, and it
  // read no memory it had not read already (a spin re-reads the same
  // things; a loop bounded by an atomic size reads new elements each time).
  const std::uint32_t reads = self().fresh_reads;
  const bool unchanged = a.observer == current_ && a.observed_version == a.version && a.observed_reads == reads;
  a.observer = current_;
  a.observed_version = a.version;
  a.observed_reads = reads;
  // Alone, it waits for no one: every other thread has finished or waits
  // for something only it can do, so nobody else could write what it reads.
  // Its loop is sequential code (a teardown loop bounded by an atomic size
  // that does only register work between the looks), and one that never
  // ends meets the step ceiling (settings_.max_steps) instead.
  if (unchanged && (runnable_ > 1 || timed_ > 0) && self().library_waits == 0) gave_way();
}

void execution::about_to_wait() {
  if (turns_[current_].gave_way_at == 0) return;
  stop_holding_back(current_);
  fair_index_valid_ = false;  // it is offered again: the index is listed afresh
}

void execution::atomic_unwritten(atomic_state& a) {
  --a.version;
  futile_steps_ = futile_before_write_;
  --progress_;
  atomic_observed(a);
}

}  // namespace weft::detail
