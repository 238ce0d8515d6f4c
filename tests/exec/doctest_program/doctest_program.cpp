// A doctest test program as its documentation writes one
// (tests/cli/test_framework_exec_test.sh): weft exec checks each TEST_CASE as a
// scenario of its own, exec/<program>/<test case>. A locked counter is
// clean; a flag stored relaxed is a data_race at the CHECK's own line; a
// check-then-act withdrawal fails its CHECK in some interleavings; a test
// case whose name is full of the characters doctest's filters give a
// meaning fails its CHECK always (so its exit finding shows that its
// escaped name selected it).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <atomic>
#include <mutex>
#include <thread>

TEST_CASE("locked counter") {
  std::mutex m;
  int count = 0;
  auto work = [&] {
    for (int i = 0; i < 3; ++i) {
      std::lock_guard<std::mutex> lock(m);
      ++count;
    }
  };
  std::thread a(work), b(work);
  a.join();
  b.join();
  CHECK(count == 6);
}

TEST_CASE("relaxed flag") {
  std::atomic<bool> ready{false};
  int data = 0;
  std::thread writer([&] {
    data = 42;
    ready.store(true, std::memory_order_relaxed);
  });
  while (!ready.load(std::memory_order_acquire)) std::this_thread::yield();
  CHECK(data == 42);
  writer.join();
}

TEST_CASE("check then act") {
  std::mutex m;
  int balance = 100;
  auto withdraw = [&] {
    int seen;
    {
      std::lock_guard<std::mutex> lock(m);
      seen = balance;
    }
    if (seen >= 100) {
      std::lock_guard<std::mutex> lock(m);
      balance -= 100;
    }
  };
  std::thread a(withdraw), b(withdraw);
  a.join();
  b.join();
  CHECK(balance >= 0);
}

TEST_CASE("sums, *stars* ?q \\back") {
  std::atomic<int> sum{0};
  std::thread a([&] { sum += 1; }), b([&] { sum += 2; });
  a.join();
  b.join();
  CHECK(sum == 4);
}
