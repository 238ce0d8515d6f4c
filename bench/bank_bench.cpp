// bench/bank_bench.cpp — baselines of the correct bank models on weft::std_sync.
//
//   bank/locked_account      all threads on one account, each alternating
//                            deposit(1) and withdraw(1); the balance must end
//                            where it started and no withdrawal be refused.
//   bank/ordered_transfer    transfers between random pairs of 8 accounts,
//   bank/recursive_transfer  locks in account order (recursive: through the
//                            re-locking deposit/withdraw helpers on recursive
//                            mutexes); the total must be conserved.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>

#include "round.hpp"
#include "weft/models/bank.hpp"
#include "weft/std_sync.hpp"

namespace weft::bench {
namespace {

using models::bank;
using models::locked_account;
using models::transfer_locking;

constexpr long initial_balance = 1'000;
constexpr std::size_t accounts = 8;

struct locked_account_round {
  using sync = std_sync;
  explicit locked_account_round(std::size_t n) : threads(n) {}
  std::size_t thread_count() const { return threads; }
  void thread(std::size_t) {
    // A pair per step: each thread deposits before it withdraws, so the
    // withdrawal can never be refused, whatever the interleaving.
    for (std::size_t k = 0; k < ops_per_thread / 2; ++k) {
      account.deposit(1);
      if (!account.withdraw(1)) refused.fetch_add(1, std::memory_order_relaxed);
    }
  }
  std::string check() const {
    const long balance = account.balance();
    if (balance == initial_balance && refused.load() == 0) return {};
    return "balance " + std::to_string(balance) + " (expected " +
           std::to_string(initial_balance) + "), " + std::to_string(refused.load()) +
           " withdrawals refused";
  }
  std::size_t operations() const { return threads * (ops_per_thread / 2) * 2; }

  std::size_t threads;
  mutable locked_account<sync> account{initial_balance};  // balance() takes the lock
  sync::atomic<long> refused{0};
};

template <transfer_locking Locking>
struct transfer_round {
  using sync = std_sync;
  explicit transfer_round(std::size_t n) : threads(n) {}
  std::size_t thread_count() const { return threads; }
  void thread(std::size_t i) {
    xorshift random(i);
    for (std::size_t k = 0; k < ops_per_thread; ++k) {
      const std::uint64_t r = random.next();
      const std::size_t from = r % accounts;
      const std::size_t to = (from + 1 + (r >> 32) % (accounts - 1)) % accounts;
      the_bank.transfer(from, to, static_cast<long>(r >> 56));
    }
  }
  std::string check() const {
    const long expected = initial_balance * static_cast<long>(accounts);
    if (the_bank.total() == expected) return {};
    return "total not conserved: " + std::to_string(the_bank.total()) + ", expected " +
           std::to_string(expected);
  }
  std::size_t operations() const { return threads * ops_per_thread; }

  std::size_t threads;
  bank<sync, Locking> the_bank{accounts, initial_balance};
};

[[maybe_unused]] const bool bank_registered = [] {
  register_round<locked_account_round>("bank/locked_account");
  register_round<transfer_round<transfer_locking::ordered>>("bank/ordered_transfer");
  register_round<transfer_round<transfer_locking::recursive>>("bank/recursive_transfer");
  return true;
}();

}  // namespace
}  // namespace weft::bench
