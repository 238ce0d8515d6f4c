// Per-thread cache, correct (C++20, thread_local): each worker memoises in its
// own thread_local cache, so nothing is shared, and each gets its own answer.
// weft-exec-expect: clean
#include <cassert>
#include <thread>

namespace {

struct Cache {
    int key = -1;
    int value = 0;
};

thread_local Cache cache;

int square(Cache* c, int key) {
    if (c->key != key) { // miss: compute and remember
        c->key = key;
        c->value = key * key;
    }
    return c->value;
}

int results[2];

} // namespace

int main() {
    std::thread a([] {
        square(&cache, 2);
        results[0] = square(&cache, 2); // a hit in this thread's cache
    });
    std::thread b([] { results[1] = square(&cache, 3); });
    a.join();
    b.join();
    assert(results[0] == 4 && results[1] == 9);
    assert(cache.key == -1); // main's own cache was never touched
    return 0;
}
