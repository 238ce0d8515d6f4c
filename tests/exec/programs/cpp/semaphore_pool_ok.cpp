// Semaphore-limited pool, correct (C++20, std::counting_semaphore): two
// slots, three workers; every acquire is matched by exactly one release, on
// the error path too, so at most two workers are ever inside.
// weft-exec-expect: clean
#include <atomic>
#include <cassert>
#include <semaphore>
#include <thread>

namespace {

constexpr int slots = 2;
std::counting_semaphore<8> pool{slots};
std::atomic<int> inside{0};
std::atomic<int> failures{0};

bool do_job(int id) { return id != 0; } // job 0 fails

void worker(int id) {
    pool.acquire();
    int now = inside.fetch_add(1) + 1;
    assert(now <= slots && "more workers inside than the pool has slots");
    if (!do_job(id))
        failures.fetch_add(1);
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
    assert(failures.load() == 1 && inside.load() == 0);
    return 0;
}
