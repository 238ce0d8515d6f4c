// Reader/writer lock misuse (C++20, std::shared_mutex): lookup() fills a
// missing cache entry while holding only the shared (reader) lock. Two
// readers missing the same key both write the entry at the same time: a data
// race on plain memory.
// weft-exec-expect: data_race
#include <cstdio>
#include <shared_mutex>
#include <thread>

namespace {

std::shared_mutex mutex;
bool present[4];
int values[4];

int lookup(int key) {
    std::shared_lock lock(mutex);
    if (!present[key]) {
        values[key] = key * 10; // BUG: a write under the shared lock
        present[key] = true;
    }
    return values[key];
}

int results[2];

} // namespace

int main() {
    std::thread a([] { results[0] = lookup(1); });
    std::thread b([] { results[1] = lookup(1); });
    a.join();
    b.join();
    std::printf("%d %d\n", results[0], results[1]);
    return 0;
}
