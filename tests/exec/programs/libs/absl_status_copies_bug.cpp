// The copies of absl_status_copies_ok.cpp, but each reader keeps a view of
// the message and drops its copy of the status before reading through the
// view: when its copy was the last, it reads the message it has just
// deleted; when it was not, the thread whose copy goes last deletes it with
// that read unordered.
// weft-exec-expect: data_race|misuse/use_after_free
#include <absl/status/status.h>
#include <absl/strings/string_view.h>

#include <cstdio>
#include <thread>
#include <vector>

int main() {
  absl::Status failed = absl::NotFoundError("no such record: 42");
  std::vector<int> firsts(2);
  std::vector<std::thread> readers;
  for (int i = 0; i < 2; ++i) {
    readers.emplace_back([copy = failed, &firsts, i]() mutable {
      const absl::string_view message = copy.message();
      copy = absl::OkStatus();  // this thread's reference goes
      firsts[i] = message[0];   // BUG: read through the view after it
    });
  }
  failed = absl::OkStatus();
  for (std::thread& t : readers) t.join();
  std::printf("%c%c\n", firsts[0], firsts[1]);
  return firsts[0] == 'n' && firsts[1] == 'n' ? 0 : 1;
}
