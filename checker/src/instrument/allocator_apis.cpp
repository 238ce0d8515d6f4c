// The explicit APIs of the allocators a program may link beside glibc's
// malloc, interposed inside an execution of weft exec: mimalloc's
// (libmimalloc-dev: mi_free and its sized and aligned forms, mi_cfree,
// mi_realloc) and gperftools' tcmalloc (libgoogle-perftools-dev: tc_free,
// tc_cfree, tc_delete and its array, sized, aligned and nothrow forms,
// tc_realloc).
//
// A program that frees through these instead of free() or operator delete
// gave weft no free at all: the block went back to the allocator with its
// checked state, the allocator handed it to another thread (through its own
// cross-thread free lists, atomics weft does not see), and that thread's
// first writes were a false data race with the old block's last reader, at
// the first executions under every strategy; a real use after free through
// them was never seen. So each free here is a free as free() is (kept until
// the execution ends, written by the freeing thread: freed_blocks.cpp),
// given back through the allocator's own function, and a realloc moves the
// checked state as realloc() does. Outside an execution, and for a program
// that does not link the allocator, the real functions run untouched (these
// definitions are weak: a program that links an allocator statically keeps
// its own).
#include <cstddef>

#include "address_objects.hpp"
#include "interpose.hpp"

extern "C" {
void mi_free(void* p);
void mi_cfree(void* p);
void mi_free_size(void* p, std::size_t size);
void mi_free_aligned(void* p, std::size_t alignment);
void mi_free_size_aligned(void* p, std::size_t size, std::size_t alignment);
void* mi_realloc(void* p, std::size_t size);
std::size_t mi_usable_size(const void* p);
void tc_free(void* p);
void tc_cfree(void* p);
void tc_free_sized(void* p, std::size_t size);
void tc_delete(void* p);
void tc_deletearray(void* p);
void tc_delete_sized(void* p, std::size_t size);
void tc_deletearray_sized(void* p, std::size_t size);
void tc_delete_aligned(void* p, std::size_t alignment);
void tc_deletearray_aligned(void* p, std::size_t alignment);
void tc_delete_sized_aligned(void* p, std::size_t size, std::size_t alignment);
void tc_deletearray_sized_aligned(void* p, std::size_t size, std::size_t alignment);
void tc_delete_nothrow(void* p, const void* nothrow);
void tc_deletearray_nothrow(void* p, const void* nothrow);
void* tc_realloc(void* p, std::size_t size);
std::size_t tc_malloc_size(void* p);
}

namespace weft::detail::instrument {
namespace {

WEFT_REAL(mi_free);
WEFT_REAL(mi_realloc);
WEFT_REAL(mi_usable_size);
WEFT_REAL(tc_free);
WEFT_REAL(tc_realloc);
WEFT_REAL(tc_malloc_size);

void give_to_mimalloc(void* p) { real_mi_free(p); }
void give_to_tcmalloc(void* p) { real_tc_free(p); }

/// A free of `p` through an allocator's API (`how`, at `pc`): kept as a
/// free() is inside an execution, else given back at once through `give`
/// (which frees any block of that allocator, whatever its size and
/// alignment).
void freed_through(void* p, std::size_t usable, void (*give)(void*), const char* how, const void* pc) {
  if (p != nullptr && keep_freed(p, usable, give, how, pc)) return;
  give(p);
}

void mimalloc_free(void* p, const char* how, const void* pc) {
  freed_through(p, p != nullptr && tables() != nullptr ? real_mi_usable_size(p) : 0, give_to_mimalloc, how, pc);
}

void tcmalloc_free(void* p, const char* how, const void* pc) {
  freed_through(p, p != nullptr && tables() != nullptr ? real_tc_malloc_size(p) : 0, give_to_tcmalloc, how, pc);
}

/// A realloc through an allocator's API: the checked state of a block that
/// moved, or of the part a shrink gave back, is forgotten, as realloc()'s.
template <class Real>
void* moved_by(void* p, std::size_t size, std::size_t old, Real& real, const void* pc) {
  check_realloc(p, pc);
  void* moved = real(p, size);
  if (p != nullptr && moved != nullptr && moved != p) {
    forget(p, old);
  } else if (moved == p && size < old) {
    forget(static_cast<char*>(p) + size, old - size);
  }
  return moved;
}

}  // namespace
}  // namespace weft::detail::instrument

using namespace weft::detail::instrument;

extern "C" {

[[gnu::weak]] void mi_free(void* p) { mimalloc_free(p, "mi_free", WEFT_PC); }
[[gnu::weak]] void mi_cfree(void* p) { mimalloc_free(p, "mi_cfree", WEFT_PC); }
[[gnu::weak]] void mi_free_size(void* p, std::size_t) { mimalloc_free(p, "mi_free_size", WEFT_PC); }
[[gnu::weak]] void mi_free_aligned(void* p, std::size_t) { mimalloc_free(p, "mi_free_aligned", WEFT_PC); }
[[gnu::weak]] void mi_free_size_aligned(void* p, std::size_t, std::size_t) {
  mimalloc_free(p, "mi_free_size_aligned", WEFT_PC);
}
[[gnu::weak]] void* mi_realloc(void* p, std::size_t size) {
  const std::size_t old = p != nullptr ? real_mi_usable_size(p) : 0;
  return moved_by(p, size, old, real_mi_realloc, WEFT_PC);
}

[[gnu::weak]] void tc_free(void* p) { tcmalloc_free(p, "tc_free", WEFT_PC); }
[[gnu::weak]] void tc_cfree(void* p) { tcmalloc_free(p, "tc_cfree", WEFT_PC); }
[[gnu::weak]] void tc_free_sized(void* p, std::size_t) { tcmalloc_free(p, "tc_free_sized", WEFT_PC); }
[[gnu::weak]] void tc_delete(void* p) { tcmalloc_free(p, "tc_delete", WEFT_PC); }
[[gnu::weak]] void tc_deletearray(void* p) { tcmalloc_free(p, "tc_deletearray", WEFT_PC); }
[[gnu::weak]] void tc_delete_sized(void* p, std::size_t) { tcmalloc_free(p, "tc_delete_sized", WEFT_PC); }
[[gnu::weak]] void tc_deletearray_sized(void* p, std::size_t) { tcmalloc_free(p, "tc_deletearray_sized", WEFT_PC); }
[[gnu::weak]] void tc_delete_aligned(void* p, std::size_t) { tcmalloc_free(p, "tc_delete_aligned", WEFT_PC); }
[[gnu::weak]] void tc_deletearray_aligned(void* p, std::size_t) {
  tcmalloc_free(p, "tc_deletearray_aligned", WEFT_PC);
}
[[gnu::weak]] void tc_delete_sized_aligned(void* p, std::size_t, std::size_t) {
  tcmalloc_free(p, "tc_delete_sized_aligned", WEFT_PC);
}
[[gnu::weak]] void tc_deletearray_sized_aligned(void* p, std::size_t, std::size_t) {
  tcmalloc_free(p, "tc_deletearray_sized_aligned", WEFT_PC);
}
[[gnu::weak]] void tc_delete_nothrow(void* p, const void*) { tcmalloc_free(p, "tc_delete_nothrow", WEFT_PC); }
[[gnu::weak]] void tc_deletearray_nothrow(void* p, const void*) {
  tcmalloc_free(p, "tc_deletearray_nothrow", WEFT_PC);
}
[[gnu::weak]] void* tc_realloc(void* p, std::size_t size) {
  const std::size_t old = p != nullptr ? real_tc_malloc_size(p) : 0;
  return moved_by(p, size, old, real_tc_realloc, WEFT_PC);
}

}  // extern "C"
