// Per-logical-thread storage: every weft::thread has its own thread_local
// variables (fresh in every execution, destroyed when it ends), errno,
// exception state and std::this_thread::get_id(), as a real thread does.
// Each test fails when logical threads share the OS thread's TLS.
#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <malloc.h>
#include <memory>
#include <thread>
#include <vector>

#include "tls_library.hpp"
#include "weft/detail/thread_storage.hpp"
#include "weft/weft.hpp"

namespace {

constexpr const char* no_per_thread_storage =
    "per-logical-thread TLS is off in sanitizer builds (ThreadSanitizer and AddressSanitizer keep "
    "their per-thread state behind the thread pointer weft would switch)";

void expect_clean(const std::function<void()>& body) {
  weft::options o;
  o.iterations = 500;
  o.strategy = weft::strategy_kind::random;
  const weft::result r = weft::check(body, o);
  EXPECT_TRUE(r.ok()) << weft::to_string(r.findings.at(0).kind) << ": " << r.findings.at(0).message;
  EXPECT_EQ(r.stats.executions, 500u);
}

/// Runs `per_thread(i)` in two weft::threads and joins them.
template <class F>
void in_two_threads(F per_thread) {
  weft::thread a(per_thread, 0), b(per_thread, 1);
  a.join();
  b.join();
}

thread_local int counter = 0;

TEST(ThreadLocal, CounterIsPerThreadAndFreshInEachExecution) {
  if (!weft::detail::per_thread_storage()) GTEST_SKIP() << no_per_thread_storage;
  expect_clean([] {
    in_two_threads([](int) {
      for (int expected = 1; expected <= 3; ++expected) {
        ++counter;
        weft::this_thread::yield();
        WEFT_ASSERT(counter == expected, "a thread_local counter sees another thread's increments");
      }
    });
  });
}

TEST(ThreadLocal, CharacterClassesWorkInEveryThread) {
  // <cctype> reads per-thread tables that glibc sets up when a thread starts;
  // a logical thread's storage must have them as well.
  expect_clean([] {
    in_two_threads([](int) {
      WEFT_ASSERT(std::islower('r') && !std::islower('R') && std::isdigit('7') && !std::isalpha('#'),
                  "character classes are wrong");
      WEFT_ASSERT(std::toupper('q') == 'Q' && std::tolower('Q') == 'q', "case mapping is wrong");
    });
  });
}

TEST(ThreadLocal, PointersToThreadLocalsAreDistinct) {
  // The per-thread slot registration of MCS locks and hazard pointers.
  if (!weft::detail::per_thread_storage()) GTEST_SKIP() << no_per_thread_storage;
  expect_clean([] {
    thread_local int slot = -1;
    std::array<int*, 2> registered{};
    in_two_threads([&](int i) {
      slot = i;
      registered[static_cast<std::size_t>(i)] = &slot;
    });
    WEFT_ASSERT(registered[0] != registered[1], "two threads share one thread_local object");
  });
}

TEST(ThreadLocal, GetIdIsDistinctPerThreadAndStableAcrossSwitches) {
  if (!weft::detail::per_thread_storage()) GTEST_SKIP() << no_per_thread_storage;
  expect_clean([] {
    std::array<std::thread::id, 2> ids{};
    in_two_threads([&](int i) {
      const std::thread::id mine = std::this_thread::get_id();
      weft::this_thread::yield();
      WEFT_ASSERT(std::this_thread::get_id() == mine, "get_id changed across a scheduling point");
      ids[static_cast<std::size_t>(i)] = mine;
    });
    WEFT_ASSERT(ids[0] != ids[1], "two threads have one get_id");
    WEFT_ASSERT(ids[0] != std::this_thread::get_id() && ids[1] != std::this_thread::get_id());
  });
}

TEST(ThreadLocal, ErrnoIsPerThread) {
  if (!weft::detail::per_thread_storage()) GTEST_SKIP() << no_per_thread_storage;
  expect_clean([] {
    in_two_threads([](int i) {
      errno = 100 + i;
      weft::this_thread::yield();
      WEFT_ASSERT(errno == 100 + i, "errno was set by another thread");
    });
  });
}

TEST(ThreadLocal, ErrnoStartsAtZeroInEveryThread) {
  if (!weft::detail::per_thread_storage()) GTEST_SKIP() << no_per_thread_storage;
  expect_clean([] {
    in_two_threads([](int i) {
      WEFT_ASSERT(errno == 0, "a new thread inherits errno from an earlier one");
      errno = 100 + i;
    });
  });
}

TEST(ThreadLocal, ThreadStartsDoNotLeakMallocCaches) {
  // glibc gives each thread a malloc cache (tcache) on its first allocation
  // and frees it, with the blocks cached in it, when the thread exits; a
  // logical thread's storage must not lose it (it did: ~3 KB per thread start
  // here, 12 MB over this test).
  if (!weft::detail::per_thread_storage()) GTEST_SKIP() << no_per_thread_storage;
  const auto body = [] {
    in_two_threads([](int i) {
      std::vector<std::unique_ptr<char[]>> blocks;
      for (std::size_t size = 16; size <= 1024; size *= 2) blocks.emplace_back(new char[size + i]);
      weft::this_thread::yield();
    });
  };
  expect_clean(body);  // the pool of storage blocks is warm
  const std::size_t before = mallinfo2().uordblks;
  for (int round = 0; round < 4; ++round) expect_clean(body);  // 2,000 executions, 4,000 thread starts
  const std::size_t after = mallinfo2().uordblks;
  EXPECT_LT(after, before + 64 * 1024) << "bytes in use grew from " << before << " to " << after;
}

TEST(ThreadLocal, LibraryStateIsPerThread) {
  if (!weft::detail::per_thread_storage()) GTEST_SKIP() << no_per_thread_storage;
  expect_clean([] {
    in_two_threads([](int) {
      for (int expected = 1; expected <= 3; ++expected) {
        const int got = tls_library::next_in_this_thread();
        WEFT_ASSERT(got == expected, "a library's thread_local is shared between threads");
        weft::this_thread::yield();
      }
    });
  });
}

TEST(ThreadLocal, ExceptionBeingHandledIsPerThread) {
  // libstdc++ keeps the exceptions being handled per thread: `throw;` in a
  // handler rethrows this thread's exception, whatever the others caught.
  if (!weft::detail::per_thread_storage()) GTEST_SKIP() << no_per_thread_storage;
  expect_clean([] {
    in_two_threads([](int i) {
      try {
        throw i;
      } catch (int) {
        weft::this_thread::yield();
        try {
          throw;
        } catch (int rethrown) {
          WEFT_ASSERT(rethrown == i, "rethrew another thread's exception");
        }
      }
    });
  });
}

std::atomic<int> destroyed{0};
struct counts_destruction {
  bool touched = false;
  ~counts_destruction() {
    if (touched) destroyed.fetch_add(1);
  }
};
thread_local counts_destruction tracked;

TEST(ThreadLocal, DestructorsRunWhenTheThreadEnds) {
  if (!weft::detail::per_thread_storage()) GTEST_SKIP() << no_per_thread_storage;
  destroyed = 0;
  weft::options o;
  o.iterations = 50;
  const weft::result r = weft::check([] {
    const int before = destroyed.load();
    in_two_threads([](int) { tracked.touched = true; });
    WEFT_ASSERT(destroyed.load() == before + 2, "thread_local destructors did not run before join returned");
  }, o);
  EXPECT_TRUE(r.ok()) << r.findings.at(0).message;
}

TEST(ThreadLocal, TheCallingThreadKeepsItsOwn) {
  if (!weft::detail::per_thread_storage()) GTEST_SKIP() << no_per_thread_storage;
  counter = 41;
  weft::options o;
  o.iterations = 20;
  const weft::result r = weft::check([] {
    counter = 5;  // the body is a logical thread too
    in_two_threads([](int) { counter = 6; });
  }, o);
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(counter, 41);
}

}  // namespace
