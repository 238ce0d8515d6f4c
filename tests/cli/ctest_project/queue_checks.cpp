// Scenarios of a user project: a correct counter, a race declared as an
// expected bug (passes), and a race in code declared clean (fails in ctest).
#include <mutex>

#include <weft/weft.hpp>

namespace {

void two_increments(bool locked) {
  weft::mutex m;
  weft::var<int> count{0};
  auto increment = [&] {
    if (locked) {
      std::lock_guard guard(m);
      count = count.load() + 1;
    } else {
      count = count.load() + 1;
    }
  };
  weft::thread a(increment);
  weft::thread b(increment);
  a.join();
  b.join();
  WEFT_ASSERT(count.load() == 2, "an increment was lost");
}

}  // namespace

WEFT_SCENARIO("counter/locked") { two_increments(true); }

WEFT_SCENARIO_EXPECT("counter/racy", weft::finding_kind::data_race, weft::finding_kind::assertion) {
  two_increments(false);
}

// The bug the ctest run must report: declared clean, but it races.
WEFT_SCENARIO("mistaken/racy") { two_increments(false); }
