#include <gtest/gtest.h>

#include "../support/weft_expect.hpp"
#include "programs.hpp"

namespace control {

void expect_clean(const program& p, weft::strategy_kind s, std::uint64_t executions) {
  const weft::result r = weft::check(p.correct, weft::testing::budget(executions, s));
  EXPECT_TRUE(r.ok()) << "false positive in " << p.name << " under " << weft::to_string(s) << ": "
                      << weft::testing::first_finding(r);
  EXPECT_TRUE(r.stats.executions == executions || r.stats.exhausted || !r.ok())
      << p.name << " under " << weft::to_string(s) << " ran only " << r.stats.executions << " executions";
}

}  // namespace control
