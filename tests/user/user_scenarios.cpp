// A user's test program, written only against <weft/weft.hpp>: scenarios
// registered with WEFT_SCENARIO / WEFT_SCENARIO_EXPECT and the whole `weft`
// command line from linking weft::main. `weft_user_scenarios run` exits 0
// only when every verdict is the expected one: the three bugs found with
// their kinds, and the correct handoff clean.
#include <mutex>

#include <weft/weft.hpp>

namespace {

struct account {
  weft::mutex m;
  weft::var<long> balance{100};
};

void transfer(account& from, account& to, long amount) {
  std::lock_guard a(from.m);  // BUG: locks in argument order
  std::lock_guard b(to.m);
  from.balance = from.balance.load() - amount;
  to.balance = to.balance.load() + amount;
}

}  // namespace

WEFT_SCENARIO_EXPECT("user/ab_ba_deadlock", weft::finding_kind::deadlock, weft::finding_kind::lock_order_inversion) {
  account x, y;
  weft::thread t1([&] { transfer(x, y, 10); });
  weft::thread t2([&] { transfer(y, x, 20); });
  t1.join();
  t2.join();
  WEFT_ASSERT(x.balance.load() + y.balance.load() == 200);
}

WEFT_SCENARIO_EXPECT("user/lost_update", weft::finding_kind::data_race, weft::finding_kind::assertion) {
  weft::var<int> hits{0};
  auto visit = [&] { hits = hits.load() + 1; };  // BUG: unsynchronised read-modify-write
  weft::thread a(visit), b(visit);
  a.join();
  b.join();
  WEFT_ASSERT(hits.load() == 2, "a visit was lost");
}

WEFT_SCENARIO_EXPECT("user/lost_signal", weft::finding_kind::lost_wakeup) {
  weft::mutex m;
  weft::condition_variable cv;
  weft::atomic<bool> ready{false};
  weft::thread consumer([&] {
    std::unique_lock lock(m);
    if (!ready.load()) cv.wait(lock);  // BUG: the flag is set without the mutex, the signal can come between
  });
  weft::thread producer([&] {
    ready.store(true);
    cv.notify_one();
  });
  consumer.join();
  producer.join();
}

WEFT_SCENARIO("user/handoff") {
  weft::mutex m;
  weft::condition_variable cv;
  weft::var<int> item{0};
  weft::var<bool> ready{false};
  weft::thread consumer([&] {
    std::unique_lock lock(m);
    cv.wait(lock, [&] { return ready.load(); });
    WEFT_ASSERT(item.load() == 42, "the consumer saw the item before it was made");
  });
  weft::thread producer([&] {
    {
      std::lock_guard lock(m);
      item = 42;
      ready = true;
    }
    cv.notify_one();
  });
  consumer.join();
  producer.join();
}

// Declared clean but racy: `weft_user_scenarios run mistaken` must exit 1.
WEFT_SCENARIO("mistaken/racy_flag") {
  weft::var<bool> flag{false};
  weft::thread a([&] { flag = true; });
  weft::thread b([&] { (void)flag.load(); });
  a.join();
  b.join();
}
