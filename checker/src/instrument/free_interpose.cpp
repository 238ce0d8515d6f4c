// free() and realloc() of an instrumented program, interposed: memory given
// back to the allocator loses its checked state (address_objects.hpp), so
// that a block the allocator hands to another thread later is not taken for
// the old one (no false race with accesses to a freed block, no stale atomic
// history or mutex). The allocation itself is glibc's (__libc_*).
#include <malloc.h>

#include <cstddef>

#include "address_objects.hpp"

extern "C" {
void __libc_free(void* p);
void* __libc_realloc(void* p, std::size_t size);

void free(void* p) noexcept {
  if (p != nullptr) weft::detail::instrument::forget(p, malloc_usable_size(p));
  __libc_free(p);
}

void* realloc(void* p, std::size_t size) noexcept {
  const std::size_t old = p != nullptr ? malloc_usable_size(p) : 0;
  void* moved = __libc_realloc(p, size);
  if (p != nullptr && moved != nullptr && moved != p) {
    weft::detail::instrument::forget(p, old);
  } else if (moved == p && size < old) {
    weft::detail::instrument::forget(static_cast<char*>(p) + size, old - size);
  }
  return moved;
}
}
