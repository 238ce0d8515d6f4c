// oneTBB's memory allocators inside an execution of weft exec: the
// scalable allocator of libtbbmalloc (scalable_malloc, scalable_free and
// the rest of the family, tbb::scalable_allocator) and libtbb's
// cache_aligned_allocate / cache_aligned_deallocate and allocate_memory /
// deallocate_memory (tbb::cache_aligned_allocator, the default of oneTBB's
// concurrent containers, and tbb::tbb_allocator), which use libtbbmalloc
// when it is there.
//
// libtbbmalloc keeps freed blocks in pools of its own and hands them to
// another thread, through atomics inside the library, without a free() or
// a malloc() weft sees: a block one thread filled and freed, then another
// thread got, kept the first thread's accesses, and the second thread's
// writes were a false data race (a concurrent_vector and a std::vector on
// tbb::scalable_allocator in two threads: found at execution 79 under pos).
// So each way back is defined here, and does what free() does (keep_freed,
// freed_blocks.cpp): the freeing thread writes the block's bytes the
// program accessed, and the block is kept until the execution ends (within
// the quarantine's budget), so it is never another thread's inside it, and
// a second free or an access after the free is found. scalable_msize gives
// a scalable block's size; the cache-aligned and tbb_allocator blocks'
// sizes are noted when they are allocated inside the execution (one
// allocated before it is freed at once). A realloc that moves a block
// forgets the old one (given_back).
//
// libtbbmalloc's own calls inside itself stay its own, and so do libtbb's
// (which finds libtbbmalloc's functions with dlsym: hence the libtbb entry
// points). Outside an execution the real functions run untouched.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <map>

#include "address_objects.hpp"
#include "interpose.hpp"

namespace weft::detail::instrument {
namespace {

constexpr const char* tbbmalloc_library = "libtbbmalloc.so.2";
constexpr const char* libtbb = "libtbb.so.12";

/// The sizes of the blocks libtbb's allocators gave the program in this
/// execution (weft's memory: touched inside a weft_section only).
struct tbb_blocks {
  std::uint64_t generation = 0;
  std::map<const void*, std::size_t> sizes;
};
tbb_blocks& blocks() {
  static tbb_blocks b;
  return this_execution(b);
}

/// A block libtbb's allocator gave: noted with its size.
void* noted(void* block, std::size_t size) {
  if (block == nullptr || tables() == nullptr) return block;
  const weft_section weft;
  blocks().sizes[block] = size;
  return block;
}

/// A block the program gives back to libtbb's allocator (`how`, from `pc`),
/// which `release` frees: kept while the execution runs (keep_freed), as a
/// block given back to glibc is. False: the caller frees it now (allocated
/// before the execution, or not kept).
bool tbb_block_kept(void* block, void (*release)(void*), const char* how, const void* pc) {
  if (block == nullptr || tables() == nullptr) return false;
  std::size_t size = 0;
  {
    const weft_section weft;
    auto& sizes = blocks().sizes;
    const auto it = sizes.find(block);
    if (it == sizes.end()) return false;
    size = it->second;
    sizes.erase(it);
  }
  return keep_freed(block, size, release, how, pc);
}

/// The real libtbbmalloc function `symbol`, as a `Function`.
template <class Function>
Function real_tbbmalloc(std::atomic<void*>& address, const char* symbol) {
  return reinterpret_cast<Function>(resolve_real_in(address, symbol, tbbmalloc_library));
}

/// libtbbmalloc's scalable_free, scalable_aligned_free and scalable_msize.
void real_scalable_free(void* block) {
  static std::atomic<void*> real{nullptr};
  real_tbbmalloc<void (*)(void*)>(real, "scalable_free")(block);
}
void real_scalable_aligned_free(void* block) {
  static std::atomic<void*> real{nullptr};
  real_tbbmalloc<void (*)(void*)>(real, "scalable_aligned_free")(block);
}
std::size_t scalable_size(void* block) {
  static std::atomic<void*> real{nullptr};
  return real_tbbmalloc<std::size_t (*)(void*)>(real, "scalable_msize")(block);
}

/// A scalable block the program frees (`how`, from `pc`), which `release`
/// frees: kept while the execution runs. False: the caller frees it now.
bool scalable_block_kept(void* block, void (*release)(void*), const char* how, const void* pc) {
  if (block == nullptr || tables() == nullptr) return false;
  return keep_freed(block, scalable_size(block), release, how, pc);
}

/// A scalable `block` resized to `size` by `reallocate` (`what`, called
/// from `pc`): what it no longer holds is given back.
template <class Reallocate>
void* resized(void* block, std::size_t size, const char* what, const void* pc, Reallocate reallocate) {
  if (block == nullptr || tables() == nullptr) return reallocate();
  const std::size_t old = scalable_size(block);
  void* moved = reallocate();
  if (moved != nullptr && moved != block) {
    given_back(block, old, what, pc);
  } else if (moved == block && size < old) {
    given_back(static_cast<char*>(block) + size, old - size, what, pc);
  }
  return moved;
}

/// libtbb's cache_aligned_deallocate and deallocate_memory.
void real_cache_aligned_deallocate(void* block) {
  static std::atomic<void*> real{nullptr};
  reinterpret_cast<void (*)(void*)>(resolve_real_in(real, "_ZN3tbb6detail2r124cache_aligned_deallocateEPv", libtbb))(
      block);
}
void real_deallocate_memory(void* block) {
  static std::atomic<void*> real{nullptr};
  reinterpret_cast<void (*)(void*)>(resolve_real_in(real, "_ZN3tbb6detail2r117deallocate_memoryEPv", libtbb))(block);
}

}  // namespace
}  // namespace weft::detail::instrument

using namespace weft::detail::instrument;

extern "C" {

void scalable_free(void* block) {
  if (!scalable_block_kept(block, real_scalable_free, "scalable_free", WEFT_PC)) real_scalable_free(block);
}

void scalable_aligned_free(void* block) {
  if (!scalable_block_kept(block, real_scalable_aligned_free, "scalable_aligned_free", WEFT_PC)) {
    real_scalable_aligned_free(block);
  }
}

// A realloc that moves the block gives the old one back; one that shrinks
// it in place gives back its tail. The old size is read before the call.
void* scalable_realloc(void* block, std::size_t size) {
  static std::atomic<void*> real{nullptr};
  const auto call = real_tbbmalloc<void* (*)(void*, std::size_t)>(real, "scalable_realloc");
  return resized(block, size, "scalable_realloc", WEFT_PC, [&] { return call(block, size); });
}

void* scalable_aligned_realloc(void* block, std::size_t size, std::size_t alignment) {
  static std::atomic<void*> real{nullptr};
  const auto call = real_tbbmalloc<void* (*)(void*, std::size_t, std::size_t)>(real, "scalable_aligned_realloc");
  return resized(block, size, "scalable_aligned_realloc", WEFT_PC, [&] { return call(block, size, alignment); });
}

}  // extern "C"

// libtbb's entry points, by their mangled names (oneTBB 2021, libtbb.so.12);
// weak, as the task entry points are (tbb_tasks.cpp).
namespace tbb::detail::r1 {

[[gnu::weak]] void* cache_aligned_allocate(std::size_t size) {
  static std::atomic<void*> real{nullptr};
  return noted(reinterpret_cast<void* (*)(std::size_t)>(
                   resolve_real_in(real, "_ZN3tbb6detail2r122cache_aligned_allocateEm", libtbb))(size),
               size);
}

[[gnu::weak]] void cache_aligned_deallocate(void* block) {
  if (!tbb_block_kept(block, real_cache_aligned_deallocate, "cache_aligned_deallocate", WEFT_PC)) {
    real_cache_aligned_deallocate(block);
  }
}

[[gnu::weak]] void* allocate_memory(std::size_t size) {
  static std::atomic<void*> real{nullptr};
  return noted(reinterpret_cast<void* (*)(std::size_t)>(
                   resolve_real_in(real, "_ZN3tbb6detail2r115allocate_memoryEm", libtbb))(size),
               size);
}

[[gnu::weak]] void deallocate_memory(void* block) {
  if (!tbb_block_kept(block, real_deallocate_memory, "deallocate_memory", WEFT_PC)) real_deallocate_memory(block);
}

}  // namespace tbb::detail::r1
