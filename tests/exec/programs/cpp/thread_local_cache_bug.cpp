// Per-thread cache shared by mistake (C++20, thread_local): each thread is
// meant to memoise in its own thread_local cache, but main hands both workers
// a pointer to *its* thread_local cache, so the workers update one cache
// concurrently without a lock: a data race on plain memory.
// weft-exec-expect: data_race
#include <cstdio>
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
    Cache* mine = &cache; // BUG: main's per-thread cache, handed to both workers
    std::thread a([mine] { results[0] = square(mine, 2); });
    std::thread b([mine] { results[1] = square(mine, 3); });
    a.join();
    b.join();
    std::printf("%d %d\n", results[0], results[1]);
    return 0;
}
