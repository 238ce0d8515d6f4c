// Bank transfer with a global lock order (C++20, std::mutex): transfer()
// always locks the account with the smaller id first, whatever the direction,
// so concurrent transfers in opposite directions cannot deadlock.
// weft-exec-expect: clean
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
    Account& first = from.id < to.id ? from : to;
    Account& second = from.id < to.id ? to : from;
    std::lock_guard lock_first(first.mutex);
    std::lock_guard lock_second(second.mutex);
    from.balance -= amount;
    to.balance += amount;
}

} // namespace

int main() {
    std::thread t1([] { transfer(a, b, 10); });
    std::thread t2([] { transfer(b, a, 5); });
    t1.join();
    t2.join();
    assert(a.balance == 95 && b.balance == 105);
    return 0;
}
