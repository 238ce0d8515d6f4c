// The bank family (models.md "bank — accounts and transfers").
#include "weft/model_scenario.hpp"
#include "weft/scenarios/bank.hpp"
#include "weft/scenarios/bank_gen.hpp"
#include "weft/scenarios/families.hpp"

namespace weft::scenarios {

void register_bank() {
  using k = finding_kind;
  register_model<bank_account_locked>({
      .name = "bank/account_locked",
      .seed_ref = "002 §5.2.02 BankAccount",
      .summary = "deposit/withdraw under a lock; 3 depositors x 5, 3 withdrawers x 5",
      .checked = {.initial = 100, .depositors = 1, .withdrawers = 2, .operations = 1,
                  .deposit = 100, .withdrawal = 100},
      .relacy = true,
  });
  register_model<bank_check_then_withdraw>({
      .name = "bank/check_then_withdraw",
      .seed_ref = "- (classic)",
      .summary = "balance checked outside the lock, then withdrawn",
      .expected = {k::assertion},
      .checked = {.initial = 100, .withdrawers = 2, .operations = 1, .withdrawal = 100},
      .stress = {.initial = 100, .withdrawers = 3, .operations = 1, .withdrawal = 100},
      .relacy = true,
  });
  const transfer_params tutorial{.accounts = 2, .initial = 1000, .threads = 2, .transfers = 100};
  register_model<bank_transfer_unlocked>({
      .name = "bank/transfer_unlocked",
      .seed_ref = "-",
      .summary = "transfer with no lock",
      .expected = {k::data_race, k::assertion, k::tsan_data_race},
      .stress = tutorial,
      .relacy = true,
  });
  register_model<bank_transfer_unordered>({
      .name = "bank/transfer_unordered",
      .seed_ref = "000 §6.3, 002 §5.2.02d",
      .summary = "lock(from) then lock(to); threads transfer a->b and b->a",
      .expected = {k::deadlock, k::lock_order_inversion, k::tsan_lock_order_inversion, k::stress_timeout},
      .stress = tutorial,
      .relacy = true,
  });
  register_model<bank_transfer_ordered>({
      .name = "bank/transfer_ordered",
      .seed_ref = "002 §5.4.04",
      .summary = "locks taken in a global order (by id)",
      .stress = tutorial,
      .relacy = true,
  });
  register_model<bank_transfer_relock>({
      .name = "bank/transfer_relock",
      .seed_ref = "002 §8.1.03 (L18329)",
      .summary = "transfer holds both plain mutexes, then withdraw()/deposit() lock again",
      .expected = {k::misuse, k::deadlock},
      .real_threads = false,  // a self-deadlock on real threads only hangs
      .relacy = true,
  });
  register_model<bank_transfer_recursive>({
      .name = "bank/transfer_recursive",
      .seed_ref = "002 §5.2.02b",
      .summary = "as transfer_relock, with recursive mutexes",
      .stress = tutorial,
      .relacy = true,
  });
  register_model<bank_manager_copy>({
      .name = "bank/manager_copy",
      .seed_ref = "002 §6.1.04 (L9768)",
      .summary = "updates applied to a copy of the shared record",
      .expected = {k::assertion},
      .checked = {.initial = 0, .depositors = 2, .operations = 1},
      .relacy = true,
  });
}

}  // namespace weft::scenarios
