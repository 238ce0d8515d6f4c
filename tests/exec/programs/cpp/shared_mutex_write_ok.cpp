// Reader/writer lock, correct (C++20, std::shared_mutex): lookup() reads under
// the shared lock; on a miss it drops it, takes the exclusive lock, checks
// again and only then fills the entry.
// weft-exec-expect: clean
#include <cassert>
#include <mutex>
#include <shared_mutex>
#include <thread>

namespace {

std::shared_mutex mutex;
bool present[4];
int values[4];

int lookup(int key) {
    {
        std::shared_lock lock(mutex);
        if (present[key])
            return values[key];
    }
    std::unique_lock lock(mutex);
    if (!present[key]) { // another writer may have filled it meanwhile
        values[key] = key * 10;
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
    assert(results[0] == 10 && results[1] == 10);
    return 0;
}
