// absl::Status values with a message, copied into worker threads the way
// error-handling code passes them around: each thread's copy shares the
// status's heap representation, reads the message, and drops its copy when
// it ends, while main drops its own (assigns OkStatus()) without waiting.
// Whichever copy goes last deletes the representation (inside
// libabsl_status.so); the reference count orders every other thread's read
// before it. Correct.
// weft-exec-expect: clean
#include <absl/status/status.h>

#include <cstdio>
#include <thread>
#include <vector>

int main() {
  int total = 0;
  for (int round = 0; round < 2; ++round) {
    absl::Status failed = absl::NotFoundError("no such record: 42");
    std::vector<int> lengths(2);
    std::vector<std::thread> readers;
    for (int i = 0; i < 2; ++i) {
      readers.emplace_back([copy = failed, &lengths, i] { lengths[i] = static_cast<int>(copy.message().size()); });
    }
    failed = absl::OkStatus();  // main's copy goes while the readers may hold theirs
    for (std::thread& t : readers) t.join();
    total += lengths[0] + lengths[1];
  }
  std::printf("%d\n", total);
  return total == 4 * 18 ? 0 : 1;
}
