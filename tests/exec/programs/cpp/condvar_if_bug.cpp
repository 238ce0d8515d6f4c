// `if` instead of `while` around a condition-variable wait (C++20): two
// consumers, one producer of two items. A consumer woken by notify_one does
// not re-check the queue; the other consumer may have taken the item in the
// meantime (or the wakeup was spurious), and the woken one's assert() fails.
// weft-exec-expect: crash
#include <cassert>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace {

std::mutex mutex;
std::condition_variable nonempty;
int queue[2];
int head = 0, count = 0; // guarded by mutex
int taken[2];

void consume(int who) {
    std::unique_lock lock(mutex);
    if (count == 0) // BUG: must be while
        nonempty.wait(lock);
    assert(count > 0 && "woken, but the item was taken by the other consumer");
    taken[who] = queue[head];
    head = (head + 1) % 2;
    --count;
}

void produce() {
    for (int i = 1; i <= 2; ++i) {
        std::lock_guard lock(mutex);
        queue[(head + count) % 2] = i;
        ++count;
        nonempty.notify_one();
    }
}

} // namespace

int main() {
    std::thread c0(consume, 0);
    std::thread c1(consume, 1);
    std::thread p(produce);
    c0.join();
    c1.join();
    p.join();
    return 0;
}
