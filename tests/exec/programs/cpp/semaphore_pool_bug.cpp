// Semaphore over-release (C++20, std::counting_semaphore): a pool of two
// slots, three workers. Worker 0's job fails and its error path releases the
// slot, then the normal path releases it again; the pool now admits three
// workers at once and the "at most two inside" assert() fails.
// weft-exec-expect: crash
#include <atomic>
#include <cassert>
#include <semaphore>
#include <thread>

namespace {

constexpr int slots = 2;
std::counting_semaphore<8> pool{slots};
std::atomic<int> inside{0};

bool do_job(int id) { return id != 0; } // job 0 fails

void worker(int id) {
    pool.acquire();
    int now = inside.fetch_add(1) + 1;
    assert(now <= slots && "more workers inside than the pool has slots");
    if (!do_job(id))
        pool.release(); // BUG: error path releases, and so does the normal path
    inside.fetch_sub(1);
    pool.release();
}

} // namespace

int main() {
    std::thread w0(worker, 0);
    std::thread w1(worker, 1);
    std::thread w2(worker, 2);
    w0.join();
    w1.join();
    w2.join();
    return 0;
}
