// A loader signals "ready" with absl::Notification and only then fills in
// the table the waiting thread reads: the reader's use of the table is
// ordered after Notify(), not after the writes that come later. A data
// race weft must find through Abseil's Notification.
// weft-exec-expect: data_race
#include <thread>

#include "absl/synchronization/notification.h"

namespace {

absl::Notification ready;
int table[4];

}  // namespace

int main() {
  std::thread loader([] {
    ready.Notify();
    for (int& entry : table) entry = 7;  // BUG: written after the notification
  });
  ready.WaitForNotification();
  int sum = 0;
  for (int entry : table) sum += entry;
  loader.join();
  return sum == 28 || sum == 0 ? 0 : 1;  // any answer: the race is the bug
}
