// Dining philosophers, correct (C++20, std::mutex in a std::vector): each
// philosopher takes the lower-numbered fork first, so the forks are always
// locked in one global order and no cycle can form. Which fork any thread
// locks first differs from one schedule to the next; a checker that named the
// mutexes by the order it first saw them would mix them up across schedules
// and see the consistent order as inverted.
// weft-exec-expect: clean
#include <algorithm>
#include <cassert>
#include <cstddef>
#include <mutex>
#include <thread>
#include <vector>

int main() {
    constexpr std::size_t seats = 4;
    std::vector<std::mutex> forks(seats);
    std::vector<int> meals(seats, 0);
    std::vector<std::thread> philosophers;
    for (std::size_t i = 0; i < seats; ++i) {
        philosophers.emplace_back([&, i] {
            const std::size_t left = i;
            const std::size_t right = (i + 1) % seats;
            for (int round = 0; round < 2; ++round) {
                std::lock_guard first(forks[std::min(left, right)]);
                std::lock_guard second(forks[std::max(left, right)]);
                ++meals[i];
            }
        });
    }
    for (std::thread& p : philosophers) p.join();
    for (int m : meals) assert(m == 2);
    return 0;
}
