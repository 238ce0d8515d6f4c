// moodycamel::ReaderWriterQueue misuse (C++20): the queue is documented as
// single-producer single-consumer ("only one thread at a time may hold the
// producer or consumer role"), but two producers enqueue concurrently. Their
// enqueues can overlap: the library's own debug assert() fires, or both
// write the same slot and its producer-local index (a data race on plain
// memory) and an item is lost, which main's assert() catches.
// weft-exec-expect: crash|data_race
#include <cassert>
#include <readerwriterqueue/readerwriterqueue.h>
#include <thread>

namespace {

constexpr int producers = 2;
constexpr int per_producer = 2;
constexpr int total = producers * per_producer;

moodycamel::ReaderWriterQueue<int> queue(8); // room for all: never allocates
int received[total];
int received_count = 0;

int item(int producer, int seq) { return producer * 100 + seq; }

void produce(int producer) { // BUG: two threads in the producer role
    for (int seq = 0; seq < per_producer; ++seq) {
        bool ok = queue.try_enqueue(item(producer, seq));
        assert(ok);
    }
}

void consume_some() {
    for (int attempt = 0; attempt < total; ++attempt) {
        int v;
        if (queue.try_dequeue(v) && received_count < total)
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
    for (int v; queue.try_dequeue(v) && received_count < total;)
        received[received_count++] = v;

    assert(received_count == total && "an item was lost");
    int next[producers] = {};
    for (int i = 0; i < total; ++i) {
        int producer = received[i] / 100, seq = received[i] % 100;
        assert(producer >= 0 && producer < producers);
        assert(seq == next[producer] && "lost, duplicated or reordered item");
        ++next[producer];
    }
    return 0;
}
