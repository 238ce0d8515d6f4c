// Broken double-checked initialisation (C++20): get_table() tests a plain
// bool outside the mutex before building the lookup table once. The unlocked
// read of `initialised` (and of `table`) races with the other thread's write
// under the lock: a data race on plain memory.
// weft-exec-expect: data_race
#include <mutex>
#include <cstdio>
#include <thread>

namespace {

struct Table {
    int squares[8];
};

Table* table = nullptr;
bool initialised = false; // BUG: a plain bool read without the lock
std::mutex init_mutex;

const Table& get_table() {
    if (!initialised) { // unsynchronised first check
        std::lock_guard lock(init_mutex);
        if (!initialised) {
            table = new Table;
            for (int i = 0; i < 8; ++i)
                table->squares[i] = i * i;
            initialised = true;
        }
    }
    return *table;
}

int results[2];

} // namespace

int main() {
    std::thread a([] { results[0] = get_table().squares[2]; });
    std::thread b([] { results[1] = get_table().squares[3]; });
    a.join();
    b.join();
    std::printf("%d %d\n", results[0], results[1]);
    delete table;
    return 0;
}
