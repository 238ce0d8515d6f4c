// A promise kept before the detail that goes with it is written: the
// thread that got the value from the future reads the detail while the
// keeper may still be writing it. A data race on `detail` (the future
// orders only what came before set_value).
// weft-exec-expect: data_race
#include <future>
#include <thread>

int detail = 0;

int main() {
  std::promise<int> promise;
  std::future<int> answer = promise.get_future();
  std::thread keeper([&] {
    promise.set_value(42);
    detail = 7;  // BUG: after the value that announces it
  });
  const int value = answer.get();
  const int d = detail;
  keeper.join();
  return value == 42 && d == 7 ? 0 : 1;
}
