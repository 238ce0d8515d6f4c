// value_at_thread_exit_ok.cpp's first hand-over with promise::set_value
// instead of set_value_at_thread_exit: the future is ready at once, while
// the worker still writes the count the reader checks. A data race on
// `lines` (set_value orders only what came before it).
// weft-exec-expect: data_race
#include <cassert>
#include <future>
#include <thread>

int lines = 0;

int main() {
  std::promise<int> promise;
  std::future<int> done = promise.get_future();
  std::thread worker([&promise] {
    lines = 3;
    promise.set_value(42);
    lines += 1;  // BUG: after the value that announces the work done
  });
  worker.detach();
  const int value = done.get();
  assert(value == 42);
  return lines >= 3 ? 0 : 1;
}
