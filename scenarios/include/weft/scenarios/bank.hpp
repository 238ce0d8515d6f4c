// weft/scenarios/bank.hpp — the bank family's scenario templates (shape of weft/scenario_shape.hpp),
// shared by the checked, stress and Relacy registrations.
#pragma once

#include <cstddef>

#include "weft/assert.hpp"
#include "weft/models/bank.hpp"

namespace weft::scenarios {

struct account_params {
  long initial = 1000;
  std::size_t depositors = 3;
  std::size_t withdrawers = 3;
  std::size_t operations = 5;  // per thread
  long deposit = 100;
  long withdrawal = 300;
};

/// Depositors and withdrawers on one account; a withdrawal may be refused.
template <class Sync>
struct bank_account_locked {
  using params = account_params;
  explicit bank_account_locked(const params& p) : p_(p), account_(p.initial) {}
  std::size_t thread_count() const { return p_.depositors + p_.withdrawers; }
  void thread(std::size_t i) {
    for (std::size_t k = 0; k < p_.operations; ++k) {
      if (i < p_.depositors) {
        account_.deposit(p_.deposit);
      } else if (account_.withdraw(p_.withdrawal)) {
        withdrawn_.fetch_add(p_.withdrawal);
      }
      WEFT_ASSERT(account_.balance() >= 0, "balance went negative");
    }
  }
  void check() {
    const long deposited = static_cast<long>(p_.depositors * p_.operations) * p_.deposit;
    WEFT_ASSERT(account_.balance() == p_.initial + deposited - withdrawn_.load(),
                "final balance is not initial + deposits - successful withdrawals");
  }

 private:
  params p_;
  models::locked_account<Sync> account_;
  typename Sync::template atomic<long> withdrawn_{0};
};

/// Withdrawers only, on the check-then-act account: the balance must never go negative.
template <class Sync>
struct bank_check_then_withdraw {
  using params = account_params;
  explicit bank_check_then_withdraw(const params& p) : p_(p), account_(p.initial) {}
  std::size_t thread_count() const { return p_.withdrawers; }
  void thread(std::size_t) {
    for (std::size_t k = 0; k < p_.operations; ++k) account_.withdraw(p_.withdrawal);
  }
  void check() { WEFT_ASSERT(account_.balance() >= 0, "overdraft: balance below zero"); }

 private:
  params p_;
  models::check_then_withdraw_account<Sync> account_;
};

struct transfer_params {
  std::size_t accounts = 2;
  long initial = 100;
  std::size_t threads = 2;    // thread i transfers from account i to account i+1 (mod accounts)
  std::size_t transfers = 1;  // per thread
  long amount = 10;
};

template <class Sync, models::transfer_locking Locking>
struct bank_transfers {
  using params = transfer_params;
  explicit bank_transfers(const params& p) : p_(p), bank_(p.accounts, p.initial) {}
  std::size_t thread_count() const { return p_.threads; }
  void thread(std::size_t i) {
    // Thread 0 moves a->b, thread 1 b->a, ...: opposite directions, as in the seeds.
    const std::size_t from = i % p_.accounts;
    const std::size_t to = (i % 2 == 0) ? (from + 1) % p_.accounts : (from + p_.accounts - 1) % p_.accounts;
    for (std::size_t k = 0; k < p_.transfers; ++k) bank_.transfer(from, to, p_.amount);
  }
  void check() {
    WEFT_ASSERT(bank_.total() == static_cast<long>(p_.accounts) * p_.initial,
                "money created or destroyed: total not conserved");
  }

 private:
  params p_;
  models::bank<Sync, Locking> bank_;
};

template <class Sync>
using bank_transfer_unlocked = bank_transfers<Sync, models::transfer_locking::none>;
template <class Sync>
using bank_transfer_unordered = bank_transfers<Sync, models::transfer_locking::unordered>;
template <class Sync>
using bank_transfer_ordered = bank_transfers<Sync, models::transfer_locking::ordered>;
template <class Sync>
using bank_transfer_relock = bank_transfers<Sync, models::transfer_locking::relock>;
template <class Sync>
using bank_transfer_recursive = bank_transfers<Sync, models::transfer_locking::recursive>;

template <class Sync>
struct bank_manager_copy {
  using params = account_params;
  explicit bank_manager_copy(const params& p) : p_(p), account_(p.initial) {}
  std::size_t thread_count() const { return p_.depositors; }
  void thread(std::size_t) {
    for (std::size_t k = 0; k < p_.operations; ++k) account_.deposit(p_.deposit);
  }
  void check() {
    const long deposited = static_cast<long>(p_.depositors * p_.operations) * p_.deposit;
    WEFT_ASSERT(account_.balance() == p_.initial + deposited, "lost update: deposits not in the shared record");
  }

 private:
  params p_;
  models::manager_copy_account<Sync> account_;
};

}  // namespace weft::scenarios
