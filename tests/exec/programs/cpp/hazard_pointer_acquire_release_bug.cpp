// The hazard-pointer stack of hazard_pointer_stack_ok.cpp with the hazard
// store made release and the re-read of the top and the scan of the slots
// acquire, as "acquire/release is enough" reasoning has it: a store
// followed by a load of another location may be reordered (x86's store
// buffer does it), so the re-read can still see the node as the top while
// the popping thread's scan does not see the hazard yet, frees the node,
// and the first thread reads its `next` (natively 100 of 100 runs pass).
// weft, under the C++ memory model: the re-read reads an older top, and the
// free races with the read of the freed node.
// weft-exec-expect: data_race|misuse
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
    if (h.load(std::memory_order_acquire) == n) return true;
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
    hazard[me].store(t, std::memory_order_release);         // BUG: not ordered before
    if (top.load(std::memory_order_acquire) != t) continue;  // this load
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
