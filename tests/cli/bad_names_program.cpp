// A user's program (weft::main) that registers a scenario name the rule
// refuses and a duplicate: every command still works over the good scenario,
// names the bad ones on one line each, and exits 2. Driven by
// user_program_test.sh.
#include <weft/weft.hpp>

WEFT_SCENARIO("good/still_runs") {
  weft::atomic<int> n{0};
  weft::thread t([&] { n.fetch_add(1); });
  t.join();
  WEFT_ASSERT(n.load() == 1);
}

WEFT_SCENARIO("bad/has space") {}

WEFT_SCENARIO("good/still_runs") {}
