// A detached heartbeat thread formats its line from a global table of
// labels; main returns as soon as its own work is done. Returning from main
// runs exit(), which destroys the global std::vector while the heartbeat
// may still read it: a data race with the static's destructor (ThreadSanitizer
// reports it). weft ended the execution at main's return without the
// program's exit work before, and passed it.
// weft-exec-expect: data_race
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

std::vector<std::string> labels = {"idle", "busy", "draining"};

void heartbeat() {
  std::size_t length = 0;
  for (const std::string& label : labels) length += label.size();  // BUG: may run during exit
  std::printf("heartbeat: %zu\n", length);
}

int main() {
  std::thread(heartbeat).detach();
  std::printf("work done\n");
  return 0;
}
