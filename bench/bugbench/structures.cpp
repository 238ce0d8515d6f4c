// Data-structure bugs: ABA in a lock-free (Treiber) stack without tags —
// SCTBench's "safe stack": a pop whose compare-exchange succeeds on a head
// that was popped and pushed back in the meantime installs a node another
// thread owns (two owners need a specific three-thread interleaving);
// publication before initialisation; a work-stealing deque whose owner takes
// the last item without racing the thieves for it; double-checked lazy
// initialisation that publishes the instance before constructing it.
#include <mutex>

#include "kit.hpp"
#include "programs.hpp"

namespace weft::bugbench {
namespace {

constexpr int structures_pad = 4;

void aba_stack(unsigned threads, unsigned rounds) {
  constexpr int nodes = 3;
  weft::atomic<int> head{0};
  weft::atomic<int> next[nodes];
  weft::atomic<int> owner[nodes];
  for (int i = 0; i < nodes; ++i) {
    next[i].store(i + 1 < nodes ? i + 1 : -1);
    owner[i].store(-1);
  }
  auto pop = [&] {
    for (;;) {
      int h = head.load();
      if (h < 0) return -1;
      const int n = next[h].load();
      if (head.compare_exchange_strong(h, n)) return h;
    }
  };
  auto push = [&](int node) {
    for (;;) {
      int h = head.load();
      next[node].store(h);
      if (head.compare_exchange_strong(h, node)) return;
    }
  };
  run_threads(threads, [&](unsigned t) {
    for (unsigned r = 0; r < rounds; ++r) {
      const int node = pop();
      if (node < 0) continue;
      WEFT_ASSERT(owner[node].exchange(static_cast<int>(t)) == -1, "two threads own the same stack node (ABA)");
      owner[node].store(-1);
      push(node);
    }
  });
}

void publication(unsigned readers, unsigned decoys) {
  weft::atomic<int> published{0}, data{0}, bad{0};
  auto own = std::make_unique<weft::atomic<int>[]>(readers + 1);
  with_decoys(readers + 1, decoys, structures_pad, [&](unsigned i) {
    staggered(own[i], i == 0 ? 0 : 2, structures_pad);
    if (i == 0) {
      published.store(1);  // the bug: published before the data is written
      data.store(42);
    } else if (published.load() == 1 && data.load() != 42) {
      bad.store(1);
    }
  });
  WEFT_ASSERT(bad.load() == 0, "a reader saw the object published but not initialised");
}

void work_stealing(unsigned thieves, int items) {
  weft::atomic<int> head{0}, tail{items};
  auto taken = std::make_unique<weft::atomic<int>[]>(static_cast<std::size_t>(items));
  auto take = [&](int item) { WEFT_ASSERT(taken[item].exchange(1) == 0, "an item was taken twice"); };
  run_threads(thieves + 1, [&](unsigned i) {
    if (i == 0) {  // the owner pops at the tail
      for (;;) {
        const int t = tail.load() - 1;
        tail.store(t);
        const int h = head.load();
        if (t < h) {
          tail.store(h);
          return;
        }
        take(t);  // the bug: for t == h it must win a compare-exchange on head against the thieves
      }
    }
    for (;;) {  // a thief steals at the head
      int h = head.load();
      const int t = tail.load();
      if (h >= t) return;
      if (head.compare_exchange_strong(h, h + 1)) take(h);
    }
  });
}

void lazy_init(unsigned n) {
  weft::mutex m;
  weft::atomic<int> instance{0}, field{0}, bad{0};
  auto own = std::make_unique<weft::atomic<int>[]>(n);
  run_threads(n, [&](unsigned i) {
    staggered(own[i], i, structures_pad);
    if (instance.load() == 0) {
      std::lock_guard g(m);
      if (instance.load() == 0) {
        instance.store(1);  // the bug: published before it is constructed
        field.store(42);
      }
    }
    if (field.load() != 42) bad.store(1);
  });
  WEFT_ASSERT(bad.load() == 0, "a thread used the lazily initialised instance before it was constructed");
}

}  // namespace

void add_structure_programs(std::vector<program>& out) {
  out.push_back({"aba/safe-stack-3", "ABA in a lock-free stack: two owners of one node", 4, 3, [] { aba_stack(3, 2); }});
  out.push_back({"publish/before-init-1", "publication before initialisation", 3, 2, [] { publication(1, 0); }});
  out.push_back({"publish/before-init-4-decoys50", "publication before initialisation among 50 decoys", 56, 2,
                 [] { publication(4, 50); }});
  out.push_back({"steal/last-item-1", "work-stealing deque: owner and thief take the last item", 3, 2,
                 [] { work_stealing(1, 3); }});
  out.push_back({"steal/last-item-3", "work-stealing deque with three thieves", 5, 2, [] { work_stealing(3, 4); }});
  out.push_back({"lazy/double-checked-2", "double-checked lazy init published before constructed", 3, 2,
                 [] { lazy_init(2); }});
  out.push_back({"lazy/double-checked-8", "double-checked lazy init, eight users", 9, 2, [] { lazy_init(8); }});
}

}  // namespace weft::bugbench
