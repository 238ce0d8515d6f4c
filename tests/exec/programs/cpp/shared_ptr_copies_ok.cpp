// Shared ownership, correct (C++20, std::shared_ptr): two workers each take
// copies of one configuration, read it and drop the copies while main drops
// its own. shared_ptr's reference count is atomic once the process has a
// second thread — libstdc++ asks glibc's __libc_single_threaded — so no
// count update races and the object is freed once, by the last owner.
// weft-exec-expect: clean
#include <cassert>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace {

struct config {
    std::string name = "primary";
    int retries = 3;
};

int read_copies(std::shared_ptr<const config> shared) {
    int total = 0;
    for (int i = 0; i < 3; ++i) {
        std::shared_ptr<const config> copy = shared;  // count +1
        total += copy->retries;
    }                                                 // count -1 each time
    return total;
}

} // namespace

int main() {
    auto cfg = std::make_shared<const config>();
    int a = 0;
    int b = 0;
    std::thread first([cfg, &a] { a = read_copies(cfg); });
    std::thread second([cfg, &b] { b = read_copies(cfg); });
    cfg.reset();  // main's own reference goes while the workers still hold theirs
    first.join();
    second.join();
    assert(a == 9 && b == 9);
    return 0;
}
