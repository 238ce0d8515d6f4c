// classic_programs.hpp — small programs several of weft's own tests run:
// one definition each, so a test of the schedule codec and a test of the
// lock-order detector exercise the very same body.
#pragma once

#include <mutex>

#include "weft/weft.hpp"

namespace weft::testing {

/// Two threads take two mutexes in opposite orders: a deadlock on some
/// schedules, a lock-order inversion on every one where both run.
inline void ab_ba() {
  weft::mutex a, b;
  weft::thread t1([&] {
    std::lock_guard la(a);
    std::lock_guard lb(b);
  });
  weft::thread t2([&] {
    std::lock_guard lb(b);
    std::lock_guard la(a);
  });
  t1.join();
  t2.join();
}

}  // namespace weft::testing
