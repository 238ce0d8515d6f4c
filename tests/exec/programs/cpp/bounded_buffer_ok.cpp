// Bounded buffer, correct (C++20, std::condition_variable): put() notifies
// `not_empty` and get() notifies `not_full`, both waits use a predicate, so
// three items pass through a buffer of two in order and both threads finish.
// weft-exec-expect: clean
#include <cassert>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace {

class BoundedBuffer {
public:
    void put(int v) {
        std::unique_lock lock(mutex_);
        not_full_.wait(lock, [this] { return count_ < 2; });
        items_[(head_ + count_) % 2] = v;
        ++count_;
        not_empty_.notify_one();
    }

    int get() {
        std::unique_lock lock(mutex_);
        not_empty_.wait(lock, [this] { return count_ > 0; });
        int v = items_[head_];
        head_ = (head_ + 1) % 2;
        --count_;
        not_full_.notify_one();
        return v;
    }

private:
    std::mutex mutex_;
    std::condition_variable not_empty_, not_full_;
    int items_[2] = {};
    int head_ = 0, count_ = 0;
};

BoundedBuffer buffer;

} // namespace

int main() {
    std::thread producer([] {
        for (int i = 1; i <= 3; ++i)
            buffer.put(i);
    });
    std::thread consumer([] {
        for (int i = 1; i <= 3; ++i)
            assert(buffer.get() == i);
    });
    producer.join();
    consumer.join();
    return 0;
}
