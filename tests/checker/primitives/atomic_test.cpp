// weft::atomic<T>: each operation's value, and what its memory order gives the
// race detector: a weft::var published with a release write and an acquire
// read is ordered (clean); with a relaxed write or a relaxed read it is not (a
// data race on the var), whatever the atomic operation carrying the flag.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <functional>

#include "../../support/memory_orders.hpp"
#include "../../support/weft_expect.hpp"
#include "weft/weft.hpp"

namespace {

using namespace weft::testing::orders;

using weft::testing::budget;
using weft::testing::expect_clean;
using weft::testing::expect_found;

TEST(Atomic, OperationsReturnAndLeaveTheRightValues) {
  expect_clean([] {
    weft::atomic<int> a{5};
    WEFT_ASSERT(a.load() == 5);
    a.store(7);
    WEFT_ASSERT(a.exchange(9) == 7 && a.load() == 9);
    int expected = 1;
    WEFT_ASSERT(!a.compare_exchange_strong(expected, 2), "CAS against a stale value fails");
    WEFT_ASSERT(expected == 9, "a failed CAS loads the current value");
    WEFT_ASSERT(a.compare_exchange_strong(expected, 12) && a.load() == 12);
    expected = 12;
    while (!a.compare_exchange_weak(expected, 6)) {  // a weak CAS may fail spuriously
      WEFT_ASSERT(expected == 12);
    }
    WEFT_ASSERT(a.load() == 6);
    WEFT_ASSERT(a.fetch_add(4) == 6 && a.load() == 10);
    WEFT_ASSERT(a.fetch_sub(3) == 10 && a.load() == 7);
    WEFT_ASSERT(a.fetch_and(6) == 7 && a.load() == 6);
    WEFT_ASSERT(a.fetch_or(9) == 6 && a.load() == 15);
    WEFT_ASSERT(a.fetch_xor(5) == 15 && a.load() == 10);
    WEFT_ASSERT(++a == 11 && a++ == 11 && a.load() == 12);
    WEFT_ASSERT(--a == 11 && a-- == 11 && a.load() == 10);
    WEFT_ASSERT((a += 5) == 15 && (a -= 10) == 5);
    a = 3;
    WEFT_ASSERT(static_cast<int>(a) == 3);
  }, budget(5));
}

/// Each read-modify-write of weft::atomic<T> against std::atomic<T> doing the
/// same, for every size the one-call path takes (1, 2, 4 and 8 bytes),
/// signed and unsigned, through the wrap-around at both ends.
template <class T>
void same_as_std(T start, T operand) {
  weft::atomic<T> mine{start};
  std::atomic<T> theirs{start};
  const auto check = [&](T got, T expected) {
    WEFT_ASSERT(got == expected, "the value read");
    WEFT_ASSERT(mine.load() == theirs.load(), "the value left");
  };
  check(mine.fetch_add(operand), theirs.fetch_add(operand));
  check(mine.fetch_sub(operand), theirs.fetch_sub(operand));
  check(mine.fetch_sub(operand), theirs.fetch_sub(operand));
  check(mine.fetch_and(operand), theirs.fetch_and(operand));
  check(mine.fetch_or(operand), theirs.fetch_or(operand));
  check(mine.fetch_xor(start), theirs.fetch_xor(start));
  check(mine.exchange(operand), theirs.exchange(operand));
  check(mine.fetch_add(operand, std::memory_order_relaxed), theirs.fetch_add(operand));
}

TEST(Atomic, ReadModifyWritesOfEverySizeMatchStdAtomic) {
  expect_clean([] {
    same_as_std<std::int8_t>(120, 11);
    same_as_std<std::uint8_t>(250, 9);
    same_as_std<std::int16_t>(-32760, 13);
    same_as_std<std::uint16_t>(3, 65535);
    same_as_std<std::int32_t>(2147483600, 100);
    same_as_std<std::uint32_t>(0xfffffff0U, 0x31U);
    same_as_std<std::int64_t>(-5, -9'000'000'000'000'000'000LL);
    same_as_std<std::uint64_t>(1, ~std::uint64_t{0});
    same_as_std<char>('a', 3);
    // Exchange moves any value of those sizes.
    weft::atomic<bool> flag{false};
    WEFT_ASSERT(!flag.exchange(true) && flag.exchange(false) && !flag.load());
    weft::atomic<double> d{1.5};
    WEFT_ASSERT(d.exchange(-2.25) == 1.5 && d.load() == -2.25);
    struct pair16 {
      std::int16_t a, b;
      bool operator==(const pair16&) const = default;
    };
    weft::atomic<pair16> p{pair16{1, -2}};
    WEFT_ASSERT((p.exchange(pair16{-3, 4}) == pair16{1, -2}) && (p.load() == pair16{-3, 4}));
    int cells[2] = {0, 0};
    weft::atomic<int*> ptr{&cells[0]};
    WEFT_ASSERT(ptr.exchange(&cells[1]) == &cells[0] && ptr.load() == &cells[1]);
  }, budget(5));
}

TEST(Atomic, CompareExchangeLoopCountsEveryIncrement) {
  expect_clean([] {
    weft::atomic<int> count{0};
    auto inc = [&] {
      int seen = count.load();
      while (!count.compare_exchange_weak(seen, seen + 1)) {
      }
    };
    weft::thread a(inc), b(inc), c(inc);
    a.join();
    b.join();
    c.join();
    WEFT_ASSERT(count.load() == 3);
  }, budget(2000));
}
TEST(Atomic, IgnoringAFailedCompareExchangeLosesAnIncrement) {
  expect_found([] {
    weft::atomic<int> count{0};
    auto inc = [&] {
      int seen = count.load();
      (void)count.compare_exchange_strong(seen, seen + 1);  // BUG: a failed CAS is not retried
    };
    weft::thread a(inc), b(inc);
    a.join();
    b.join();
    WEFT_ASSERT(count.load() == 2, "an increment was lost");
  }, weft::finding_kind::assertion);
}

// --- memory orders and the race detector ------------------------------------------
/// How the producer raises the flag after writing the payload.
enum class publish_by { store, exchange, fetch_add, compare_exchange };

void raise_flag(weft::atomic<int>& flag, publish_by how, std::memory_order order) {
  switch (how) {
    case publish_by::store: return flag.store(1, order);
    case publish_by::exchange: (void)flag.exchange(1, order); return;
    case publish_by::fetch_add: (void)flag.fetch_add(1, order); return;
    case publish_by::compare_exchange: {
      int expected = 0;
      (void)flag.compare_exchange_strong(expected, 1, order, std::memory_order_relaxed);
      return;
    }
  }
}

/// A producer writes a weft::var and raises a flag; a consumer spins on the
/// flag, then reads the var.
std::function<void()> publication(publish_by how, std::memory_order write_order, std::memory_order read_order) {
  return [=] {
    weft::var<int> payload{0, "payload"};
    weft::atomic<int> flag{0, "flag"};
    weft::thread producer([&] {
      payload.store(42);
      raise_flag(flag, how, write_order);
    });
    weft::thread consumer([&] {
      while (flag.load(read_order) == 0) weft::this_thread::yield();
      WEFT_ASSERT(payload.load() == 42);
    });
    producer.join();
    consumer.join();
  };
}

TEST(Atomic, ReleaseStoreAcquireLoadPublishes) { expect_clean(publication(publish_by::store, release, acquire), budget(2000)); }
TEST(Atomic, SeqCstPublishes) { expect_clean(publication(publish_by::store, seq_cst, seq_cst), budget(2000)); }
TEST(Atomic, ReleaseReadModifyWritesPublish) {
  expect_clean(publication(publish_by::exchange, release, acquire), budget(1000));
  expect_clean(publication(publish_by::fetch_add, acq_rel, acquire), budget(1000));
  expect_clean(publication(publish_by::compare_exchange, release, acquire), budget(1000));
}
TEST(Atomic, RelaxedPublicationIsADataRace) {
  expect_found(publication(publish_by::store, relaxed, relaxed), weft::finding_kind::data_race);
}
TEST(Atomic, RelaxedWriteWithAcquireReadIsADataRace) {
  expect_found(publication(publish_by::store, relaxed, acquire), weft::finding_kind::data_race);
  expect_found(publication(publish_by::fetch_add, relaxed, acquire), weft::finding_kind::data_race);
}
TEST(Atomic, ReleaseWriteWithRelaxedReadIsADataRace) {
  expect_found(publication(publish_by::store, release, relaxed), weft::finding_kind::data_race);
  expect_found(publication(publish_by::exchange, release, relaxed), weft::finding_kind::data_race);
}

/// A spinlock on an atomic<bool> guarding a weft::var: exchange to take it,
/// store to give it back, with the given orders.
void spinlock_counter(std::memory_order take, std::memory_order give) {
  weft::atomic<bool> locked{false};
  weft::var<int> count{0, "count"};
  auto inc = [&] {
    while (locked.exchange(true, take)) weft::this_thread::yield();
    count.store(count.load() + 1);
    locked.store(false, give);
  };
  weft::thread a(inc), b(inc);
  a.join();
  b.join();
  WEFT_ASSERT(count.load() == 2);
}
TEST(Atomic, AcquireReleaseSpinlockIsClean) { expect_clean([] { spinlock_counter(acquire, release); }, budget(2000)); }
TEST(Atomic, RelaxedSpinlockIsADataRace) {
  expect_found([] { spinlock_counter(relaxed, relaxed); }, weft::finding_kind::data_race);
}

}  // namespace
