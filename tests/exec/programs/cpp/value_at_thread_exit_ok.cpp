// Workers hand their results over at thread exit: a promise's value
// (set_value_at_thread_exit), an exception (set_exception_at_thread_exit)
// and a packaged task's result (make_ready_at_thread_exit). Each future
// becomes ready only when its worker's thread has ended, so everything the
// worker wrote before the call, and after it, is visible to the thread that
// gets the result. The workers are detached: the futures alone say they are
// done. A fourth worker's future is dropped unread before the worker ends.
// Correct.
// weft-exec-expect: clean
// tsan-false-positive: the futures are made ready inside libstdc++.so, which TSan does not see; weft does (checker/src/instrument/future_at_thread_exit.cpp)
#include <cassert>
#include <future>
#include <stdexcept>
#include <thread>

int lines = 0;
int errors = 0;
int tasks_run = 0;

int main() {
  std::promise<int> value;
  std::future<int> value_ready = value.get_future();
  std::thread([&value] {
    lines = 3;
    value.set_value_at_thread_exit(42);
    lines += 1;  // still before the thread's end, which makes the value ready
  }).detach();

  std::promise<int> failure;
  std::future<int> failure_ready = failure.get_future();
  std::thread([&failure] {
    errors = 1;
    failure.set_exception_at_thread_exit(std::make_exception_ptr(std::runtime_error("disk full")));
  }).detach();

  std::packaged_task<int(int)> task([](int x) {
    ++tasks_run;
    return x * 2;
  });
  std::future<int> task_ready = task.get_future();
  std::thread([&task] { task.make_ready_at_thread_exit(21); }).detach();

  {
    auto dropped = std::make_shared<std::promise<int>>();
    std::future<int> unread = dropped->get_future();
    std::thread([dropped] { dropped->set_value_at_thread_exit(7); }).detach();
  }  // the future goes first; the worker's end finds nobody to tell

  assert(value_ready.get() == 42);
  assert(lines == 4);
  try {
    failure_ready.get();
    assert(false);
  } catch (const std::runtime_error&) {
    assert(errors == 1);
  }
  assert(task_ready.get() == 42);
  assert(tasks_run == 1);
  return 0;
}
