// Heap objects handed between threads the usual ways, each freed once by
// whoever owns it last: a mutex-protected queue of unique_ptrs, shared_ptrs
// copied into several threads (the last owner deletes), a vector a thread
// grows and the main thread frees after join, and enough allocation churn
// to go through weft's whole quarantine of freed blocks. Correct.
// weft-exec-expect: clean
#include <cstdlib>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

struct job {
  int id;
  std::string label;
};

std::mutex queue_lock;
std::deque<std::unique_ptr<job>> queue;

void produce() {
  for (int i = 0; i < 3; ++i) {
    auto j = std::make_unique<job>(job{i, "job " + std::to_string(i) + " with a label past the small buffer"});
    std::lock_guard<std::mutex> hold(queue_lock);
    queue.push_back(std::move(j));
  }
}

int consume() {
  int seen = 0;
  while (seen < 3) {
    std::unique_ptr<job> j;
    {
      std::lock_guard<std::mutex> hold(queue_lock);
      if (queue.empty()) continue;
      j = std::move(queue.front());
      queue.pop_front();
    }
    seen += j->label.empty() ? 0 : 1;
  }  // each job deleted here, by the consumer
  return seen;
}

}  // namespace

int main() {
  std::thread producer(produce);
  const int consumed = consume();
  producer.join();

  auto shared = std::make_shared<std::vector<int>>(100, 7);
  std::vector<std::thread> readers;
  for (int r = 0; r < 3; ++r) {
    readers.emplace_back([copy = shared, r] { volatile int v = (*copy)[r]; (void)v; });
  }
  shared.reset();  // a reader may now own the last reference
  for (auto& t : readers) t.join();

  std::vector<int>* grown = nullptr;
  std::thread grower([&grown] {
    grown = new std::vector<int>;
    for (int i = 0; i < 1000; ++i) grown->push_back(i);
  });
  grower.join();
  const int last = grown->back();
  delete grown;

  std::thread churn([] {  // about 3 MiB allocated and freed in 4 KiB blocks
    for (int i = 0; i < 768; ++i) {
      void* block = std::malloc(4096);
      static_cast<volatile char*>(block)[0] = 1;
      std::free(block);
    }
  });
  churn.join();
  return consumed == 3 && last == 999 ? 0 : 1;
}
