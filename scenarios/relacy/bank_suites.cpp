// bank_suites.cpp — the bank family under Relacy (a Relacy translation unit:
// weft headers first, then suite.hpp).
#include <atomic>  // before the models: bank.hpp spells std::memory_order_* without it
#include <vector>

#include "weft/scenarios/bank.hpp"

#include "suite.hpp"

namespace weft::relacy_program {
namespace {

using scenarios::transfer_params;
// The controlled scheduler's parameters (weft's registry): 2 accounts, thread
// 0 moves a->b and thread 1 b->a, one transfer each.
constexpr transfer_params two_transfers{.accounts = 2, .initial = 100, .threads = 2, .transfers = 1, .amount = 10};

template <template <class> class Scenario>
entry transfer_entry(const char* name) {
  return {name, two_transfers.threads, &run_suite<suite<Scenario, two_transfers, 2>>};
}

}  // namespace

void add_bank_suites(std::vector<entry>& out) {
  out.push_back(transfer_entry<scenarios::bank_transfer_unlocked>("bank/transfer_unlocked"));
  out.push_back(transfer_entry<scenarios::bank_transfer_unordered>("bank/transfer_unordered"));
  out.push_back(transfer_entry<scenarios::bank_transfer_ordered>("bank/transfer_ordered"));
}

}  // namespace weft::relacy_program
