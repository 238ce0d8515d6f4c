// Order violations: an event late in one thread must come before an event
// early in another (depth 1), and chains of such (depth 2, 3); the same
// among decoys; a token ring passed against the spawn order; and bugs that
// need a thread preempted inside a short window (a reader between two
// writes).
#include "kit.hpp"
#include "programs.hpp"

namespace weft::bugbench {
namespace {

constexpr int order_pad = 6;  // private steps before each thread's late event

/// Stage chain of `depth`: thread 0 works, then opens stage 1; thread j
/// reads the stage first, works, and opens stage j+1 only if it had seen
/// stage j. The bug (the last stage opens) needs each thread's late store
/// before the next thread's early load: `depth` ordering constraints.
void stage_chain(unsigned depth, unsigned decoys) {
  weft::atomic<unsigned> stage{0};
  auto own = std::make_unique<weft::atomic<int>[]>(depth + 1);
  with_decoys(depth + 1, decoys, order_pad, [&](unsigned i) {
    const unsigned j = depth - i;  // spawned against the stage order: running in spawn order misses the bug
    const unsigned seen = j == 0 ? 0 : stage.load();
    busy(own[j], order_pad);
    if (seen == j) stage.store(j + 1);
  });
  WEFT_ASSERT(stage.load() != depth + 1, "the stages ran strictly one after another");
}

/// A token passed around a ring of `n` threads, each taking it once, in the
/// reverse of the spawn order; the bug is the token going all the way round.
void token_ring(unsigned n) {
  weft::atomic<unsigned> token{0};
  run_threads(n, [&](unsigned i) {
    const unsigned my_turn = n - 1 - i;
    unsigned expected = my_turn;
    token.compare_exchange_strong(expected, my_turn + 1);
  });
  WEFT_ASSERT(token.load() != n, "the token went round the whole ring");
}

/// A reader between two writes: the writer sets a flag and clears it right
/// away; each reader must see it set `depth - 1` times in a row across
/// writers (depth 2: one reader in one window; depth 3: two windows).
void preempted_window(unsigned depth) {
  weft::atomic<int> flag{0}, seen{0};
  weft::atomic<int> own[2];
  run_threads(2, [&](unsigned i) {
    if (i == 0) {
      for (unsigned w = 1; w < depth; ++w) {
        busy(own[0], order_pad);
        flag.store(1);
        flag.store(0);
      }
    } else {
      for (unsigned w = 1; w < depth; ++w) {
        busy(own[1], order_pad);
        if (flag.load() == 1) seen.fetch_add(1);
      }
    }
  });
  WEFT_ASSERT(seen.load() != static_cast<int>(depth - 1), "the reader saw the transient state every time");
}

}  // namespace

void add_order_programs(std::vector<program>& out) {
  for (unsigned depth : {1u, 2u, 3u}) {
    out.push_back({"order/chain-d" + std::to_string(depth), "order violation: chained late-before-early events",
                   depth + 2, depth, [depth] { stage_chain(depth, 0); }});
  }
  out.push_back({"order/chain-d1-decoys8", "order violation among 8 decoy threads", 11, 1, [] { stage_chain(1, 8); }});
  out.push_back({"order/chain-d2-decoys20", "order violation among 20 decoy threads", 24, 2, [] { stage_chain(2, 20); }});
  out.push_back({"order/chain-d3-decoys95", "order violation among 95 decoy threads", 100, 3, [] { stage_chain(3, 95); }});
  out.push_back({"order/token-ring-4", "token ring against the spawn order", 5, 3, [] { token_ring(4); }});
  // Six, not more: one order of n threads out of n! (8! = 40,320 is beyond a
  // 10,000-execution budget for any strategy that does not know the code).
  out.push_back({"order/token-ring-6", "token ring against the spawn order", 7, 5, [] { token_ring(6); }});
  out.push_back({"order/window-d2", "reader inside a writer's two-store window", 3, 2, [] { preempted_window(2); }});
  out.push_back({"order/window-d3", "reader inside two windows in a row", 3, 3, [] { preempted_window(3); }});
}

}  // namespace weft::bugbench
