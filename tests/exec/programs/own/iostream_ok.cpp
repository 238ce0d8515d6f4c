// A program that includes <iostream>: its static initializer (std::ios_base::Init)
// runs before the runtime's and calls pthread_once, which the runtime
// interposes; the real function must be there already (it is resolved on
// first call). Two threads print under a lock.
// weft-exec-expect: clean
#include <iostream>
#include <mutex>
#include <thread>

int main() {
  std::mutex m;
  auto say = [&](int n) {
    std::lock_guard<std::mutex> lock(m);
    std::cout << "thread " << n << "\n";
  };
  std::thread a(say, 1), b(say, 2);
  a.join();
  b.join();
  std::cout << "done" << std::endl;
}
