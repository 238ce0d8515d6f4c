// GoogleTest tests of a user project through weft::gtest: a correct
// WEFT_TEST passes, a racy EXPECT_WEFT_CLEAN fails ctest with its replay line.
#include <weft/gtest.hpp>
#include <weft/weft.hpp>

namespace {

void increments(bool atomic) {
  weft::atomic<int> shared_count{0};
  weft::var<int> plain_count{0};
  auto increment = [&] {
    if (atomic) {
      shared_count.fetch_add(1);
    } else {
      plain_count = plain_count.load() + 1;
    }
  };
  weft::thread a(increment), b(increment);
  a.join();
  b.join();
  WEFT_ASSERT((atomic ? shared_count.load() : plain_count.load()) == 2, "an increment was lost");
}

}  // namespace

WEFT_TEST(Counter, AtomicIncrements) { increments(true); }

TEST(Counter, PlainIncrements) {
  EXPECT_WEFT_CLEAN([] { increments(false); }, weft::options{.iterations = 2000});
}
