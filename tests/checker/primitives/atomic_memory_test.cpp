// weft::atomic under the C++ memory model (checker/src/memory/): what the
// model adds to the sequentially consistent atomics — stale reads and where
// they stop, release sequences and fences for the race detector, spurious
// compare_exchange_weak failures, the store history bound, the `sc` model,
// and the trace of a load that read an older store. The litmus tests
// (tests/memory/) check the outcome sets.
#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <functional>
#include <set>
#include <stdexcept>
#include <utility>

#include "../../support/memory_orders.hpp"
#include "../../support/weft_expect.hpp"
#include "weft/weft.hpp"

namespace {

using namespace weft::testing::orders;

using weft::testing::budget;
using weft::testing::expect_clean;
using weft::testing::expect_found;

weft::options model(weft::memory_model m, std::uint64_t iterations = 2000,
                    weft::strategy_kind s = weft::strategy_kind::random) {
  weft::options o = budget(iterations, s);
  o.memory_model = m;
  return o;
}

/// Store buffering with relaxed atomics: the outcomes (r1, r2) reached.
std::set<std::pair<int, int>> store_buffering(const weft::options& o) {
  std::set<std::pair<int, int>> seen;
  const weft::result r = weft::check([&] {
    weft::atomic<int> x{0}, y{0};
    int r1 = -1, r2 = -1;
    weft::thread a([&] {
      x.store(1, relaxed);
      r1 = y.load(relaxed);
    });
    weft::thread b([&] {
      y.store(1, relaxed);
      r2 = x.load(relaxed);
    });
    a.join();
    b.join();
    seen.emplace(r1, r2);
  }, o);
  EXPECT_TRUE(r.ok()) << weft::testing::first_finding(r);
  return seen;
}

TEST(AtomicMemory, RelaxedLoadsMayReadOlderStores) {
  EXPECT_TRUE(store_buffering(model(weft::memory_model::c11)).contains({0, 0}));
}
TEST(AtomicMemory, TheScModelReadsTheNewestStore) {
  EXPECT_FALSE(store_buffering(model(weft::memory_model::sc)).contains({0, 0}));
}
TEST(AtomicMemory, AHistoryOfNoOlderStoresIsSequentiallyConsistent) {
  weft::options o = model(weft::memory_model::c11);
  o.store_history = 0;
  EXPECT_FALSE(store_buffering(o).contains({0, 0}));
}

/// Spin loops on a flag end under every strategy: a thread that read an older
/// value reads the newest the next time (no livelock finding, no hang).
TEST(AtomicMemory, SpinningOnARelaxedFlagEndsUnderEveryStrategy) {
  for (weft::strategy_kind s : weft::testing::all_strategies()) {
    SCOPED_TRACE(std::string(weft::to_string(s)));
    expect_clean([] {
      weft::atomic<int> flag{0};
      weft::atomic<int> data{0};
      weft::thread producer([&] {
        data.store(7, relaxed);
        flag.store(1, release);
      });
      weft::thread consumer([&] {
        while (flag.load(acquire) == 0) {
        }
        WEFT_ASSERT(data.load(relaxed) == 7, "acquire saw the release: the data is there");
      });
      producer.join();
      consumer.join();
    }, model(weft::memory_model::c11, 300, s));
  }
}

/// Publishing a var through a relaxed flag: found as a data race, and as a
/// stale read of the atomic data when the payload is atomic too.
TEST(AtomicMemory, RelaxedMessagePassingReadsStaleData) {
  expect_found([] {
    weft::atomic<int> data{0, "data"};
    weft::atomic<int> flag{0, "flag"};
    weft::thread producer([&] {
      data.store(42, relaxed);
      flag.store(1, relaxed);
    });
    weft::thread consumer([&] {
      if (flag.load(relaxed) == 1) WEFT_ASSERT(data.load(relaxed) == 42, "the flag was seen, the data not");
    });
    producer.join();
    consumer.join();
  }, weft::finding_kind::assertion, model(weft::memory_model::c11));
}

// --- what synchronises ----------------------------------------------------------
/// A var written, then published by `publish`, read after `observe` saw it.
void published_var(const std::function<void(weft::atomic<int>&)>& publish,
                   const std::function<bool(weft::atomic<int>&)>& observe) {
  weft::var<int> payload{0, "payload"};
  weft::atomic<int> flag{0, "flag"};
  weft::thread producer([&] {
    payload.store(1);
    publish(flag);
  });
  weft::thread consumer([&] {
    if (observe(flag)) WEFT_ASSERT(payload.load() == 1);
  });
  producer.join();
  consumer.join();
}

TEST(AtomicMemory, AReleaseFenceBeforeARelaxedStorePublishes) {
  expect_clean([] {
    published_var(
        [](weft::atomic<int>& f) {
          weft::atomic_thread_fence(release);
          f.store(1, relaxed);
        },
        [](weft::atomic<int>& f) { return f.load(acquire) == 1; });
  }, model(weft::memory_model::c11));
}
TEST(AtomicMemory, AnAcquireFenceAfterARelaxedLoadSynchronises) {
  expect_clean([] {
    published_var([](weft::atomic<int>& f) { f.store(1, release); },
                  [](weft::atomic<int>& f) {
                    if (f.load(relaxed) != 1) return false;
                    weft::atomic_thread_fence(acquire);
                    return true;
                  });
  }, model(weft::memory_model::c11));
}
TEST(AtomicMemory, ARelaxedLoadWithoutTheFenceIsADataRace) {
  expect_found([] {
    published_var([](weft::atomic<int>& f) { f.store(1, release); },
                  [](weft::atomic<int>& f) { return f.load(relaxed) == 1; });
  }, weft::finding_kind::data_race, model(weft::memory_model::c11));
}

/// A release store, then a relaxed RMW by a third thread: an acquire that
/// reads the RMW's value synchronises with the release (a release sequence).
/// A relaxed store by the releasing thread itself ends the sequence (C++20).
void release_sequence(bool plain_store_breaks_it) {
  weft::var<int> payload{0, "payload"};
  weft::atomic<int> flag{0, "flag"};
  weft::thread producer([&] {
    payload.store(1);
    flag.store(1, release);
    if (plain_store_breaks_it) flag.store(2, relaxed);
  });
  weft::thread bumper([&] { flag.fetch_add(10, relaxed); });
  weft::thread consumer([&] {
    const int v = flag.load(acquire);
    // 11: the RMW read the release store; 12: it read the relaxed store after it.
    if (v == 11 || v == 12) WEFT_ASSERT(payload.load() == 1);
  });
  producer.join();
  bumper.join();
  consumer.join();
}
TEST(AtomicMemory, ReadModifyWritesContinueAReleaseSequence) {
  expect_clean([] { release_sequence(false); }, model(weft::memory_model::c11, 3000));
}
TEST(AtomicMemory, ARelaxedStoreOfTheReleasingThreadEndsIt) {
  expect_found([] { release_sequence(true); }, weft::finding_kind::data_race,
               model(weft::memory_model::c11, 3000));
}

// --- compare_exchange_weak ------------------------------------------------------
TEST(AtomicMemory, CompareExchangeWeakMayFailSpuriously) {
  expect_found([] {
    weft::atomic<int> a{0};
    int expected = 0;
    WEFT_ASSERT(a.compare_exchange_weak(expected, 1), "a lone weak CAS relied upon");
  }, weft::finding_kind::assertion, model(weft::memory_model::c11, 100));
  expect_clean([] {
    weft::atomic<int> a{0};
    int expected = 0;
    WEFT_ASSERT(a.compare_exchange_strong(expected, 1));
  }, model(weft::memory_model::c11, 100));
  expect_clean([] {
    weft::atomic<int> a{0};
    int expected = 0;
    WEFT_ASSERT(a.compare_exchange_weak(expected, 1));
  }, model(weft::memory_model::sc, 100));
}

// --- limits -----------------------------------------------------------------------
TEST(AtomicMemory, AStoreHistoryBeyondSixtyFourIsRefused) {
  weft::options o = model(weft::memory_model::c11, 1);
  o.store_history = 65;
  EXPECT_THROW(weft::check([] {}, o), std::invalid_argument);
  o.store_history = 64;
  EXPECT_TRUE(weft::check([] {}, o).ok());
}

struct wide {
  std::array<long, 3> parts{};  // 24 bytes: more than the history keeps
};
TEST(AtomicMemory, AtomicsOfMoreThanSixteenBytesAreSequentiallyConsistent) {
  expect_clean([] {
    weft::atomic<wide> x{};
    weft::atomic<wide> y{};
    int r1 = -1, r2 = -1;
    weft::thread a([&] {
      x.store(wide{{1, 1, 1}}, relaxed);
      r1 = static_cast<int>(y.load(relaxed).parts[0]);
    });
    weft::thread b([&] {
      y.store(wide{{1, 1, 1}}, relaxed);
      r2 = static_cast<int>(x.load(relaxed).parts[0]);
    });
    a.join();
    b.join();
    WEFT_ASSERT(r1 == 1 || r2 == 1);
  }, model(weft::memory_model::c11));
}

// --- the trace --------------------------------------------------------------------
TEST(AtomicMemory, TheTraceSaysWhichOlderStoreALoadRead) {
  const weft::result r = weft::check([] {
    weft::atomic<int> x{0, "x"};
    weft::atomic<bool> done{false, "done"};
    weft::thread writer([&] { x.store(1, relaxed); });
    writer.join();  // the join orders the store of 1 before the load: it reads 1 or 2
    weft::thread other([&] {
      x.store(2, relaxed);
      done.store(true, relaxed);
    });
    if (done.load(relaxed)) WEFT_ASSERT(x.load(relaxed) == 2, "2 was stored, 1 was read");
    other.join();
  }, model(weft::memory_model::c11, 2000));
  ASSERT_EQ(r.findings.size(), 1u) << weft::testing::first_finding(r);
  const weft::finding& f = r.findings.front();
  const weft::trace_event* load = nullptr;
  for (const weft::trace_event& ev : f.trace) {
    if (ev.operation == "atomic_load") load = &ev;
  }
  ASSERT_NE(load, nullptr);
  ASSERT_GE(load->read_from, 0) << "the load of 1 read the store of thread 1, older than thread 2's";
  EXPECT_EQ(load->value, "1");
  EXPECT_EQ(load->newer_stores, 1u);
  const weft::trace_event& store = f.trace.at(static_cast<std::size_t>(load->read_from));
  EXPECT_EQ(store.operation, "atomic_store");
  EXPECT_EQ(store.value, "1");
  EXPECT_EQ(store.thread, 1u);
}

}  // namespace
