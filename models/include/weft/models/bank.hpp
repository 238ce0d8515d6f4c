// weft/models/bank.hpp — bank accounts and transfers, correct and buggy.
//
// Seeds: 000 §6.3, 002 §5.2.02 (BankAccount, transfers), 002 §5.4.04 (lock
// ordering), 002 §6.1.04 (Manager shared dict), 002 §8.1.03 (L18329).
#pragma once

#include <algorithm>
#include <cstddef>
#include <deque>
#include <mutex>
#include <vector>

namespace weft::models {

/// Correct (002 §5.2.02 BankAccount): deposit and withdraw under the
/// account's lock; a withdrawal larger than the balance is refused.
template <class Sync>
class locked_account {
 public:
  explicit locked_account(long balance) : balance_(balance) {}
  void deposit(long amount) {
    std::lock_guard lock(mutex_);
    balance_.store(balance_.load() + amount);
  }
  bool withdraw(long amount) {
    std::lock_guard lock(mutex_);
    const long current = balance_.load();
    if (current < amount) return false;
    balance_.store(current - amount);
    return true;
  }
  long balance() {
    std::lock_guard lock(mutex_);
    return balance_.load();
  }

 private:
  typename Sync::mutex mutex_;
  typename Sync::template var<long> balance_;
};

/// BUG (classic check-then-act): the balance is checked outside the lock and
/// withdrawn inside it; two withdrawals both pass the check and overdraw.
template <class Sync>
class check_then_withdraw_account {
 public:
  explicit check_then_withdraw_account(long balance) : balance_(balance) {}
  bool withdraw(long amount) {
    if (balance_.load(std::memory_order_acquire) < amount) return false;  // check...
    std::lock_guard lock(mutex_);                                           // ...then act
    balance_.store(balance_.load(std::memory_order_relaxed) - amount, std::memory_order_release);
    return true;
  }
  long balance() const { return balance_.load(); }

 private:
  typename Sync::mutex mutex_;
  // Atomic, so the bug shows as an overdraft rather than as a data race.
  typename Sync::template atomic<long> balance_;
};

/// How a bank's transfer takes its locks.
enum class transfer_locking {
  none,        // BUG: no lock at all (data race, total not conserved)
  unordered,   // BUG (000 §6.3, 002 §5.2.02d): lock(from) then lock(to) — AB/BA deadlock
  ordered,     // correct (002 §5.4.04): locks in a global order, by account id
  relock,      // BUG (002 §8.1.03, L18329): holds both, then withdraw()/deposit() lock again
  recursive,   // correct (002 §5.2.02b): as relock, with recursive mutexes
};

/// Accounts with per-account locks and transfers between them. Mutex is the
/// per-account mutex type (Sync::mutex, or Sync::recursive_mutex).
template <class Sync, transfer_locking Locking>
class bank {
  using mutex_type = std::conditional_t<Locking == transfer_locking::recursive,
                                        typename Sync::recursive_mutex, typename Sync::mutex>;
  struct account {
    explicit account(long b) : balance(b) {}
    mutex_type mutex;
    typename Sync::template var<long> balance;
  };

 public:
  bank(std::size_t accounts, long initial_balance) {
    for (std::size_t i = 0; i < accounts; ++i) accounts_.emplace_back(initial_balance);
  }

  /// Moves `amount` from account `from` to account `to` (an overdraft is allowed:
  /// the invariant checked is conservation of the total).
  void transfer(std::size_t from, std::size_t to, long amount) {
    if (from == to) return;
    account& a = accounts_[from];
    account& b = accounts_[to];
    if constexpr (Locking == transfer_locking::none) {
      move(a, b, amount);
    } else if constexpr (Locking == transfer_locking::unordered) {
      std::lock_guard la(a.mutex);
      std::lock_guard lb(b.mutex);
      move(a, b, amount);
    } else if constexpr (Locking == transfer_locking::ordered) {
      account& first = from < to ? a : b;
      account& second = from < to ? b : a;
      std::lock_guard l1(first.mutex);
      std::lock_guard l2(second.mutex);
      move(a, b, amount);
    } else {  // relock, recursive: the seed's transfer calls the locking helpers
      account& first = from < to ? a : b;
      account& second = from < to ? b : a;
      std::lock_guard l1(first.mutex);
      std::lock_guard l2(second.mutex);
      withdraw(from, amount);
      deposit(to, amount);
    }
  }

  void deposit(std::size_t i, long amount) {
    std::lock_guard lock(accounts_[i].mutex);
    accounts_[i].balance.store(accounts_[i].balance.load() + amount);
  }
  void withdraw(std::size_t i, long amount) {
    std::lock_guard lock(accounts_[i].mutex);
    accounts_[i].balance.store(accounts_[i].balance.load() - amount);
  }

  /// Only when no transfer runs.
  long total() const {
    long sum = 0;
    for (const auto& acc : accounts_) sum += acc.balance.load();
    return sum;
  }
  std::size_t size() const { return accounts_.size(); }

 private:
  static void move(account& a, account& b, long amount) {
    a.balance.store(a.balance.load() - amount);
    b.balance.store(b.balance.load() + amount);
  }

  std::deque<account> accounts_;  // deque: accounts hold mutexes, which do not move
};

/// BUG (002 §6.1.04, Manager shared dict, L9768): each worker fetches the
/// shared account record — the manager hands out a copy — updates the copy
/// under the lock and never writes it back. Every update is lost.
template <class Sync>
class manager_copy_account {
 public:
  struct record {
    long balance = 0;
    std::size_t transactions = 0;
  };
  explicit manager_copy_account(long balance) : shared_(record{balance, 0}) {}

  void deposit(long amount) {
    record account = fetch();  // shared_dict['account1']: a copy, not a reference
    std::lock_guard lock(lock_);
    account.balance += amount;
    account.transactions += 1;
  }
  long balance() { return fetch().balance; }

 private:
  record fetch() {
    std::lock_guard lock(manager_);  // the manager process serialises proxy access
    return shared_.load();
  }

  typename Sync::mutex manager_;
  typename Sync::mutex lock_;
  typename Sync::template var<record> shared_;
};

}  // namespace weft::models
