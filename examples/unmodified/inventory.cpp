// A shop's inventory shared by order threads: std::thread, std::mutex, plain
// members — nothing of weft's. Each order checks the stock, then takes the
// items, each step under the lock but not both together (a check-then-act
// race): two orders can both see 3 in stock and take 2 each. Real threads
// rarely show it; `weft exec -- ./inventory` finds the interleaving and
// prints a schedule that replays it.
#include <cstdio>
#include <map>
#include <mutex>
#include <string>
#include <thread>

class inventory {
 public:
  void add(const std::string& item, int count) {
    std::lock_guard<std::mutex> lock(mutex_);
    stock_[item] += count;
  }
  int available(const std::string& item) {
    std::lock_guard<std::mutex> lock(mutex_);
    return stock_[item];
  }
  void take(const std::string& item, int count) {
    std::lock_guard<std::mutex> lock(mutex_);
    stock_[item] -= count;
  }

 private:
  std::mutex mutex_;
  std::map<std::string, int> stock_;
};

int main() {
  inventory shop;
  shop.add("lamp", 3);
  auto order = [&shop] {
    if (shop.available("lamp") >= 2) shop.take("lamp", 2);  // BUG: not atomic
  };
  std::thread a(order);
  std::thread b(order);
  a.join();
  b.join();
  const int left = shop.available("lamp");
  std::printf("lamps left: %d\n", left);
  return left < 0 ? 1 : 0;  // sold more than there was
}
