// completion_notify_under_lock_ok.cpp with the notify after the unlock: the
// waiter may see the flag (before it ever waits, or woken spuriously),
// return and destroy the request with its event while the worker is about
// to notify it. ThreadSanitizer reports the notify racing with the
// condition variable's destruction; on real threads the notify touches a
// dead object. A data race on the event.
// weft-exec-expect: data_race
#include <condition_variable>
#include <mutex>
#include <thread>

struct completion {
  std::mutex m;
  std::condition_variable cv;
  bool done = false;
};

struct request {
  int input = 0;
  int output = 0;
  completion finished;
};

void serve(request* r) {
  const int result = r->input * 2;
  {
    std::lock_guard<std::mutex> lock(r->finished.m);
    r->output = result;
    r->finished.done = true;
  }
  r->finished.cv.notify_one();  // BUG: the waiter may have destroyed the event by now
}

int main() {
  int total = 0;
  for (int round = 1; round <= 2; ++round) {
    std::thread worker;
    {
      request r;
      r.input = round;
      worker = std::thread(serve, &r);
      std::unique_lock<std::mutex> lock(r.finished.m);
      r.finished.cv.wait(lock, [&] { return r.finished.done; });
      total += r.output;
    }
    worker.join();
  }
  return total == 6 ? 0 : 1;
}
