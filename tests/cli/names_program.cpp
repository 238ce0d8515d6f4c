// A user's program (weft::main) whose scenario names use what the name rule
// allows beyond lower case: upper case, digits, '.', '-', '(', a quote. Also
// the scenarios the --detect and --suppressions tests run. Driven by
// user_program_test.sh.
#include <mutex>

#include <weft/weft.hpp>

namespace {

void two_unordered_writes() {
  weft::var<int> shared{0};
  weft::thread a([&] { shared.store(1); });  // BUG: no lock
  weft::thread b([&] { shared.store(2); });
  a.join();
  b.join();
}

}  // namespace

WEFT_SCENARIO_EXPECT("sct/WorkStealQueue", weft::finding_kind::data_race) { two_unordered_writes(); }

WEFT_SCENARIO_EXPECT("Odd.Family-2/it's(v1.0)", weft::finding_kind::data_race) { two_unordered_writes(); }

// Expected clean, but racy: the accepted race of the suppressions tests.
WEFT_SCENARIO("accepted/racy_stats") { two_unordered_writes(); }

// Expected clean, but both threads lock in their own order.
WEFT_SCENARIO("accepted/lock_order") {
  weft::mutex a, b;
  weft::thread t1([&] {
    std::scoped_lock first(a);
    std::scoped_lock second(b);
  });
  t1.join();
  weft::thread t2([&] {  // runs after t1: never deadlocks, but inverts the order
    std::scoped_lock first(b);
    std::scoped_lock second(a);
  });
  t2.join();
}
