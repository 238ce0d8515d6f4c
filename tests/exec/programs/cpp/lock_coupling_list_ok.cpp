// A sorted linked list with a mutex in every node, traversed hand over hand
// (lock coupling, as in "The Art of Multiprocessor Programming"): a thread
// holds a node's mutex before it takes the next one's, and a removal
// unlinks a node with its predecessor and itself locked, unlocks it and
// deletes it, mutex and all. No other thread can be on its way to that
// node: getting there takes the predecessor's mutex. Correct.
// weft-exec-expect: clean
#include <cassert>
#include <climits>
#include <mutex>
#include <thread>
#include <utility>

struct node {
  int key;
  node* next;
  std::mutex m;
  node(int k, node* n) : key(k), next(n) {}
};

class sorted_list {
 public:
  sorted_list() : head_(new node(INT_MIN, new node(INT_MAX, nullptr))) {}
  ~sorted_list() {
    for (node* n = head_; n != nullptr;) {
      node* next = n->next;
      delete n;
      n = next;
    }
  }
  bool insert(int key) {
    auto [prev, cur] = find(key);
    const bool added = cur->key != key;
    if (added) prev->next = new node(key, cur);
    cur->m.unlock();
    prev->m.unlock();
    return added;
  }
  bool remove(int key) {
    auto [prev, cur] = find(key);
    const bool found = cur->key == key;
    if (found) {
      prev->next = cur->next;
      cur->m.unlock();
      delete cur;
    } else {
      cur->m.unlock();
    }
    prev->m.unlock();
    return found;
  }
  bool contains(int key) {
    auto [prev, cur] = find(key);
    const bool found = cur->key == key;
    cur->m.unlock();
    prev->m.unlock();
    return found;
  }

 private:
  /// The first node with a key >= `key` and its predecessor, both locked.
  std::pair<node*, node*> find(int key) {
    node* prev = head_;
    prev->m.lock();
    node* cur = prev->next;
    cur->m.lock();
    while (cur->key < key) {
      prev->m.unlock();
      prev = cur;
      cur = cur->next;
      cur->m.lock();
    }
    return {prev, cur};
  }
  node* head_;
};

int main() {
  sorted_list list;
  list.insert(1);
  list.insert(2);
  list.insert(3);
  std::thread a([&] {
    list.remove(2);
    list.insert(4);
  });
  std::thread b([&] {
    (void)list.contains(3);
    list.remove(1);
  });
  std::thread c([&] {
    (void)list.contains(2);
    (void)list.contains(4);
  });
  a.join();
  b.join();
  c.join();
  assert(list.contains(3) && list.contains(4) && !list.contains(1) && !list.contains(2));
  return 0;
}
