// moodycamel::ConcurrentQueue (MPMC), correct use (C++20): two producers,
// each with its own ProducerToken, enqueue four items each while a consumer
// makes a bounded number of try_dequeue attempts; after joining, main drains
// the rest. Every item must arrive exactly once, and each producer's items in
// the order it enqueued them (the queue's per-producer FIFO guarantee).
// weft-exec-expect: clean
#include <cassert>
#include <concurrentqueue/concurrentqueue.h>
#include <thread>

namespace {

constexpr int producers = 2;
constexpr int per_producer = 4;
constexpr int total = producers * per_producer;

moodycamel::ConcurrentQueue<int> queue;
int received[total]; // in dequeue order: the consumer's first, then main's
int received_count = 0;

int item(int producer, int seq) { return producer * 100 + seq; }

void produce(int producer) {
    moodycamel::ProducerToken token(queue); // this thread's own sub-queue
    for (int seq = 0; seq < per_producer; ++seq) {
        bool ok = queue.enqueue(token, item(producer, seq));
        assert(ok);
    }
}

void consume_some() {
    for (int attempt = 0; attempt < total; ++attempt) {
        int v;
        if (queue.try_dequeue(v))
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
    for (int v; queue.try_dequeue(v);)
        received[received_count++] = v;

    assert(received_count == total);
    int next[producers] = {};
    for (int i = 0; i < total; ++i) {
        int producer = received[i] / 100, seq = received[i] % 100;
        assert(producer >= 0 && producer < producers);
        assert(seq == next[producer] && "lost, duplicated or reordered item");
        ++next[producer];
    }
    return 0;
}
