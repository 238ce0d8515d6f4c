// moodycamel::ReaderWriterQueue (single producer, single consumer), correct
// use (C++20): one producer enqueues six items while one consumer makes a
// bounded number of try_dequeue attempts; after joining, main (now the only
// consumer) drains the rest. Every item arrives exactly once, in order.
// weft-exec-expect: clean
#include <cassert>
#include <readerwriterqueue/readerwriterqueue.h>
#include <thread>

namespace {

constexpr int total = 6;

moodycamel::ReaderWriterQueue<int> queue(8); // room for all: never allocates
int received[total];
int received_count = 0;

void produce() {
    for (int seq = 1; seq <= total; ++seq) {
        bool ok = queue.try_enqueue(seq);
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
    std::thread p(produce);
    std::thread c(consume_some);
    p.join();
    c.join();
    for (int v; queue.try_dequeue(v);)
        received[received_count++] = v;

    assert(received_count == total);
    for (int i = 0; i < total; ++i)
        assert(received[i] == i + 1 && "lost, duplicated or reordered item");
    return 0;
}
