// Lock and signal bugs: lock cycles of 2 to 5 threads (each takes its lock
// and then its neighbour's: a deadlock only when every thread holds its
// first lock at once; the benchmark turns lock-order detection off so the
// deadlock itself must be reached), and the lost signal (a waiter checks a
// flag outside the lock, the signal comes before it waits).
#include <condition_variable>
#include <mutex>

#include "kit.hpp"
#include "programs.hpp"

namespace weft::bugbench {
namespace {

constexpr int locks_pad = 3;

void lock_cycle(unsigned n, unsigned decoys) {
  auto locks = std::make_unique<weft::mutex[]>(n);
  auto own = std::make_unique<weft::atomic<int>[]>(n);
  with_decoys(n, decoys, locks_pad, [&](unsigned i) {
    staggered(own[i], i, locks_pad);
    std::lock_guard first(locks[i]);
    std::lock_guard second(locks[(i + 1) % n]);
  });
}

/// The waiter reads the flag without the lock and then waits: a signal
/// between the two is lost and the waiter sleeps for ever (a deadlock).
void lost_signal(unsigned waiters, unsigned decoys) {
  weft::mutex m;
  weft::condition_variable cv;
  weft::atomic<int> ready{0};
  auto own = std::make_unique<weft::atomic<int>[]>(waiters + 1);
  with_decoys(waiters + 1, decoys, locks_pad, [&](unsigned i) {
    staggered(own[i], waiters - i, locks_pad);  // the signaller first, left to overtake a waiter
    if (i == waiters) {
      ready.store(1);
      std::lock_guard g(m);
      cv.notify_all();
    } else if (ready.load() == 0) {
      std::unique_lock l(m);
      cv.wait(l);
    }
  });
}

}  // namespace

void add_lock_programs(std::vector<program>& out) {
  for (unsigned n = 2; n <= 5; ++n) {
    out.push_back({"locks/cycle-" + std::to_string(n), "lock cycle of " + std::to_string(n) + " threads", n + 1, n,
                   [n] { lock_cycle(n, 0); }});
  }
  out.push_back({"locks/cycle-3-decoys20", "lock cycle of 3 threads among 20 decoys", 24, 3,
                 [] { lock_cycle(3, 20); }});
  out.push_back({"signal/lost-1", "lost signal: flag checked outside the lock", 3, 2, [] { lost_signal(1, 0); }});
  out.push_back({"signal/lost-3-decoys10", "lost signal, three waiters among 10 decoys", 15, 2,
                 [] { lost_signal(3, 10); }});
}

}  // namespace weft::bugbench
