// Shared counter, correct (C++20, std::jthread): the counter is a
// std::atomic<int> incremented with fetch_add, so no update is lost and
// main, after both jthreads have joined, sees 6.
// weft-exec-expect: clean
#include <atomic>
#include <cassert>
#include <thread>

namespace {

std::atomic<int> events{0};

void count_three() {
    for (int i = 0; i < 3; ++i)
        events.fetch_add(1, std::memory_order_relaxed);
}

} // namespace

int main() {
    {
        std::jthread a(count_three);
        std::jthread b(count_three);
    } // both joined here: the joins order the increments before the load
    assert(events.load(std::memory_order_relaxed) == 6);
    return 0;
}
