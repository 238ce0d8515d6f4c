// Atomicity violations: a check-then-act or read-modify-write split into
// two or three accesses, another thread's update landing in between; the
// wrong-lock variant (each thread guards the shared counter with its own
// mutex); the classic SCTBench shapes with many threads (reorder: a
// checker between a setter's two stores; two-stage: a reader between two
// critical sections that should be one).
#include "kit.hpp"
#include "programs.hpp"

namespace weft::bugbench {
namespace {

constexpr int atomicity_pad = 4;

/// Check-then-act over two accesses: `n` threads claim a slot if it looks
/// free; two owners is the bug.
void check_then_act(unsigned n, unsigned decoys) {
  weft::atomic<int> slot{0}, owners{0};
  auto own = std::make_unique<weft::atomic<int>[]>(n);
  with_decoys(n, decoys, atomicity_pad, [&](unsigned i) {
    staggered(own[i], i, atomicity_pad);
    if (slot.load() == 0) {
      slot.store(static_cast<int>(i) + 1);
      owners.fetch_add(1);
    }
  });
  WEFT_ASSERT(owners.load() <= 1, "two threads claimed the same slot");
}

/// A transfer over three accesses (read both balances, write one, write
/// the other) racing with an auditor that reads both: the auditor must
/// land exactly between the two writes to see money missing.
void split_transfer(unsigned transfers, unsigned decoys) {
  weft::atomic<int> a{100}, b{0}, bad{0};
  weft::atomic<int> own[2];
  with_decoys(2, decoys, atomicity_pad, [&](unsigned i) {
    if (i == 0) {
      for (unsigned t = 0; t < transfers; ++t) {
        busy(own[0], atomicity_pad);
        const int from = a.load();
        a.store(from - 1);
        b.store(b.load() + 1);
      }
    } else {
      busy(own[1], atomicity_pad * static_cast<int>(transfers));
      const int seen_a = a.load();
      const int seen_b = b.load();
      if (seen_a + seen_b != 100) bad.store(1);
    }
  });
  WEFT_ASSERT(bad.load() == 0, "the auditor saw a transfer half done");
}

/// Wrong lock: every thread increments the counter under its own mutex.
void wrong_lock(unsigned n, unsigned decoys) {
  weft::atomic<int> counter{0};
  auto locks = std::make_unique<weft::mutex[]>(n);
  auto own = std::make_unique<weft::atomic<int>[]>(n);
  with_decoys(n, decoys, atomicity_pad, [&](unsigned i) {
    staggered(own[i], i, atomicity_pad);
    std::lock_guard guard(locks[i]);
    const int v = counter.load();
    counter.store(v + 1);
  });
  WEFT_ASSERT(counter.load() == static_cast<int>(n), "an increment was lost under the wrong lock");
}

/// SCTBench reorder_N: setters store a = 1 then b = -1; one checker reads a
/// then b and must never see a == 0 with b == -1.
void reorder(unsigned setters) {
  weft::atomic<int> a{0}, b{0}, bad{0};
  run_threads(setters + 1, [&](unsigned i) {
    if (i < setters) {
      a.store(1);
      b.store(-1);
    } else {
      const int seen_a = a.load();
      const int seen_b = b.load();
      if (!((seen_a == 0 && seen_b == 0) || (seen_a == 1 && seen_b == -1))) bad.store(1);
    }
  });
  WEFT_ASSERT(bad.load() == 0, "the checker saw b set before a");
}

/// SCTBench twostage_N: writers publish data1 then data2 in two critical
/// sections; a reader that saw data1 set expects data2 to match.
void two_stage(unsigned writers) {
  weft::mutex m1, m2;
  weft::atomic<int> data1{0}, data2{0}, bad{0};
  run_threads(writers + 1, [&](unsigned i) {
    if (i < writers) {
      {
        std::lock_guard g(m1);
        data1.store(1);
      }
      std::lock_guard g(m2);
      data2.store(data1.load() + 1);
    } else {
      std::lock_guard g1(m1);
      if (data1.load() == 1) {
        std::lock_guard g2(m2);
        if (data2.load() != 2) bad.store(1);
      }
    }
  });
  WEFT_ASSERT(bad.load() == 0, "the reader saw stage one without stage two");
}

}  // namespace

void add_atomicity_programs(std::vector<program>& out) {
  out.push_back({"atomicity/check-then-act-2", "check-then-act over two accesses", 3, 2, [] { check_then_act(2, 0); }});
  out.push_back({"atomicity/check-then-act-8", "check-then-act, eight claimants", 9, 2, [] { check_then_act(8, 0); }});
  out.push_back({"atomicity/transfer-3", "three-access transfer seen half done", 3, 2, [] { split_transfer(3, 0); }});
  out.push_back({"atomicity/transfer-3-decoys30", "three-access transfer among 30 decoys", 33, 2,
                 [] { split_transfer(3, 30); }});
  out.push_back({"atomicity/wrong-lock-2", "counter guarded by two different mutexes", 3, 2, [] { wrong_lock(2, 0); }});
  out.push_back({"atomicity/wrong-lock-3-decoys10", "wrong lock among 10 decoys", 14, 2, [] { wrong_lock(3, 10); }});
  out.push_back({"atomicity/reorder-10", "SCTBench reorder: checker between a setter's stores", 12, 2,
                 [] { reorder(10); }});
  out.push_back({"atomicity/reorder-50", "SCTBench reorder with 50 setters", 52, 2, [] { reorder(50); }});
  out.push_back({"atomicity/twostage-10", "SCTBench two-stage: reader between two critical sections", 12, 2,
                 [] { two_stage(10); }});
  out.push_back({"atomicity/twostage-99", "SCTBench two-stage with 99 writers", 101, 2, [] { two_stage(99); }});
}

}  // namespace weft::bugbench
