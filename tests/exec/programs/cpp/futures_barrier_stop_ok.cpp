// The C++ standard's higher-level tools, used correctly: std::async (both
// launch policies), std::promise/std::future and a shared_future waited
// on by two threads, std::packaged_task run on a thread, std::barrier with a
// completion step, and std::jthread stopped through its stop_token while it
// waits on a condition_variable_any. Correct.
// weft-exec-expect: clean
#include <barrier>
#include <condition_variable>
#include <future>
#include <mutex>
#include <numeric>
#include <stop_token>
#include <thread>
#include <vector>

int main() {
  int ok = 1;
  // std::async on a new thread and deferred.
  std::vector<int> numbers(16);
  std::iota(numbers.begin(), numbers.end(), 1);
  auto first = std::async(std::launch::async, [&] { return std::accumulate(numbers.begin(), numbers.begin() + 8, 0); });
  auto second =
      std::async(std::launch::deferred, [&] { return std::accumulate(numbers.begin() + 8, numbers.end(), 0); });
  ok &= first.get() + second.get() == 136;

  // A promise kept by one thread, its shared_future read by two.
  std::promise<int> promise;
  std::shared_future<int> answer = promise.get_future().share();
  int seen[2] = {0, 0};
  std::thread r0([&] { seen[0] = answer.get(); });
  std::thread r1([&] { seen[1] = answer.get(); });
  std::thread keeper([&] { promise.set_value(42); });
  r0.join();
  r1.join();
  keeper.join();
  ok &= seen[0] == 42 && seen[1] == 42;

  // A packaged task run on its own thread.
  std::packaged_task<int(int)> task([](int x) { return x * 3; });
  std::future<int> tripled = task.get_future();
  std::thread runner(std::move(task), 14);
  ok &= tripled.get() == 42;
  runner.join();

  // A barrier with a completion step, two phases.
  int phase_sum = 0, parts[2] = {0, 0};
  std::barrier sync(2, [&]() noexcept { phase_sum += parts[0] + parts[1]; });
  std::thread workers[2];
  for (int i = 0; i < 2; ++i) {
    workers[i] = std::thread([&, i] {
      for (int phase = 1; phase <= 2; ++phase) {
        parts[i] = phase * (i + 1);
        sync.arrive_and_wait();
      }
    });
  }
  for (auto& w : workers) w.join();
  ok &= phase_sum == 9;

  // A jthread waiting on a condition_variable_any until it is stopped.
  std::mutex m;
  std::condition_variable_any cv;
  bool woke_for_stop = false;
  {
    std::jthread waiter([&](std::stop_token stop) {
      std::unique_lock lock(m);
      woke_for_stop = !cv.wait(lock, stop, [] { return false; });
    });
  }  // request_stop, then join
  ok &= woke_for_stop;
  return ok ? 0 : 1;
}
