// Plain counter data race (C++20, std::jthread): two jthreads each count
// three events into a plain int with ++, no lock, no atomic: the increments
// race on plain memory (and updates can be lost).
// weft-exec-expect: data_race
#include <cstdio>
#include <thread>

namespace {

int events = 0; // BUG: shared plain counter

void count_three() {
    for (int i = 0; i < 3; ++i)
        ++events;
}

} // namespace

int main() {
    {
        std::jthread a(count_three);
        std::jthread b(count_three);
    } // both joined here
    std::printf("%d events\n", events);
    return 0;
}
