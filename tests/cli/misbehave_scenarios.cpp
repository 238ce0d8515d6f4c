// A user's program whose scenarios misbehave the way real code under test
// can: exit(), a segmentation fault, abort(), std::terminate(), a spin that
// never reaches a scheduling point, a real sleep. Linked with weft::main, it
// is the `weft` command line over them; survive_test.sh checks that each
// becomes a finding (or a budget that holds) and never the end of weft.
#include <chrono>
#include <cstdlib>
#include <exception>
#include <thread>

#include <weft/weft.hpp>

namespace {

// The misbehaviour happens in a spawned thread, after a scheduling point.
template <class F>
void in_a_thread(F misbehave) {
  weft::atomic<int> started{0};
  weft::thread t([&] {
    started.store(1);
    misbehave();
  });
  started.store(2);
  t.join();
}

volatile int never_set = 0;
int* volatile null_pointer = nullptr;

}  // namespace

WEFT_SCENARIO("misbehave/clean") {
  weft::atomic<int> n{0};
  weft::thread t([&] { n.fetch_add(1); });
  n.fetch_add(1);
  t.join();
  WEFT_ASSERT(n.load() == 2);
}

WEFT_SCENARIO("misbehave/uncaught") {
  in_a_thread([] { throw std::runtime_error("thrown by the code under test"); });
}

WEFT_SCENARIO("misbehave/exit0") {
  in_a_thread([] { std::exit(0); });
}

WEFT_SCENARIO("misbehave/exit7") {
  in_a_thread([] { std::exit(7); });
}

WEFT_SCENARIO("misbehave/segfault") {
  in_a_thread([] { *null_pointer = 1; });
}

WEFT_SCENARIO("misbehave/abort") {
  in_a_thread([] { std::abort(); });
}

WEFT_SCENARIO("misbehave/terminate") {
  in_a_thread([] { std::terminate(); });
}

WEFT_SCENARIO("misbehave/spin") {
  in_a_thread([] {
    while (never_set == 0) {
    }
  });
}

// Each execution really sleeps: a budget must hold anyway.
WEFT_SCENARIO("misbehave/sleep") {
  in_a_thread([] { std::this_thread::sleep_for(std::chrono::milliseconds(300)); });
}

// Crashes only in some schedules: the run goes on (--keep-going) or stops at
// the first, with a replayable schedule either way.
WEFT_SCENARIO("misbehave/segfault_sometimes") {
  weft::atomic<int> turn{0};
  weft::thread t([&] { turn.store(1); });
  if (turn.load() == 1) *null_pointer = 1;
  t.join();
}
