// Condition-variable wait in a `while` loop (C++20): two consumers, one
// producer of two items. A woken consumer re-checks the queue and waits again
// if the other consumer took the item, so each consumer gets exactly one.
// weft-exec-expect: clean
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
    while (count == 0)
        nonempty.wait(lock);
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
    assert(taken[0] + taken[1] == 3 && taken[0] != taken[1]);
    return 0;
}
