// The same detached heartbeat, and main waits for its last beat before it
// returns: the heartbeat's reads of the global table happen before its
// notify, main's wait after, and exit() destroys the table after that. The
// thread may still be finishing (its own frames, its std::thread state),
// but it no longer touches the program's statics. Correct.
// weft-exec-expect: clean
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

std::vector<std::string> labels = {"idle", "busy", "draining"};
std::mutex done_mutex;
std::condition_variable done_cv;
bool beat_done = false;

void heartbeat() {
  std::size_t length = 0;
  for (const std::string& label : labels) length += label.size();
  std::printf("heartbeat: %zu\n", length);
  std::lock_guard lock(done_mutex);
  beat_done = true;
  done_cv.notify_one();
}

int main() {
  std::thread(heartbeat).detach();
  std::printf("work done\n");
  std::unique_lock lock(done_mutex);
  done_cv.wait(lock, [] { return beat_done; });
  return 0;
}
