// Litmus tests of weft's C++ memory model (issue 13, item 5): for each classic
// shape — SB, MP, LB, IRIW, 2+2W, R, S, WRC and the coherence tests CoRR,
// CoRW, CoWR, CoWW — with relaxed, acquire/release and seq_cst accesses (and
// fences where they change the answer), the set of outcomes weft::check
// reaches in 10,000 executions EQUALS the set the C++20 memory model allows:
// every allowed outcome reached, no forbidden one ever. The one documented
// exclusion is LB's load-buffering cycle (see LB below).
//
// Where the expected sets come from. Each shape's sequentially consistent
// outcomes are those of the interleavings of its threads (enumerated in the
// comment beside each set); the weak outcome, when there is one, is allowed or
// forbidden as in
//  - Batty, Owens, Sarkar, Sewell, Weber, "Mathematizing C++ Concurrency",
//    POPL 2011, and herd7's C11 model (cat/c11*.cat), for relaxed and
//    acquire/release accesses and seq_cst accesses;
//  - Lahav, Vafeiadis, Kang, Hur, Dreyer, "Repairing Sequential Consistency
//    in C/C++11" (RC11), PLDI 2017, adopted by C++20 (P0668R5, [atomics.order]
//    p4: a seq_cst fence X that happens before A and a seq_cst fence Y that B
//    happens before, with A coherence-ordered before B, have X before Y in S),
//    for the seq_cst fences. Under C++20 seq_cst fences between every pair of
//    accesses forbid SB, R, 2+2W and IRIW's weak outcomes.
// Every set below is recomputed by rc11_outcomes.py (CTest
// weft_litmus_expected_sets), which enumerates each shape's candidate
// executions and keeps those RC11's axioms allow: edit both together.
//
// Outcomes are the registers each thread loaded and, written "final x", the
// value of a location after every thread is joined: the main thread's load
// then happens after every store, so coherence makes it read the last store
// in modification order (herd's final-state constraint on memory).
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <functional>
#include <iterator>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "../support/weft_expect.hpp"
#include "weft/weft.hpp"

namespace {

using weft::testing::findings_text;
using weft::testing::first_finding;

using outcome = std::vector<int>;
using outcome_set = std::set<outcome>;

constexpr auto rlx = std::memory_order_relaxed;
constexpr auto acq = std::memory_order_acquire;
constexpr auto rel = std::memory_order_release;
constexpr auto sc = std::memory_order_seq_cst;

/// The orders of a variant's loads and stores.
struct orders {
  std::memory_order load;
  std::memory_order store;
};
constexpr orders relaxed{rlx, rlx};
constexpr orders acquire_release{acq, rel};
constexpr orders seq_cst{sc, sc};

/// A fence between a thread's two accesses, or none.
using fence_order = std::optional<std::memory_order>;
void fence(fence_order f) {
  if (f) weft::atomic_thread_fence(*f);
}

/// Runs each body on its own weft::thread (spawned in order) and joins them all.
template <class... Body>
void in_parallel(Body... bodies) {
  std::array<weft::thread, sizeof...(Body)> threads{weft::thread(bodies)...};
  for (weft::thread& t : threads) t.join();
}

/// Every litmus test runs 10,000 executions under the default strategy (the
/// portfolio, which reaches every allowed outcome of every variant within its
/// first 200 executions) and seed; a tenth under a sanitizer, where weft's own
/// code is what is checked and runs 30-80 times slower.
#ifdef WEFT_LITMUS_SANITIZED
constexpr std::uint64_t executions = 1'000;
constexpr std::uint64_t executions_per_strategy = 200;
#else
constexpr std::uint64_t executions = 10'000;
constexpr std::uint64_t executions_per_strategy = 2'000;
#endif
weft::options litmus_options(weft::memory_model model = weft::memory_model::c11) {
  weft::options o;
  o.iterations = executions;
  o.strategy = weft::strategy_kind::portfolio;
  o.memory_model = model;
  return o;
}

/// The outcomes `run` (one execution of a litmus test) returns over
/// litmus_options' executions; the executions themselves find nothing.
outcome_set reached(const std::function<outcome()>& run, const weft::options& o = litmus_options()) {
  outcome_set seen;
  const weft::result r = weft::check([&] { seen.insert(run()); }, o);
  EXPECT_TRUE(r.ok()) << findings_text(r);
  EXPECT_TRUE(r.stats.executions == o.iterations || r.stats.exhausted) << r.stats.executions << " executions";
  return seen;
}

std::string text(const outcome_set& s) {
  if (s.empty()) return "none";
  std::string t;
  for (const outcome& o : s) {
    t += t.empty() ? "(" : " (";
    for (std::size_t i = 0; i < o.size(); ++i) t += (i ? "," : "") + std::to_string(o[i]);
    t += ")";
  }
  return t;
}

/// `reached` equals `allowed`: says which allowed outcomes were never reached
/// and which reached ones the model forbids.
void expect_outcomes(const outcome_set& reached_set, const outcome_set& allowed) {
  outcome_set missing;
  outcome_set forbidden;
  std::ranges::set_difference(allowed, reached_set, std::inserter(missing, missing.end()));
  std::ranges::set_difference(reached_set, allowed, std::inserter(forbidden, forbidden.end()));
  EXPECT_TRUE(missing.empty() && forbidden.empty())
      << "allowed but never reached: " << text(missing) << "\nreached but forbidden: " << text(forbidden)
      << "\nreached: " << text(reached_set);
}

/// `reached` is within `allowed`: says which reached outcomes the model forbids.
void expect_within(const outcome_set& reached_set, const outcome_set& allowed) {
  outcome_set forbidden;
  std::ranges::set_difference(reached_set, allowed, std::inserter(forbidden, forbidden.end()));
  EXPECT_TRUE(forbidden.empty()) << "reached but forbidden: " << text(forbidden);
}

/// `s` with `extra` too: a shape's SC outcomes plus its weak one.
outcome_set with(outcome_set s, const outcome& extra) {
  s.insert(extra);
  return s;
}

// --- SB (store buffering, Dekker) -------------------------------------------------
// T0: x = 1; r0 = y        T1: y = 1; r1 = x        outcome (r0, r1)
// SC: the first store of an interleaving precedes the other thread's load, so
// one of r0, r1 is 1: (0,1) (1,0) (1,1).
// Weak (0,0): allowed for relaxed and for release stores / acquire loads (no
// load reads from the other thread, nothing synchronises); forbidden when all
// four are seq_cst (S is total: the later store precedes the other load), and
// for relaxed accesses with a seq_cst fence between each thread's store and
// load (C++20 [atomics.order] p4; Batty et al. 29.3p6); one fence alone does
// not forbid it.
const outcome_set sb_sc{{0, 1}, {1, 0}, {1, 1}};
const outcome sb_weak{0, 0};

outcome sb(orders o, fence_order f0 = {}, fence_order f1 = {}) {
  weft::atomic<int> x{0, "x"};
  weft::atomic<int> y{0, "y"};
  int r0 = -1;
  int r1 = -1;
  in_parallel(
      [&] {
        x.store(1, o.store);
        fence(f0);
        r0 = y.load(o.load);
      },
      [&] {
        y.store(1, o.store);
        fence(f1);
        r1 = x.load(o.load);
      });
  return {r0, r1};
}

// --- MP (message passing) ---------------------------------------------------------
// T0: x = 1; y = 1         T1: r0 = y; r1 = x        outcome (r0, r1)
// SC: seeing the flag (y) means x = 1 came before: (0,0) (0,1) (1,1).
// Weak (1,0): allowed for relaxed; forbidden when the flag is a release store
// read by an acquire load (synchronizes-with, so x = 1 happens before r1's
// load, which by coherence reads it or later), hence for seq_cst too; and for
// relaxed accesses with a release fence before the flag store and an acquire
// fence after the flag load (fence-fence synchronisation, [atomics.fences]
// p2). A release fence without the acquire side allows it.
const outcome_set mp_sc{{0, 0}, {0, 1}, {1, 1}};
const outcome mp_weak{1, 0};

outcome mp(orders o, fence_order writer = {}, fence_order reader = {}) {
  weft::atomic<int> x{0, "x"};
  weft::atomic<int> y{0, "y"};
  int r0 = -1;
  int r1 = -1;
  in_parallel(
      [&] {
        x.store(1, o.store);
        fence(writer);
        y.store(1, o.store);
      },
      [&] {
        r0 = y.load(o.load);
        fence(reader);
        r1 = x.load(o.load);
      });
  return {r0, r1};
}

// --- LB (load buffering) ----------------------------------------------------------
// T0: r0 = x; y = 1        T1: r1 = y; x = 1        outcome (r0, r1)
// SC: some load comes before both stores: (0,0) (0,1) (1,0).
// Weak (1,1): forbidden for acquire loads / release stores (each read
// synchronises, a happens-before cycle) and seq_cst. For relaxed accesses
// C++20 and Batty et al. (herd7's C11 model) allow it — each load reads a
// store that po-follows the other load, a po ∪ rf cycle — while RC11 forbids
// it (acyclic(po ∪ rf)). weft does NOT model it: a load reads only stores
// already made, as in C11Tester (docs/guide.md, "The memory model"). So the
// relaxed variant reaches the allowed set minus {(1,1)}.
const outcome_set lb_sc{{0, 0}, {0, 1}, {1, 0}};
const outcome lb_weak_out_of_thin_air{1, 1};

outcome lb(orders o) {
  weft::atomic<int> x{0, "x"};
  weft::atomic<int> y{0, "y"};
  int r0 = -1;
  int r1 = -1;
  in_parallel(
      [&] {
        r0 = x.load(o.load);
        y.store(1, o.store);
      },
      [&] {
        r1 = y.load(o.load);
        x.store(1, o.store);
      });
  return {r0, r1};
}

// --- IRIW (independent reads of independent writes) -------------------------------
// T0: x = 1   T1: y = 1   T2: r0 = x; r1 = y   T3: r2 = y; r3 = x
// outcome (r0, r1, r2, r3)
// SC: all 16 but (1,0,1,0), where T2 sees x = 1 before y = 1 and T3 the
// reverse; every other outcome needs at most one of those two orders.
// Weak (1,0,1,0): allowed for relaxed and for acquire loads / release stores
// (the readers need not agree on the order of independent writes: not
// multi-copy atomic); forbidden when all are seq_cst (one total order S), and
// under C++20 for relaxed accesses with a seq_cst fence between each reader's
// loads (RC11; P0668R5: T2's fence precedes T3's through y and follows it
// through x). C++11's fence rules (29.3p4-p6) only relate a fence to a store
// sequenced before one, so they did not forbid it; C++20's do.
const outcome_set iriw_sc{{0, 0, 0, 0}, {0, 0, 0, 1}, {0, 0, 1, 0}, {0, 0, 1, 1}, {0, 1, 0, 0},
                          {0, 1, 0, 1}, {0, 1, 1, 0}, {0, 1, 1, 1}, {1, 0, 0, 0}, {1, 0, 0, 1},
                          {1, 0, 1, 1}, {1, 1, 0, 0}, {1, 1, 0, 1}, {1, 1, 1, 0}, {1, 1, 1, 1}};
const outcome iriw_weak{1, 0, 1, 0};

outcome iriw(orders o, fence_order readers = {}) {
  weft::atomic<int> x{0, "x"};
  weft::atomic<int> y{0, "y"};
  int r0 = -1;
  int r1 = -1;
  int r2 = -1;
  int r3 = -1;
  in_parallel(
      [&] { x.store(1, o.store); },
      [&] { y.store(1, o.store); },
      [&] {
        r0 = x.load(o.load);
        fence(readers);
        r1 = y.load(o.load);
      },
      [&] {
        r2 = y.load(o.load);
        fence(readers);
        r3 = x.load(o.load);
      });
  return {r0, r1, r2, r3};
}

// --- 2+2W -------------------------------------------------------------------------
// T0: x = 1; y = 2         T1: y = 1; x = 2         outcome (final x, final y)
// SC: T0 then T1 gives (2,1), T1 then T0 (1,2), x = 1; y = 1; y = 2; x = 2
// gives (2,2); final (1,1) needs x = 2 before x = 1 and y = 2 before y = 1,
// a cycle with program order: (1,2) (2,1) (2,2).
// Weak (1,1): allowed for relaxed and for release stores (no reads, so no
// synchronisation: modification order need not agree with program order
// across locations); forbidden for seq_cst stores (S contains po and mo) and
// under C++20 for relaxed stores with a seq_cst fence between each thread's
// stores (the fences would be ordered both ways in S).
const outcome_set w22_sc{{1, 2}, {2, 1}, {2, 2}};
const outcome w22_weak{1, 1};

outcome two_plus_two_w(orders o, fence_order f = {}) {
  weft::atomic<int> x{0, "x"};
  weft::atomic<int> y{0, "y"};
  in_parallel(
      [&] {
        x.store(1, o.store);
        fence(f);
        y.store(2, o.store);
      },
      [&] {
        y.store(1, o.store);
        fence(f);
        x.store(2, o.store);
      });
  return {x.load(), y.load()};
}

// --- R ----------------------------------------------------------------------------
// T0: x = 1; y = 1         T1: y = 2; r0 = x        outcome (final y, r0)
// SC: final y = 2 means y = 2 came after y = 1, hence after x = 1, and r0's
// load after that: (1,0) (1,1) (2,1).
// Weak (2,0): allowed for relaxed and acquire/release (r0 reads the initial
// value: nothing synchronises); forbidden for seq_cst (S: x = 1 < y = 1 <
// y = 2 < r0's load, which must read x = 1) and under C++20 for relaxed
// accesses with a seq_cst fence between each thread's two accesses.
const outcome_set r_sc{{1, 0}, {1, 1}, {2, 1}};
const outcome r_weak{2, 0};

outcome r_shape(orders o, fence_order f = {}) {
  weft::atomic<int> x{0, "x"};
  weft::atomic<int> y{0, "y"};
  int r0 = -1;
  in_parallel(
      [&] {
        x.store(1, o.store);
        fence(f);
        y.store(1, o.store);
      },
      [&] {
        y.store(2, o.store);
        fence(f);
        r0 = x.load(o.load);
      });
  return {y.load(), r0};
}

// --- S ----------------------------------------------------------------------------
// T0: x = 2; y = 1         T1: r0 = y; x = 1        outcome (r0, final x)
// SC: r0 = 1 means y = 1, hence x = 2, came before T1's x = 1, which is last:
// (0,1) (0,2) (1,1).
// Weak (1,2): allowed for relaxed (the read of y orders nothing, so x = 1 may
// precede x = 2 in modification order); forbidden for a release store of y
// read by an acquire load (x = 2 happens before x = 1: write-write coherence)
// and for seq_cst.
const outcome_set s_sc{{0, 1}, {0, 2}, {1, 1}};
const outcome s_weak{1, 2};

outcome s_shape(orders o) {
  weft::atomic<int> x{0, "x"};
  weft::atomic<int> y{0, "y"};
  int r0 = -1;
  in_parallel(
      [&] {
        x.store(2, o.store);
        y.store(1, o.store);
      },
      [&] {
        r0 = y.load(o.load);
        x.store(1, o.store);
      });
  return {r0, x.load()};
}

// --- WRC (write-to-read causality) ------------------------------------------------
// T0: x = 1   T1: r0 = x; y = 1   T2: r1 = y; r2 = x     outcome (r0, r1, r2)
// SC: all 8 but (1,1,0): x = 1 < T1's load < y = 1 < T2's loads.
// Weak (1,1,0): allowed for relaxed (no happens-before from x = 1 to T2's
// load of x); forbidden with release stores and acquire loads (x = 1
// synchronises with T1's load, y = 1 with T2's: happens-before is transitive)
// and for seq_cst.
const outcome_set wrc_sc{{0, 0, 0}, {0, 0, 1}, {0, 1, 0}, {0, 1, 1}, {1, 0, 0}, {1, 0, 1}, {1, 1, 1}};
const outcome wrc_weak{1, 1, 0};

outcome wrc(orders o) {
  weft::atomic<int> x{0, "x"};
  weft::atomic<int> y{0, "y"};
  int r0 = -1;
  int r1 = -1;
  int r2 = -1;
  in_parallel(
      [&] { x.store(1, o.store); },
      [&] {
        r0 = x.load(o.load);
        y.store(1, o.store);
      },
      [&] {
        r1 = y.load(o.load);
        r2 = x.load(o.load);
      });
  return {r0, r1, r2};
}

// --- coherence: the same sets for every order ([intro.races] p14-p17) --------------
// CoRR: T0: x = 1          T1: r0 = x; r1 = x        outcome (r0, r1)
// Read-read coherence: the second load cannot read a store older in
// modification order than the first one's: (1,0) forbidden.
const outcome_set co_rr_allowed{{0, 0}, {0, 1}, {1, 1}};
outcome co_rr(orders o) {
  weft::atomic<int> x{0, "x"};
  int r0 = -1;
  int r1 = -1;
  in_parallel(
      [&] { x.store(1, o.store); },
      [&] {
        r0 = x.load(o.load);
        r1 = x.load(o.load);
      });
  return {r0, r1};
}

// CoRW: T0: r0 = x; x = 1  T1: x = 2                 outcome (r0, final x)
// Read-write coherence: a store after a load that read x = 2 follows x = 2 in
// modification order, so (2,2) is forbidden; (0,1) (0,2) (2,1) allowed.
const outcome_set co_rw_allowed{{0, 1}, {0, 2}, {2, 1}};
outcome co_rw(orders o) {
  weft::atomic<int> x{0, "x"};
  int r0 = -1;
  in_parallel(
      [&] {
        r0 = x.load(o.load);
        x.store(1, o.store);
      },
      [&] { x.store(2, o.store); });
  return {r0, x.load()};
}

// CoWR: T0: x = 1; r0 = x  T1: x = 2                 outcome (r0, final x)
// Write-read coherence: the load reads x = 1 or a store after it in
// modification order: never 0, and 2 only when x = 2 is last: (1,1) (1,2)
// (2,2); (2,1) and (0,_) forbidden.
const outcome_set co_wr_allowed{{1, 1}, {1, 2}, {2, 2}};
outcome co_wr(orders o) {
  weft::atomic<int> x{0, "x"};
  int r0 = -1;
  in_parallel(
      [&] {
        x.store(1, o.store);
        r0 = x.load(o.load);
      },
      [&] { x.store(2, o.store); });
  return {r0, x.load()};
}

// CoWW: T0: x = 1; x = 2   T1: x = 3                 outcome (final x)
// Write-write coherence: x = 1 precedes x = 2 in modification order, x = 3
// goes anywhere: final 2 or 3, never 1.
const outcome_set co_ww_allowed{{2}, {3}};
outcome co_ww(orders o) {
  weft::atomic<int> x{0, "x"};
  in_parallel(
      [&] {
        x.store(1, o.store);
        x.store(2, o.store);
      },
      [&] { x.store(3, o.store); });
  return {x.load()};
}

// --- the table: each variant and the outcomes it must reach ----------------------
struct litmus_case {
  std::string name;  // the test's name: <shape>_<variant>
  std::function<outcome()> run;
  outcome_set expected;
};
void PrintTo(const litmus_case& c, std::ostream* os) { *os << c.name; }

/// The C++20 set minus the load-buffering cycle weft does not model (LB above).
outcome_set without_load_buffering_cycle(outcome_set allowed) {
  allowed.erase(lb_weak_out_of_thin_air);
  return allowed;
}

std::vector<litmus_case> litmus_cases() {
  std::vector<litmus_case> cases{
      {"SB_relaxed", [] { return sb(relaxed); }, with(sb_sc, sb_weak)},
      {"SB_acquire_release", [] { return sb(acquire_release); }, with(sb_sc, sb_weak)},
      {"SB_seq_cst", [] { return sb(seq_cst); }, sb_sc},
      {"SB_seq_cst_fences", [] { return sb(relaxed, sc, sc); }, sb_sc},
      {"SB_one_seq_cst_fence", [] { return sb(relaxed, sc, std::nullopt); }, with(sb_sc, sb_weak)},
      {"MP_relaxed", [] { return mp(relaxed); }, with(mp_sc, mp_weak)},
      {"MP_acquire_release", [] { return mp(acquire_release); }, mp_sc},
      {"MP_seq_cst", [] { return mp(seq_cst); }, mp_sc},
      {"MP_release_acquire_fences", [] { return mp(relaxed, rel, acq); }, mp_sc},
      {"MP_release_fence_alone", [] { return mp(relaxed, rel, std::nullopt); }, with(mp_sc, mp_weak)},
      {"LB_relaxed", [] { return lb(relaxed); }, without_load_buffering_cycle(with(lb_sc, lb_weak_out_of_thin_air))},
      {"LB_acquire_release", [] { return lb(acquire_release); }, lb_sc},
      {"LB_seq_cst", [] { return lb(seq_cst); }, lb_sc},
      {"IRIW_relaxed", [] { return iriw(relaxed); }, with(iriw_sc, iriw_weak)},
      {"IRIW_acquire_release", [] { return iriw(acquire_release); }, with(iriw_sc, iriw_weak)},
      {"IRIW_seq_cst", [] { return iriw(seq_cst); }, iriw_sc},
      {"IRIW_seq_cst_fences_in_the_readers", [] { return iriw(relaxed, sc); }, iriw_sc},
      {"2plus2W_relaxed", [] { return two_plus_two_w(relaxed); }, with(w22_sc, w22_weak)},
      {"2plus2W_release", [] { return two_plus_two_w(acquire_release); }, with(w22_sc, w22_weak)},
      {"2plus2W_seq_cst", [] { return two_plus_two_w(seq_cst); }, w22_sc},
      {"2plus2W_seq_cst_fences", [] { return two_plus_two_w(relaxed, sc); }, w22_sc},
      {"R_relaxed", [] { return r_shape(relaxed); }, with(r_sc, r_weak)},
      {"R_acquire_release", [] { return r_shape(acquire_release); }, with(r_sc, r_weak)},
      {"R_seq_cst", [] { return r_shape(seq_cst); }, r_sc},
      {"R_seq_cst_fences", [] { return r_shape(relaxed, sc); }, r_sc},
      {"S_relaxed", [] { return s_shape(relaxed); }, with(s_sc, s_weak)},
      {"S_acquire_release", [] { return s_shape(acquire_release); }, s_sc},
      {"S_seq_cst", [] { return s_shape(seq_cst); }, s_sc},
      {"WRC_relaxed", [] { return wrc(relaxed); }, with(wrc_sc, wrc_weak)},
      {"WRC_acquire_release", [] { return wrc(acquire_release); }, wrc_sc},
      {"WRC_seq_cst", [] { return wrc(seq_cst); }, wrc_sc},
  };
  struct coherence {
    const char* shape;
    outcome (*run)(orders);
    const outcome_set& allowed;
  };
  struct variant {
    const char* name;
    orders o;
  };
  for (const coherence c : {coherence{"CoRR", co_rr, co_rr_allowed}, coherence{"CoRW", co_rw, co_rw_allowed},
                            coherence{"CoWR", co_wr, co_wr_allowed}, coherence{"CoWW", co_ww, co_ww_allowed}}) {
    for (const variant v : {variant{"relaxed", relaxed}, variant{"acquire_release", acquire_release},
                            variant{"seq_cst", seq_cst}}) {
      cases.push_back({std::string(c.shape) + "_" + v.name, [c, v] { return c.run(v.o); }, c.allowed});
    }
  }
  return cases;
}

class Litmus : public ::testing::TestWithParam<litmus_case> {};

TEST_P(Litmus, ReachesExactlyTheOutcomesTheModelAllows) {
  expect_outcomes(reached(GetParam().run), GetParam().expected);
}
// Every strategy, with fewer executions (a systematic one may stop when its
// space is explored, or reach only part of the set): never a forbidden outcome.
TEST_P(Litmus, NoStrategyReachesAForbiddenOutcome) {
  for (const weft::strategy_kind s : weft::testing::all_strategies()) {
    SCOPED_TRACE(weft::to_string(s));
    weft::options o = litmus_options();
    o.strategy = s;
    o.iterations = executions_per_strategy;
    expect_within(reached(GetParam().run, o), GetParam().expected);
  }
}
INSTANTIATE_TEST_SUITE_P(Cpp20, Litmus, ::testing::ValuesIn(litmus_cases()),
                         [](const ::testing::TestParamInfo<litmus_case>& test) { return test.param.name; });

// --- memory_model::sc: every access sequentially consistent ------------------------
// The relaxed variants reach exactly the interleavings' outcomes.
TEST(LitmusUnderSC, RelaxedAccessesGiveOnlyInterleavings) {
  const weft::options sc_model = litmus_options(weft::memory_model::sc);
  {
    SCOPED_TRACE("SB");
    expect_outcomes(reached([] { return sb(relaxed); }, sc_model), sb_sc);
  }
  {
    SCOPED_TRACE("MP");
    expect_outcomes(reached([] { return mp(relaxed); }, sc_model), mp_sc);
  }
  {
    SCOPED_TRACE("IRIW");
    expect_outcomes(reached([] { return iriw(relaxed); }, sc_model), iriw_sc);
  }
}

// --- a weak outcome as a finding, replayed ----------------------------------------
/// MP asserting that the flag publishes the data: with relaxed orders a bug
/// only the C++ model shows.
std::function<void()> mp_asserting(orders o) {
  return [o] {
    const outcome r = mp(o);
    WEFT_ASSERT(r != mp_weak, "saw the flag but not the data");
  };
}

TEST(LitmusReplay, AWeakOutcomeReplaysExactly) {
  const weft::options o = litmus_options();
  const weft::result r = weft::check(mp_asserting(relaxed), o);
  ASSERT_EQ(r.findings.size(), 1u) << findings_text(r);
  const weft::finding& f = r.findings.front();
  EXPECT_EQ(f.kind, weft::finding_kind::assertion);
  ASSERT_FALSE(f.schedule.empty());
  // The traced replay shows the load of x that read an older store than the newest.
  EXPECT_TRUE(std::ranges::any_of(f.trace, [](const weft::trace_event& e) { return e.newer_stores > 0; }))
      << "no load in the trace read an older store";

  for (const std::string& schedule : {f.schedule, f.original_schedule}) {
    if (schedule.empty()) continue;  // not shrunk
    const weft::result again = weft::replay(mp_asserting(relaxed), schedule, o);
    ASSERT_EQ(again.findings.size(), 1u) << first_finding(again);
    EXPECT_EQ(again.findings.front().kind, weft::finding_kind::assertion);
    EXPECT_EQ(again.findings.front().message, f.message);
    if (schedule == f.schedule) {
      EXPECT_EQ(again.findings.front().trace, f.trace);
    }
  }
}

TEST(LitmusReplay, TheCorrectTwinsAreClean) {
  // The same assertion with a release flag and an acquire load, or under memory_model::sc.
  const weft::result published = weft::check(mp_asserting(acquire_release), litmus_options());
  EXPECT_TRUE(published.ok()) << findings_text(published);
  const weft::result sc_model = weft::check(mp_asserting(relaxed), litmus_options(weft::memory_model::sc));
  EXPECT_TRUE(sc_model.ok()) << findings_text(sc_model);
}

}  // namespace
