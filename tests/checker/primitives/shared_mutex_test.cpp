// weft::shared_mutex: readers share it, a writer excludes readers and
// writers, the try_ forms fail while the other side holds it, a write under
// a shared lock races, and its misuses (relocking, unlocking a side not
// held) are found, with the correct use clean.
#include <gtest/gtest.h>

#include <mutex>
#include <shared_mutex>

#include "../../support/weft_expect.hpp"
#include "weft/weft.hpp"

namespace {

using weft::testing::budget;
using weft::testing::expect_clean;
using weft::testing::expect_found;

/// Two readers and a writer; each asserts the other side is not inside.
/// With `readers_alone`, a reader also asserts no other reader is inside.
void readers_and_a_writer(bool readers_alone) {
  weft::shared_mutex m;
  weft::atomic<int> readers{0}, writers{0};
  auto read = [&] {
    std::shared_lock lk(m);
    const int others = readers.fetch_add(1);
    WEFT_ASSERT(writers.load() == 0, "a reader beside a writer");
    if (readers_alone) WEFT_ASSERT(others == 0, "two readers inside together");
    readers.fetch_sub(1);
  };
  auto write = [&] {
    std::unique_lock lk(m);
    writers.fetch_add(1);
    WEFT_ASSERT(readers.load() == 0, "a writer beside a reader");
    writers.fetch_sub(1);
  };
  weft::thread r1(read), r2(read), w(write);
  r1.join();
  r2.join();
  w.join();
}
TEST(SharedMutex, WriterExcludesReaders) { expect_clean([] { readers_and_a_writer(false); }, budget(2000)); }
TEST(SharedMutex, ReadersShareIt) {
  expect_found([] { readers_and_a_writer(true); }, weft::finding_kind::assertion);
}

TEST(SharedMutex, TryFormsFailWhileTheOtherSideHoldsIt) {
  expect_clean([] {
    weft::shared_mutex m;
    m.lock_shared();
    weft::thread t([&] {
      WEFT_ASSERT(!m.try_lock(), "no writer beside a reader");
      WEFT_ASSERT(m.try_lock_shared(), "readers share");
      m.unlock_shared();
    });
    t.join();
    m.unlock_shared();
    m.lock();
    weft::thread u([&] { WEFT_ASSERT(!m.try_lock_shared(), "no reader beside a writer"); });
    u.join();
    m.unlock();
  }, budget(200));
}

/// Two threads write a weft::var, under an exclusive or a shared lock.
void writers_under(bool shared) {
  weft::shared_mutex m;
  weft::var<int> x{0, "x"};
  auto write = [&] {
    if (shared) {
      std::shared_lock lk(m);
      x.store(x.load() + 1);
    } else {
      std::unique_lock lk(m);
      x.store(x.load() + 1);
    }
  };
  weft::thread a(write), b(write);
  a.join();
  b.join();
}
TEST(SharedMutex, ExclusiveLockOrdersWrites) { expect_clean([] { writers_under(false); }, budget(2000)); }
TEST(SharedMutex, WritingUnderASharedLockIsADataRace) {
  expect_found([] { writers_under(true); }, weft::finding_kind::data_race);
}
TEST(SharedMutex, ReadersSeeTheWriterBeforeThem) {
  expect_clean([] {
    weft::shared_mutex m;
    weft::var<int> x{0};
    weft::thread w([&] {
      std::unique_lock lk(m);
      x.store(1);
    });
    weft::thread r([&] {
      std::shared_lock lk(m);
      (void)x.load();
    });
    w.join();
    r.join();
  }, budget(2000));
}

/// A reader holds `table` shared and wants `log`; a writer holds `log` and
/// waits for `table`, which its reader holds: a cycle through a lock held
/// shared. With `one_order`, both take `log` first: no cycle.
void reader_and_writer_over_two_locks(bool one_order) {
  weft::shared_mutex table;
  weft::mutex log;
  weft::thread reader([&] {
    if (one_order) log.lock();
    table.lock_shared();
    if (!one_order) log.lock();
    log.unlock();
    table.unlock_shared();
  });
  weft::thread writer([&] {
    std::lock_guard g(log);
    std::unique_lock w(table);
  });
  reader.join();
  writer.join();
}
TEST(SharedMutex, AWriterWaitingForAReaderThatWaitsForItIsADeadlock) {
  // The wait-for edge of a writer goes to the threads that hold the lock
  // shared (it had no owner to go to: this was a "stuck" lost wakeup). The
  // lock-order detector, which would report the inversion first, is off.
  weft::options o = budget(2000);
  o.detect.disable(weft::finding_kind::lock_order_inversion);
  const weft::result r = weft::check([] { reader_and_writer_over_two_locks(false); }, o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.findings.front().kind, weft::finding_kind::deadlock) << r.findings.front().message;
  EXPECT_NE(r.findings.front().message.find("each waits for the next"), std::string::npos)
      << r.findings.front().message;
}
TEST(SharedMutex, AReaderAndAWriterTakingTheLocksInOneOrderAreClean) {
  expect_clean([] { reader_and_writer_over_two_locks(true); }, budget(2000));
}

TEST(SharedMutex, UpgradingAReadLockInPlaceIsADeadlock) {
  // lock() while the thread holds it shared waits for its own read lock: a
  // deadlock on itself (it was a "stuck" lost wakeup blaming the join).
  const weft::result r = weft::check([] {
    weft::shared_mutex m;
    weft::thread t([&] {
      std::shared_lock read(m);
      std::unique_lock write(m);
    });
    t.join();
  }, budget(100));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.findings.front().kind, weft::finding_kind::deadlock) << r.findings.front().message;
  EXPECT_NE(r.findings.front().message.find("it waits for itself"), std::string::npos) << r.findings.front().message;
}
TEST(SharedMutex, ReleasingTheReadLockBeforeWritingIsClean) {
  expect_clean([] {
    weft::shared_mutex m;
    int value = 0;
    weft::thread t([&] {
      m.lock_shared();
      const bool stale = value == 0;
      m.unlock_shared();
      if (stale) {
        std::unique_lock write(m);
        value = 1;
      }
    });
    t.join();
  }, budget(100));
}

TEST(SharedMutex, RelockIsMisuse) {
  expect_found([] {
    weft::shared_mutex m;
    m.lock();
    m.lock();
  }, weft::finding_subkind::relock);
}
TEST(SharedMutex, UnlockSharedNotHeldIsMisuse) {
  expect_found([] {
    weft::shared_mutex m;
    m.unlock_shared();
  }, weft::finding_subkind::unlock_not_held);
}
TEST(SharedMutex, UnlockNotHeldIsMisuse) {
  expect_found([] {
    weft::shared_mutex m;
    m.lock_shared();
    m.unlock();
  }, weft::finding_subkind::unlock_not_held);
}
TEST(SharedMutex, DestroyingItHeldIsMisuse) {
  expect_found([] {
    auto* m = new weft::shared_mutex;
    m->lock_shared();
    delete m;
  }, weft::finding_subkind::destroy_held);
}

}  // namespace
