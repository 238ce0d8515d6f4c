// A C++ program that replaces the global operator new and delete, as
// programs that count or pool their allocations do (the standard allows
// it): they count in atomics and take memory from malloc and free. Two
// threads build and drop strings and vectors; main hands a heap object to
// a worker and deletes it after the join. weft's runtime defines operator
// delete too (to name the delete expression a free happened at); its
// definitions are weak, so the program keeps its own and weft follows the
// free() under it (before, "multiple definition of operator delete(void*)"
// at the link). Correct.
// weft-exec-expect: clean
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <string>
#include <thread>
#include <vector>

namespace {
std::atomic<long> allocations{0};
std::atomic<long> deallocations{0};
}  // namespace

void* operator new(std::size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
  if (p != nullptr) deallocations.fetch_add(1, std::memory_order_relaxed);
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept { operator delete(p); }

int main() {
  auto* shared = new std::vector<int>{1, 2, 3};
  std::thread reader([shared] { (*shared)[0] += 10; });
  std::vector<std::thread> builders;
  std::vector<std::size_t> lengths(2);
  for (int t = 0; t < 2; ++t) {
    builders.emplace_back([&lengths, t] {
      std::string text;
      for (int i = 0; i < 40; ++i) text += static_cast<char>('a' + (i + t) % 26);
      std::vector<std::string> words(5, text);
      lengths[t] = words.back().size();
    });
  }
  reader.join();
  for (std::thread& b : builders) b.join();
  const int first = (*shared)[0];
  delete shared;
  std::printf("%d %zu %d\n", first, lengths[0] + lengths[1], deallocations.load() > 0);
  return first == 11 && lengths[0] + lengths[1] == 80 && deallocations.load() > 0 ? 0 : 1;
}
