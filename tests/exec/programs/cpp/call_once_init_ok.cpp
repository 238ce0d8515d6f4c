// Lazy initialisation with std::call_once (C++20): the table is built exactly
// once and call_once makes its construction happen-before every caller's
// return, so both users see the finished table without a data race.
// weft-exec-expect: clean
#include <cassert>
#include <mutex>
#include <thread>

namespace {

struct Table {
    int squares[8];
};

Table* table = nullptr;
std::once_flag table_once;

const Table& get_table() {
    std::call_once(table_once, [] {
        table = new Table;
        for (int i = 0; i < 8; ++i)
            table->squares[i] = i * i;
    });
    return *table;
}

int results[2];

} // namespace

int main() {
    std::thread a([] { results[0] = get_table().squares[2]; });
    std::thread b([] { results[1] = get_table().squares[3]; });
    a.join();
    b.join();
    assert(results[0] == 4 && results[1] == 9);
    delete table;
    return 0;
}
