// A Treiber stack whose pops free nodes safely with hazard pointers (one
// slot per thread): pop reads the top, publishes it in its hazard slot,
// reads the top again and dereferences the node only if it is still the
// top; a popped node is retired and freed once no hazard slot holds it.
// The hazard store and the re-read of the top are seq_cst: hazard pointers
// need that store-then-load order, which acquire/release does not give
// (hazard_pointer_acquire_release_bug.cpp).
// weft-exec-expect: clean
#include <atomic>
#include <thread>
#include <vector>

namespace {

struct node {
  int value;
  node* next;
};

constexpr int threads = 3;
std::atomic<node*> top{nullptr};
std::atomic<node*> hazard[threads];
std::vector<node*> retired[threads];  // each thread's own
std::atomic<int> popped_sum{0};

void push(int value) {
  node* n = new node{value, top.load()};
  while (!top.compare_exchange_weak(n->next, n)) {
  }
}

bool hazarded(const node* n) {
  for (const std::atomic<node*>& h : hazard) {
    if (h.load() == n) return true;
  }
  return false;
}

void retire(int me, node* n) {
  retired[me].push_back(n);
  for (auto it = retired[me].begin(); it != retired[me].end();) {
    if (hazarded(*it)) {
      ++it;
    } else {
      delete *it;
      it = retired[me].erase(it);
    }
  }
}

bool pop(int me) {
  node* t = nullptr;
  for (;;) {
    t = top.load();
    if (t == nullptr) return false;
    hazard[me].store(t);           // seq_cst: published before the re-read below
    if (top.load() != t) continue;  // still the top: no one can free it now
    if (top.compare_exchange_strong(t, t->next)) break;
  }
  hazard[me].store(nullptr);
  popped_sum.fetch_add(t->value);
  retire(me, t);
  return true;
}

}  // namespace

int main() {
  for (int i = 1; i <= 4; ++i) push(i);
  std::thread a([] {
    pop(1);
    pop(1);
  });
  std::thread b([] {
    pop(2);
    push(10);
    pop(2);
  });
  pop(0);
  a.join();
  b.join();
  while (pop(0)) {
  }
  for (std::vector<node*>& r : retired) {
    for (node* n : r) delete n;
  }
  return popped_sum == 20 ? 0 : 1;
}
