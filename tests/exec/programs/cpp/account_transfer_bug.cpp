// Lock-order deadlock in a bank transfer (C++20, std::mutex): transfer()
// locks the source account, then the destination. transfer(a, b) and
// transfer(b, a) at the same time take the two locks in opposite orders and
// can wait for each other forever.
// weft-exec-expect: deadlock|lock_order_inversion
#include <cassert>
#include <mutex>
#include <thread>

namespace {

struct Account {
    int id;
    std::mutex mutex;
    int balance;
};

Account a{1, {}, 100};
Account b{2, {}, 100};

void transfer(Account& from, Account& to, int amount) {
    std::lock_guard lock_from(from.mutex);
    std::lock_guard lock_to(to.mutex); // BUG: lock order follows the arguments
    from.balance -= amount;
    to.balance += amount;
}

} // namespace

int main() {
    std::thread t1([] { transfer(a, b, 10); });
    std::thread t2([] { transfer(b, a, 5); });
    t1.join();
    t2.join();
    assert(a.balance + b.balance == 200);
    return 0;
}
