// weft::detail::thread_body, the callable a logical thread runs: small
// callables are kept inline, large ones on the heap; either way a move
// carries the callable and what it holds, reset() and the destructor destroy
// it exactly once, and a call runs it (exceptions included). Then the same
// through weft::thread, with bodies of every size, under weft::check.
#include <gtest/gtest.h>

#include <array>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

#include "../support/weft_expect.hpp"
#include "weft/weft.hpp"

namespace {

using weft::detail::thread_body;

/// Counts its live copies in `alive`; `Pad` bytes of payload choose inline or heap.
template <std::size_t Pad>
struct counted {
  int* alive;
  int* calls;
  std::array<char, Pad> payload{};
  counted(int* a, int* c) : alive(a), calls(c) { ++*alive; }
  counted(const counted& o) : alive(o.alive), calls(o.calls), payload(o.payload) { ++*alive; }
  counted(counted&& o) noexcept : alive(o.alive), calls(o.calls), payload(o.payload) { ++*alive; }
  ~counted() { --*alive; }
  void operator()() { ++*calls; }
};

template <std::size_t Pad>
void moves_calls_and_destroys_once() {
  int alive = 0;
  int calls = 0;
  {
    thread_body a = counted<Pad>(&alive, &calls);
    EXPECT_EQ(alive, 1);
    EXPECT_TRUE(a);
    thread_body b = std::move(a);
    EXPECT_FALSE(a);  // NOLINT(bugprone-use-after-move): moved-from is empty, as documented
    EXPECT_EQ(alive, 1);
    b();
    b();
    EXPECT_EQ(calls, 2);
    thread_body c;
    c = std::move(b);
    c();
    EXPECT_EQ(calls, 3);
    EXPECT_EQ(alive, 1);
    c = counted<Pad>(&alive, &calls);  // the old callable is destroyed, the new one kept
    EXPECT_EQ(alive, 1);
    c.reset();
    EXPECT_EQ(alive, 0);
    EXPECT_FALSE(c);
    c = counted<Pad>(&alive, &calls);
  }
  EXPECT_EQ(alive, 0);  // the destructor destroyed the last one
}

TEST(ThreadBody, SmallCallableIsKeptInlineAndDestroyedOnce) { moves_calls_and_destroys_once<8>(); }

TEST(ThreadBody, LargeCallableGoesToTheHeapAndIsDestroyedOnce) { moves_calls_and_destroys_once<200>(); }

TEST(ThreadBody, MoveOnlyCallablesAndExceptionsPassThrough) {
  auto owned = std::make_unique<int>(41);
  int seen = 0;
  thread_body body = [p = std::move(owned), &seen] { seen = *p + 1; };
  body();
  EXPECT_EQ(seen, 42);
  thread_body throws = [] { throw std::runtime_error("from the body"); };
  EXPECT_THROW(throws(), std::runtime_error);
}

TEST(ThreadBody, WeftThreadsRunBodiesOfEverySize) {
  // Arguments and captures from a few bytes to past the inline room: each
  // thread must see exactly what it was given.
  weft::testing::expect_clean_under_every_strategy(
      [] {
        weft::atomic<int> sum{0};
        std::array<int, 40> big{};
        big[39] = 1000;
        const std::string text = "a string argument longer than the small-string buffer";
        weft::thread small([&sum] { sum.fetch_add(1); });
        weft::thread large([&sum, big] { sum.fetch_add(big[39]); });
        weft::thread with_args([&sum](int a, const std::string& s) { sum.fetch_add(a + int(s.size())); }, 10, text);
        small.join();
        large.join();
        with_args.join();
        WEFT_ASSERT(sum.load() == 1 + 1000 + 10 + int(text.size()));
      },
      50);
}

}  // namespace
