// The limiter family (models.md "structures, limiters, actors, pipes"): 002's
// read-await-write rate limiter and 004's token bucket.
#include "weft/model_scenario.hpp"
#include "weft/scenarios/families.hpp"
#include "weft/scenarios/limiter.hpp"
#include "weft/scenarios/limiter_gen.hpp"

namespace weft::scenarios {

void register_limiter() {
  using k = finding_kind;
  register_model<limiter_rate_limiter_read_await_write>({
      .name = "limiter/rate_limiter_read_await_write",
      .seed_ref = "002 §7.1.05 (L14398)",
      .summary = "last-request time read, await, then written",
      .expected = {k::assertion},
      .checked = {.requests = 3, .rate = 3},
      .stress = {.requests = 8, .rate = 3},
      .relacy = true,
      .notes = "asyncio coroutines are threads taking turns on one loop mutex",
  });
  register_model<limiter_token_bucket>({
      .name = "limiter/token_bucket",
      .seed_ref = "004 §16.5.2 (3/s, capacity 6)",
      .summary = "refill and take under one lock: grants in any window T <= capacity + rate*T",
      .checked = {.requests = 3, .rate = 1, .capacity = 1},
      .stress = {.requests = 10, .rate = 3, .capacity = 6},
      .relacy = true,
      .notes = "asyncio coroutines are threads taking turns on one loop mutex",
  });
}

}  // namespace weft::scenarios
