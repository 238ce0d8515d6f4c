// atomic_queue::AtomicQueue in its single-producer single-consumer mode
// (template parameter SPSC = true) used by two producers (C++20). In SPSC
// mode push() claims a slot with a plain load and store of the head index
// instead of an atomic increment, so both producers can claim the same slot:
// one item overwrites (after the consumer took) the other's slot and is never
// seen, and main's "every item exactly once" assert() fails.
// weft-exec-expect: crash
#include <atomic>
#include <atomic_queue/atomic_queue.h>
#include <cassert>
#include <thread>

namespace {

constexpr int producers = 2;

// <T, SIZE, NIL, MINIMIZE_CONTENTION, MAXIMIZE_THROUGHPUT, TOTAL_ORDER, SPSC>
atomic_queue::AtomicQueue<int, 16, 0, true, true, false, true> queue;
std::atomic<int> producers_done{0};
int received[4];
int received_count = 0;

void produce(int producer) { // BUG: two threads in the single-producer role
    queue.push(producer + 1); // 0 is the empty marker
    producers_done.fetch_add(1, std::memory_order_release);
}

// A producer whose slot is still full waits inside push() for the consumer,
// so the consumer keeps polling until both producers are done.
void consume() {
    for (;;) {
        int v;
        if (queue.try_pop(v)) {
            if (received_count < 4)
                received[received_count++] = v;
        } else if (producers_done.load(std::memory_order_acquire) == producers) {
            break;
        } else {
            std::this_thread::yield();
        }
    }
}

} // namespace

int main() {
    std::thread p0(produce, 0);
    std::thread p1(produce, 1);
    std::thread c(consume);
    p0.join();
    p1.join();
    c.join();
    for (int v; queue.try_pop(v) && received_count < 4;)
        received[received_count++] = v;

    int seen[producers] = {};
    for (int i = 0; i < received_count; ++i) {
        assert(received[i] >= 1 && received[i] <= producers);
        ++seen[received[i] - 1];
    }
    assert(seen[0] == 1 && seen[1] == 1 && "an item was lost or duplicated");
    return 0;
}
