// weft/scenarios/bank_gen.hpp — RapidCheck generators for the bank family's
// parameters (`weft run --generate N`): depositors, withdrawers, amounts,
// accounts and transfers.
#pragma once

#include <rapidcheck.h>

#include <type_traits>

#include "weft/scenarios/bank.hpp"
#include "weft/scenarios/generate.hpp"

namespace weft::scenarios {

inline rc::Gen<account_params> gen_account_params() {
  return rc::gen::build<account_params>(
      rc::gen::set(&account_params::initial, rc::gen::inRange<long>(0, 300)),
      rc::gen::set(&account_params::depositors, rc::gen::inRange<std::size_t>(0, 3)),
      rc::gen::set(&account_params::withdrawers, rc::gen::inRange<std::size_t>(1, 3)),
      rc::gen::set(&account_params::operations, rc::gen::inRange<std::size_t>(1, 3)),
      rc::gen::set(&account_params::deposit, rc::gen::inRange<long>(1, 200)),
      rc::gen::set(&account_params::withdrawal, rc::gen::inRange<long>(1, 200)));
}

inline rc::Gen<transfer_params> gen_transfer_params() {
  return rc::gen::build<transfer_params>(
      rc::gen::set(&transfer_params::accounts, rc::gen::inRange<std::size_t>(2, 4)),
      rc::gen::set(&transfer_params::initial, rc::gen::inRange<long>(0, 200)),
      rc::gen::set(&transfer_params::threads, rc::gen::inRange<std::size_t>(2, 4)),
      rc::gen::set(&transfer_params::transfers, rc::gen::inRange<std::size_t>(1, 3)),
      rc::gen::set(&transfer_params::amount, rc::gen::inRange<long>(1, 50)));
}

inline params_source<account_params> weft_params_generator(std::type_identity<account_params>) {
  return sample_with(gen_account_params());
}
inline params_source<transfer_params> weft_params_generator(std::type_identity<transfer_params>) {
  return sample_with(gen_transfer_params());
}

}  // namespace weft::scenarios
