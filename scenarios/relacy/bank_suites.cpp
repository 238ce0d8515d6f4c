// bank_suites.cpp — the bank family under Relacy (a Relacy translation unit:
// weft headers first, then suite.hpp).
#include <atomic>  // before the models: bank.hpp spells std::memory_order_* without it
#include <vector>

#include "weft/scenarios/bank.hpp"

#include "suite.hpp"

namespace weft::relacy_program {
namespace {

using scenarios::account_params;
using scenarios::transfer_params;
// The controlled scheduler's parameters (weft's registry, scenarios/bank.cpp).
// One account: 1 depositor and 2 withdrawers of the whole balance.
constexpr account_params one_in_two_out{
    .initial = 100, .depositors = 1, .withdrawers = 2, .operations = 1, .deposit = 100, .withdrawal = 100};
// Two withdrawers of the whole balance.
constexpr account_params two_withdrawals{.initial = 100, .withdrawers = 2, .operations = 1, .withdrawal = 100};
// Two depositors, one deposit each.
constexpr account_params two_deposits{.initial = 0, .depositors = 2, .operations = 1};
// 2 accounts, thread 0 moves a->b and thread 1 b->a, one transfer each.
constexpr transfer_params two_transfers{.accounts = 2, .initial = 100, .threads = 2, .transfers = 1, .amount = 10};

template <template <class> class Scenario>
entry transfer_entry(const char* name) {
  return suite_entry<Scenario, two_transfers, two_transfers.threads>(name);
}

}  // namespace

void add_bank_suites(std::vector<entry>& out) {
  out.push_back(suite_entry<scenarios::bank_account_locked, one_in_two_out,
                            one_in_two_out.depositors + one_in_two_out.withdrawers>("bank/account_locked"));
  out.push_back(suite_entry<scenarios::bank_check_then_withdraw, two_withdrawals, two_withdrawals.withdrawers>(
      "bank/check_then_withdraw"));
  out.push_back(transfer_entry<scenarios::bank_transfer_unlocked>("bank/transfer_unlocked"));
  out.push_back(transfer_entry<scenarios::bank_transfer_unordered>("bank/transfer_unordered"));
  out.push_back(transfer_entry<scenarios::bank_transfer_ordered>("bank/transfer_ordered"));
  out.push_back(transfer_entry<scenarios::bank_transfer_relock>("bank/transfer_relock"));
  out.push_back(transfer_entry<scenarios::bank_transfer_recursive>("bank/transfer_recursive"));
  out.push_back(
      suite_entry<scenarios::bank_manager_copy, two_deposits, two_deposits.depositors>("bank/manager_copy"));
}

}  // namespace weft::relacy_program
