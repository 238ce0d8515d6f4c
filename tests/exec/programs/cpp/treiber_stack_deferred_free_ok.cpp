// The Treiber stack of treiber_stack_delete_on_pop_bug.cpp with reclamation
// deferred: each popper keeps the nodes it took and frees them only after
// every popper has been joined, so no thread reads a freed node (and no
// node comes back to cause ABA). Correct.
// weft-exec-expect: clean
#include <atomic>
#include <thread>
#include <vector>

struct node {
  int value;
  node* next;
};

std::atomic<node*> top{nullptr};

void push(int v) {
  node* n = new node{v, top.load(std::memory_order_relaxed)};
  while (!top.compare_exchange_weak(n->next, n, std::memory_order_release, std::memory_order_relaxed)) {
  }
}

node* pop() {
  node* old = top.load(std::memory_order_acquire);
  while (old != nullptr &&
         !top.compare_exchange_weak(old, old->next, std::memory_order_acquire, std::memory_order_acquire)) {
  }
  return old;  // freed by the caller once no other thread can read it
}

int main() {
  for (int i = 0; i < 4; ++i) push(i);
  std::vector<node*> taken[2];
  int sum = 0;
  auto drain = [&](int me) {
    while (node* n = pop()) taken[me].push_back(n);
  };
  std::thread a(drain, 0);
  std::thread b(drain, 1);
  a.join();
  b.join();
  for (auto& mine : taken) {
    for (node* n : mine) {
      sum += n->value;
      delete n;
    }
  }
  return sum == 6 ? 0 : 1;
}
