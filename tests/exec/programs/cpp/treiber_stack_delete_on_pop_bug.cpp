// A lock-free (Treiber) stack whose pop deletes the node it took, with no
// safe reclamation: another thread popping at the same time may have read
// the same top and still read its `next` after the delete. Found as the
// delete racing with that read (or, ordered, as a use after free).
// weft-exec-expect: data_race | misuse/use_after_free
#include <atomic>
#include <thread>

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

bool pop(int& v) {
  node* old = top.load(std::memory_order_acquire);
  while (old != nullptr &&
         !top.compare_exchange_weak(old, old->next, std::memory_order_acquire, std::memory_order_acquire)) {
  }
  if (old == nullptr) return false;
  v = old->value;
  delete old;  // BUG: another popper may still read old->next
  return true;
}

int main() {
  for (int i = 0; i < 4; ++i) push(i);
  auto drain = [] {
    int v;
    while (pop(v)) {
    }
  };
  std::thread a(drain);
  std::thread b(drain);
  a.join();
  b.join();
  return 0;
}
