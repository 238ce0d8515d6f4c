// describe_data: the names reports give plain memory, from the symbol
// tables. A C-linkage variable with a one-letter name is its name (the
// demangler reads "j" alone as the type code of `unsigned int`, and "n" as
// __int128: a C program's race on `n` was reported on "__int128").
#include <gtest/gtest.h>

#include "runtime/symbolize.hpp"

extern "C" {
int j[4];  // NOLINT: the one-letter C name is the point
char weft_symbolize_big[100000];
char weft_symbolize_after_big;
}

namespace weft_symbolize_test {
long counter;
}

namespace {

TEST(DescribeData, NamesACVariableByItsOwnName) {
  EXPECT_EQ(weft::detail::describe_data(&j[0]), "j");
  EXPECT_EQ(weft::detail::describe_data(&j[2]), "j+8");
}

TEST(DescribeData, DemanglesACppVariable) {
  EXPECT_EQ(weft::detail::describe_data(&weft_symbolize_test::counter), "weft_symbolize_test::counter");
}

// Found by address in the module's variables sorted once, not by a walk of
// the symbol table per address: the last byte of a large array is the array
// at an offset, the byte after it the next variable.
TEST(DescribeData, NamesEveryByteOfALargeVariable) {
  EXPECT_EQ(weft::detail::describe_data(&weft_symbolize_big[0]), "weft_symbolize_big");
  EXPECT_EQ(weft::detail::describe_data(&weft_symbolize_big[99999]), "weft_symbolize_big+99999");
  EXPECT_EQ(weft::detail::describe_data(&weft_symbolize_after_big), "weft_symbolize_after_big");
}

TEST(DescribeData, NamesNothingOnTheStack) {
  int local = 0;
  EXPECT_EQ(weft::detail::describe_data(&local), "");
}

}  // namespace
