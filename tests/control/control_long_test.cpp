// The control suite at the acceptance budget: every correct program clean
// under every strategy with WEFT_CONTROL_EXECUTIONS (50,000) executions, one
// test per program and strategy. Dev build only; CTest label `long`.
#include <gtest/gtest.h>

#include <tuple>

#include "../support/weft_expect.hpp"
#include "programs.hpp"

namespace {

using param = std::tuple<control::program, weft::strategy_kind>;

class CorrectLong : public ::testing::TestWithParam<param> {};

TEST_P(CorrectLong, Clean) {
  control::expect_clean(std::get<0>(GetParam()), std::get<1>(GetParam()), WEFT_CONTROL_EXECUTIONS);
}

std::string test_name(const ::testing::TestParamInfo<param>& info) {
  return std::get<0>(info.param).name + "_" + std::string(weft::to_string(std::get<1>(info.param)));
}

INSTANTIATE_TEST_SUITE_P(Control, CorrectLong,
                         ::testing::Combine(::testing::ValuesIn(control::all_programs()),
                                            ::testing::ValuesIn(weft::testing::all_strategies())),
                         test_name);

}  // namespace
