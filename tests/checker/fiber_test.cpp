// The fiber runtime's mechanism (checker/src/runtime/fiber.hpp): the stack
// pool (page-rounded sizes, a guard page, stacks reused after give_back),
// switching into a fiber and back until it leaves for good, and executions
// that keep reusing stacks after a logical thread ended by an exception.
#include <gtest/gtest.h>
#include <unistd.h>

#include <stdexcept>

#include "runtime/fiber.hpp"
#include "weft/weft.hpp"

namespace {

using weft::detail::fiber_slot;
using weft::detail::fiber_stack;
using weft::detail::stack_pool;

std::size_t page() { return static_cast<std::size_t>(::sysconf(_SC_PAGESIZE)); }

TEST(StackPool, SizesRoundUpToPagesWithAGuardPageBelow) {
  stack_pool pool(page() + 1);
  const fiber_stack s = pool.take();
  EXPECT_EQ(s.usable, 2 * page());
  EXPECT_EQ(s.mapped, s.usable + page());
  EXPECT_EQ(static_cast<char*>(s.top()) - static_cast<char*>(s.base), static_cast<std::ptrdiff_t>(s.mapped));
  static_cast<volatile char*>(s.top())[-1] = 1;  // the usable part is writable, up to its top
  static_cast<volatile char*>(s.base)[page()] = 1;  // and down to just above the guard
  EXPECT_TRUE(pool.in_guard(s.base));
  EXPECT_TRUE(pool.in_guard(static_cast<char*>(s.base) + page() - 1));
  EXPECT_FALSE(pool.in_guard(static_cast<char*>(s.base) + page()));
  int elsewhere = 0;
  EXPECT_FALSE(pool.in_guard(&elsewhere));
  pool.give_back(s);
}

TEST(StackPool, AGivenBackStackIsTakenAgainBeforeANewOneIsMapped) {
  stack_pool pool(64 * 1024);
  const fiber_stack a = pool.take();
  const fiber_stack b = pool.take();
  EXPECT_NE(a.base, b.base);
  pool.give_back(b);
  const fiber_stack again = pool.take();
  EXPECT_EQ(again.base, b.base) << "reused, not mapped afresh";
  const fiber_stack c = pool.take();
  EXPECT_NE(c.base, a.base);
  EXPECT_NE(c.base, b.base);
  EXPECT_TRUE(pool.in_guard(c.base)) << "a newly mapped stack is guarded too";
  pool.give_back(a);
  pool.give_back(again);
  pool.give_back(c);
}

TEST(StackPool, AThreadWithAStackSizeOfItsOwnGetsThatSizeReusedForTheNextOfThatSize) {
  // A thread created with a stack size (pthread_attr_setstacksize) gets a
  // stack of that size, bigger or smaller than the pool's; given back, it
  // serves the next thread of that size and no other.
  stack_pool pool(64 * 1024);
  const fiber_stack usual = pool.take();
  const fiber_stack big = pool.take(1024 * 1024 + 1);
  const fiber_stack small = pool.take(16 * 1024);
  EXPECT_EQ(usual.usable, 64u * 1024);
  EXPECT_EQ(big.usable, pool.usable_for(1024 * 1024 + 1));
  EXPECT_GE(big.usable, 1024u * 1024 + 1);
  EXPECT_EQ(big.usable % page(), 0u);
  EXPECT_EQ(small.usable, 16u * 1024);
  EXPECT_TRUE(pool.in_guard(big.base));
  pool.give_back(big);
  pool.give_back(small);
  pool.give_back(usual);
  const fiber_stack big_again = pool.take(1024 * 1024 + 1);
  EXPECT_EQ(big_again.base, big.base) << "the stacks given back after it are other sizes";
  const fiber_stack usual_again = pool.take();
  EXPECT_EQ(usual_again.base, usual.base);
  const fiber_stack small_again = pool.take(16 * 1024);
  EXPECT_EQ(small_again.base, small.base);
  pool.give_back(big_again);
  pool.give_back(usual_again);
  pool.give_back(small_again);
}

// --- switching: the root starts a fiber, which yields back twice, then leaves --------
fiber_slot root_slot;
fiber_slot fiber_slot_of_test;
int visits = 0;

void entry(boost::context::detail::transfer_t t) {
  weft::detail::fiber_started(t);
  for (int i = 0; i < 2; ++i) {
    ++visits;
    weft::detail::switch_fiber(fiber_slot_of_test, root_slot);
  }
  ++visits;
  weft::detail::leave_fiber(root_slot);
}

TEST(Fiber, SwitchesBackAndForthUntilItLeaves) {
  stack_pool pool(64 * 1024);
  const fiber_stack stack = pool.take();
  weft::detail::fiber_slot_init(root_slot, true);
  weft::detail::fiber_slot_init(fiber_slot_of_test, false);
  fiber_slot_of_test.context = weft::detail::make_fiber(stack, &entry);
  visits = 0;
  for (int expected = 1; expected <= 3; ++expected) {
    weft::detail::switch_fiber(root_slot, fiber_slot_of_test);
    EXPECT_EQ(visits, expected) << "one more step of the fiber per switch";
  }
  weft::detail::fiber_slot_destroy(fiber_slot_of_test);  // not the root's: it is this thread's own
  pool.give_back(stack);
}

// --- through the runtime -------------------------------------------------------------
TEST(FiberRuntime, ExecutionsGoOnAfterAThreadEndedByAnException) {
  weft::options o;
  o.iterations = 300;
  o.keep_going = true;  // every execution runs: each one's threads end by an exception
  const weft::result r = weft::check([] {
    weft::thread a([] { throw std::runtime_error("boom"); });
    weft::thread b([] {});
    a.join();
    b.join();
  }, o);
  ASSERT_EQ(r.findings.size(), 1u) << "one distinct finding";
  EXPECT_EQ(r.findings[0].kind, weft::finding_kind::uncaught_exception);
  EXPECT_EQ(r.stats.executions, 300u);
}

TEST(FiberRuntime, AThreadGetsTheStackSizeAsked) {
  weft::options o;
  o.iterations = 20;
  o.stack_size = 256 * 1024;
  const weft::result r = weft::check([] {
    weft::thread t([] {
      volatile char big[128 * 1024];  // half the stack asked for
      big[0] = 1;
      big[sizeof big - 1] = 1;
      WEFT_ASSERT(big[0] == big[sizeof big - 1]);
    });
    t.join();
  }, o);
  EXPECT_TRUE(r.ok()) << r.findings.at(0).message;
  EXPECT_EQ(r.stats.executions, 20u);
}

}  // namespace
