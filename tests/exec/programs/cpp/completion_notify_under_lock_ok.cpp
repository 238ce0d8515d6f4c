// A request waits for its completion on an event that lives in the request,
// on the waiter's stack; a worker completes it: sets the flag and notifies
// with the mutex held. The waiter cannot see the flag, return and destroy
// the event before the worker has let go of the mutex, so the worker never
// touches a destroyed event. Correct.
// weft-exec-expect: clean
#include <cassert>
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
  std::lock_guard<std::mutex> lock(r->finished.m);
  r->output = result;
  r->finished.done = true;
  r->finished.cv.notify_one();  // under the lock: the waiter is still waiting for it
}

int main() {
  for (int round = 1; round <= 2; ++round) {
    std::thread worker;
    {
      request r;
      r.input = round;
      worker = std::thread(serve, &r);
      std::unique_lock<std::mutex> lock(r.finished.m);
      r.finished.cv.wait(lock, [&] { return r.finished.done; });
      assert(r.output == 2 * round);
    }  // the request and its event end here
    worker.join();
  }
  return 0;
}
