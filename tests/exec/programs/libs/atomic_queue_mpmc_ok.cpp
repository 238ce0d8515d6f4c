// atomic_queue::AtomicQueue (MPMC, the default), correct use (C++20): two
// producers push four items each while a consumer makes a bounded number of
// try_pop attempts; after joining, main drains the rest. Every item arrives
// exactly once, and each producer's items in the order it pushed them (one
// consumer pops slots in the order producers claimed them).
// weft-exec-expect: clean
#include <atomic_queue/atomic_queue.h>
#include <cassert>
#include <thread>

namespace {

constexpr int producers = 2;
constexpr int per_producer = 4;
constexpr int total = producers * per_producer;

// 0 is the queue's empty marker (NIL), so items start at 1.
atomic_queue::AtomicQueue<int, 16> queue; // room for all: try_push never fails
int received[total];
int received_count = 0;

int item(int producer, int seq) { return producer * 100 + seq + 1; }

void produce(int producer) {
    for (int seq = 0; seq < per_producer; ++seq) {
        bool ok = queue.try_push(item(producer, seq));
        assert(ok);
    }
}

void consume_some() {
    for (int attempt = 0; attempt < total; ++attempt) {
        int v;
        if (queue.try_pop(v))
            received[received_count++] = v;
    }
}

} // namespace

int main() {
    std::thread p0(produce, 0);
    std::thread p1(produce, 1);
    std::thread c(consume_some);
    p0.join();
    p1.join();
    c.join();
    for (int v; queue.try_pop(v);)
        received[received_count++] = v;

    assert(received_count == total);
    int next[producers] = {};
    for (int i = 0; i < total; ++i) {
        int producer = received[i] / 100, seq = received[i] % 100 - 1;
        assert(producer >= 0 && producer < producers);
        assert(seq == next[producer] && "lost, duplicated or reordered item");
        ++next[producer];
    }
    return 0;
}
