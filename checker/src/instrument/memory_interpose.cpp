// The C library's memory functions an instrumented program calls, interposed.
//  - free(), operator delete and realloc(): inside an execution a freed
//    block is written by the freeing thread and kept until the execution
//    ends, so that freeing it again is seen (freed_blocks.cpp); memory given
//    back to the allocator loses its checked state (address_objects.hpp), so
//    that a block the allocator hands to another thread later is not taken
//    for the old one (no false race with accesses to a freed block, no stale
//    atomic history or mutex). The allocation itself is the allocator's
//    after weft's: glibc's, or jemalloc's, tcmalloc's or mimalloc's when
//    the program links one (allocator_free).
//  - munmap(), mremap() and a MAP_FIXED mmap(): the pages they take away
//    are written by the calling thread and lose their checked state
//    (freed_blocks.cpp, given_back), as a given-back block does: two threads
//    that each map a scratch buffer, use it and unmap it get the same
//    address in turn, and their accesses were a false data race.
//  - memcpy(), memmove() and memset(): clang-14's instrumentation turns
//    copies and fills it does not inline into calls of these (ThreadSanitizer
//    intercepts them), and libstdc++ calls them for strings and vectors; inside
//    a checked execution their bytes are race-checked reads and writes, the
//    first `checked_bytes` of each call (the state is per byte); not when the
//    OpenMP runtime calls them for its own memory (in_openmp_runtime), nor
//    QThreadPool's bookkeeping inside libQt6Core (in_qt_pool_code), nor a
//    library whose own synchronisation weft does not see
//    (in_opaque_library, whose frees do not write the block either), nor
//    libstdc++.so's code called by such a library (called_for_opaque_library).
//  - memcmp(), bcmp(), strcmp(), strncmp() and strlen(): the bytes they
//    read (a comparison's up to the first that differs) are race-checked
//    reads, as for a copy.
//  - strcpy(), stpcpy(), strncpy(), strcat() and strncat(): the source's
//    bytes they read (and a concatenation's destination up to its end) are
//    race-checked reads, the bytes they write race-checked writes.
#include <dlfcn.h>
#include <malloc.h>
#include <sys/mman.h>

#include <algorithm>
#include <atomic>
#include <cstdarg>
#include <cstddef>
#include <cstdint>
#include <new>

#include "address_objects.hpp"
#include "interpose.hpp"

namespace {

using weft::detail::instrument::checked_bytes;

/// The real function, found on first use; while dlsym looks for it (in case
/// dlsym itself copies), a plain byte loop stands in.
template <class F>
F real_of(const char* name, F& cache, bool& resolving) {
  if (cache == nullptr && !resolving) {
    resolving = true;
    cache = reinterpret_cast<F>(::dlsym(RTLD_NEXT, name));
    resolving = false;
  }
  return cache;
}

using copy_fn = void* (*)(void*, const void*, std::size_t);
using fill_fn = void* (*)(void*, int, std::size_t);
copy_fn real_memcpy = nullptr, real_memmove = nullptr;
fill_fn real_memset = nullptr;
using compare_fn = int (*)(const void*, const void*, std::size_t);
using string_compare_fn = int (*)(const char*, const char*);
using string_compare_n_fn = int (*)(const char*, const char*, std::size_t);
using length_fn = std::size_t (*)(const char*);
compare_fn real_memcmp = nullptr, real_bcmp = nullptr;
string_compare_fn real_strcmp = nullptr;
string_compare_n_fn real_strncmp = nullptr;
length_fn real_strlen = nullptr;
using string_copy_fn = char* (*)(char*, const char*);
using string_copy_n_fn = char* (*)(char*, const char*, std::size_t);
string_copy_fn real_strcpy = nullptr, real_stpcpy = nullptr, real_strcat = nullptr;
string_copy_n_fn real_strncpy = nullptr, real_strncat = nullptr;
bool resolving_strcpy = false, resolving_stpcpy = false, resolving_strcat = false, resolving_strncpy = false,
     resolving_strncat = false;
bool resolving_memcmp = false, resolving_bcmp = false, resolving_strcmp = false, resolving_strncmp = false,
     resolving_strlen = false;
bool resolving_memcpy = false, resolving_memmove = false, resolving_memset = false;

// Byte loops the compiler must not turn back into calls of these functions.
[[gnu::optimize("no-tree-loop-distribute-patterns")]] void* copy_bytes(void* to, const void* from, std::size_t n) {
  auto* d = static_cast<volatile unsigned char*>(to);
  const auto* s = static_cast<const volatile unsigned char*>(from);
  if (d < s) {
    for (std::size_t i = 0; i < n; ++i) d[i] = s[i];
  } else {
    for (std::size_t i = n; i > 0; --i) d[i - 1] = s[i - 1];
  }
  return to;
}
[[gnu::optimize("no-tree-loop-distribute-patterns")]] void* fill_bytes(void* to, int value, std::size_t n) {
  auto* d = static_cast<volatile unsigned char*>(to);
  for (std::size_t i = 0; i < n; ++i) d[i] = static_cast<unsigned char>(value);
  return to;
}

using weft::detail::instrument::libraries_own;

/// Inside a checked execution, the program's call at `pc` reads [p, p + n):
/// its first `checked_bytes` are race-checked reads.
void check_read(const void* p, std::size_t n, const void* pc) {
  if (n == 0 || weft::detail::instrument::tables() == nullptr || libraries_own(pc)) return;
  weft::detail::instrument::plain_read(reinterpret_cast<std::uintptr_t>(p), std::min(n, checked_bytes), pc);
}

/// The bytes a comparison of `a` and `b` reads, `limit` at most: up to and
/// including the first that differs (or, `nul_ends`, the first NUL of both).
std::size_t compared_bytes(const void* a, const void* b, std::size_t limit, bool nul_ends) {
  const auto* x = static_cast<const volatile unsigned char*>(a);
  const auto* y = static_cast<const volatile unsigned char*>(b);
  for (std::size_t i = 0; i < limit; ++i) {
    if (x[i] != y[i] || (nul_ends && x[i] == 0)) return i + 1;
  }
  return limit;
}

/// A comparison of `a` and `b` by the program's call at `pc`, both read.
void check_compare(const void* a, const void* b, std::size_t limit, bool nul_ends, const void* pc) {
  if (limit == 0 || weft::detail::instrument::tables() == nullptr || libraries_own(pc)) return;
  const std::size_t n = compared_bytes(a, b, std::min(limit, checked_bytes), nul_ends);
  weft::detail::instrument::plain_read(reinterpret_cast<std::uintptr_t>(a), n, pc);
  weft::detail::instrument::plain_read(reinterpret_cast<std::uintptr_t>(b), n, pc);
}

/// A comparison's result without the C library's (while dlsym looks for it):
/// the order of the last byte compared_bytes read, `i` bytes in (0: none).
int order_at(const void* a, const void* b, std::size_t i) {
  if (i == 0) return 0;
  const auto x = static_cast<const unsigned char*>(a)[i - 1], y = static_cast<const unsigned char*>(b)[i - 1];
  return x == y ? 0 : (x < y ? -1 : 1);
}

/// The length of `s`, `limit` at most, without the checks of strlen() here.
[[gnu::optimize("no-tree-loop-distribute-patterns")]] std::size_t length_of(const char* s,
                                                                          std::size_t limit = ~std::size_t{0}) {
  const volatile char* c = s;
  std::size_t n = 0;
  while (n < limit && c[n] != '\0') ++n;
  return n;
}

/// A string copy by the program's call at `pc`: it reads the `kept` bytes
/// of `to` before the end it appends at (a concatenation's) and `read`
/// bytes of `from`, and writes `written` bytes at `to + kept`.
void check_string_copy(char* to, std::size_t kept, const char* from, std::size_t read, std::size_t written,
                       const void* pc) {
  if (weft::detail::instrument::tables() == nullptr || libraries_own(pc)) return;
  const auto at = [](const void* p) { return reinterpret_cast<std::uintptr_t>(p); };
  if (kept > 0) weft::detail::instrument::plain_read(at(to), std::min(kept, checked_bytes), pc);
  if (read > 0) weft::detail::instrument::plain_read(at(from), std::min(read, checked_bytes), pc);
  if (written > 0) weft::detail::instrument::plain_write(at(to + kept), std::min(written, checked_bytes), pc);
}

void check_copy(void* to, const void* from, std::size_t n, const void* pc) {
  if (n == 0 || weft::detail::instrument::tables() == nullptr || libraries_own(pc)) return;
  weft::detail::instrument::plain_read(reinterpret_cast<std::uintptr_t>(from), std::min(n, checked_bytes), pc);
  weft::detail::instrument::plain_write(reinterpret_cast<std::uintptr_t>(to), std::min(n, checked_bytes), pc);
}

}  // namespace

bool weft::detail::instrument::libraries_own(const void* pc) {
  return in_openmp_runtime(pc) || in_qt_pool_code(pc) || in_tool_code(pc) || in_opaque_library(pc) ||
         called_for_opaque_library(pc);
}

extern "C" void __libc_free(void* p);
extern "C" void* __libc_realloc(void* p, std::size_t size);

namespace {
// The program's allocator, the free and realloc after weft's: glibc's, or
// those of an allocator the program links (jemalloc, tcmalloc, mimalloc),
// whose blocks glibc's free cannot take. While dlsym looks for them (in
// case it frees), glibc's stand in.
using free_fn = void (*)(void*);
using realloc_fn = void* (*)(void*, std::size_t);
free_fn next_free = nullptr;
realloc_fn next_realloc = nullptr;
bool resolving_free = false, resolving_realloc = false;

void* allocator_realloc(void* p, std::size_t size) noexcept {
  const realloc_fn real = real_of("realloc", next_realloc, resolving_realloc);
  return real != nullptr ? real(p, size) : __libc_realloc(p, size);
}

/// free() and operator delete, called from `pc`: the block is kept while
/// an execution runs (freed_blocks.cpp), else given back.
void release(void* p, const void* pc) noexcept {
  if (p != nullptr && weft::detail::instrument::keep_freed(p, pc)) return;
  weft::detail::instrument::allocator_free(p);
}
}  // namespace

void weft::detail::instrument::allocator_free(void* block) noexcept {
  const free_fn real = real_of("free", next_free, resolving_free);
  if (real != nullptr) {
    real(block);
  } else {
    __libc_free(block);
  }
}

// operator delete in every form, replaced (as a program may): the place a
// free is reported at is the delete expression, not libstdc++'s operator.
void operator delete(void* p) noexcept { release(p, __builtin_return_address(0)); }
void operator delete[](void* p) noexcept { release(p, __builtin_return_address(0)); }
void operator delete(void* p, std::size_t) noexcept { release(p, __builtin_return_address(0)); }
void operator delete[](void* p, std::size_t) noexcept { release(p, __builtin_return_address(0)); }
void operator delete(void* p, std::align_val_t) noexcept { release(p, __builtin_return_address(0)); }
void operator delete[](void* p, std::align_val_t) noexcept { release(p, __builtin_return_address(0)); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { release(p, __builtin_return_address(0)); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { release(p, __builtin_return_address(0)); }
void operator delete(void* p, const std::nothrow_t&) noexcept { release(p, __builtin_return_address(0)); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { release(p, __builtin_return_address(0)); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept {
  release(p, __builtin_return_address(0));
}
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept {
  release(p, __builtin_return_address(0));
}

extern "C" {

void free(void* p) noexcept { release(p, __builtin_return_address(0)); }

void* realloc(void* p, std::size_t size) noexcept {
  weft::detail::instrument::check_realloc(p, __builtin_return_address(0));
  const std::size_t old = p != nullptr ? malloc_usable_size(p) : 0;
  void* moved = allocator_realloc(p, size);
  if (p != nullptr && moved != nullptr && moved != p) {
    weft::detail::instrument::forget(p, old);
  } else if (moved == p && size < old) {
    weft::detail::instrument::forget(static_cast<char*>(p) + size, old - size);
  }
  return moved;
}

}  // extern "C"

namespace {

/// The kernel unmaps whole pages: [start, start + length) rounded up. Not a
/// malloc's the program links (it unmaps its own memory).
void unmapped(const void* start, std::size_t length, const char* what, const void* pc) noexcept {
  constexpr std::size_t page = 4096;
  if (weft::detail::instrument::tables() == nullptr || weft::detail::instrument::in_tool_code(pc)) return;
  weft::detail::instrument::given_back(start, (length + page - 1) & ~(page - 1), what, pc);
}

/// mmap and mmap64 (`name`, the real one in `real`), called from `pc`: a
/// MAP_FIXED mapping replaces what was there.
template <class Offset>
void* mapped(std::atomic<void*>& real, const char* name, void* start, std::size_t length, int protection, int flags,
             int fd, Offset offset, const void* pc) noexcept {
  if ((flags & MAP_FIXED) != 0) unmapped(start, length, name, pc);
  return reinterpret_cast<void* (*)(void*, std::size_t, int, int, int, Offset)>(
      weft::detail::instrument::resolve_real(real, name))(start, length, protection, flags, fd, offset);
}

}  // namespace

extern "C" {

int munmap(void* start, std::size_t length) noexcept {
  static std::atomic<void*> real{nullptr};
  unmapped(start, length, "munmap", __builtin_return_address(0));
  return reinterpret_cast<int (*)(void*, std::size_t)>(weft::detail::instrument::resolve_real(real, "munmap"))(
      start, length);
}

void* mremap(void* old, std::size_t old_size, std::size_t new_size, int flags, ...) noexcept {
  static std::atomic<void*> real{nullptr};
  void* wanted = nullptr;  // MREMAP_FIXED's new address
  if ((flags & MREMAP_FIXED) != 0) {
    va_list more;
    va_start(more, flags);
    wanted = va_arg(more, void*);
    va_end(more);
  }
  const auto real_mremap = reinterpret_cast<void* (*)(void*, std::size_t, std::size_t, int, void*)>(
      weft::detail::instrument::resolve_real(real, "mremap"));
  if ((flags & MREMAP_FIXED) != 0) {
    unmapped(wanted, new_size, "mremap", __builtin_return_address(0));
  }
  void* moved = real_mremap(old, old_size, new_size, flags, wanted);
  if (moved == MAP_FAILED) return moved;
  if (moved != old) {
    unmapped(old, old_size, "mremap", __builtin_return_address(0));
  } else if (new_size < old_size) {
    unmapped(static_cast<char*>(old) + new_size, old_size - new_size, "mremap", __builtin_return_address(0));
  }
  return moved;
}

void* mmap(void* start, std::size_t length, int protection, int flags, int fd, off_t offset) noexcept {
  static std::atomic<void*> real{nullptr};
  return mapped(real, "mmap", start, length, protection, flags, fd, offset, __builtin_return_address(0));
}

void* mmap64(void* start, std::size_t length, int protection, int flags, int fd, off64_t offset) noexcept {
  static std::atomic<void*> real{nullptr};
  return mapped(real, "mmap64", start, length, protection, flags, fd, offset, __builtin_return_address(0));
}

void* memcpy(void* to, const void* from, std::size_t n) noexcept {
  check_copy(to, from, n, __builtin_return_address(0));
  const copy_fn real = real_of("memcpy", real_memcpy, resolving_memcpy);
  return real != nullptr ? real(to, from, n) : copy_bytes(to, from, n);
}

void* memmove(void* to, const void* from, std::size_t n) noexcept {
  check_copy(to, from, n, __builtin_return_address(0));
  const copy_fn real = real_of("memmove", real_memmove, resolving_memmove);
  return real != nullptr ? real(to, from, n) : copy_bytes(to, from, n);
}

void* memset(void* to, int value, std::size_t n) noexcept {
  if (n > 0 && weft::detail::instrument::tables() != nullptr &&
      !libraries_own(__builtin_return_address(0))) {
    weft::detail::instrument::plain_write(reinterpret_cast<std::uintptr_t>(to), std::min(n, checked_bytes),
                                          __builtin_return_address(0));
  }
  const fill_fn real = real_of("memset", real_memset, resolving_memset);
  return real != nullptr ? real(to, value, n) : fill_bytes(to, value, n);
}

// Comparisons and lengths read their bytes, as ThreadSanitizer's
// interceptors say (up to the first byte that differs, as its
// strict_memcmp=0): a thread comparing a buffer another writes unordered is
// a data race, not only a copy of it. Their results are the C library's.
int memcmp(const void* a, const void* b, std::size_t n) noexcept {
  check_compare(a, b, n, false, __builtin_return_address(0));
  const compare_fn real = real_of("memcmp", real_memcmp, resolving_memcmp);
  return real != nullptr ? real(a, b, n) : order_at(a, b, compared_bytes(a, b, n, false));
}

int bcmp(const void* a, const void* b, std::size_t n) noexcept {
  check_compare(a, b, n, false, __builtin_return_address(0));
  const compare_fn real = real_of("bcmp", real_bcmp, resolving_bcmp);
  return real != nullptr ? real(a, b, n) : order_at(a, b, compared_bytes(a, b, n, false)) != 0;
}

int strcmp(const char* a, const char* b) noexcept {
  check_compare(a, b, ~std::size_t{0}, true, __builtin_return_address(0));
  const string_compare_fn real = real_of("strcmp", real_strcmp, resolving_strcmp);
  return real != nullptr ? real(a, b) : order_at(a, b, compared_bytes(a, b, ~std::size_t{0}, true));
}

int strncmp(const char* a, const char* b, std::size_t n) noexcept {
  check_compare(a, b, n, true, __builtin_return_address(0));
  const string_compare_n_fn real = real_of("strncmp", real_strncmp, resolving_strncmp);
  return real != nullptr ? real(a, b, n) : order_at(a, b, compared_bytes(a, b, n, true));
}

// String copies, checked as their bytes are read and written; the copy is
// the C library's (a byte loop while dlsym looks for it).
char* strcpy(char* to, const char* from) noexcept {
  const std::size_t n = length_of(from) + 1;
  check_string_copy(to, 0, from, n, n, __builtin_return_address(0));
  const string_copy_fn real = real_of("strcpy", real_strcpy, resolving_strcpy);
  return real != nullptr ? real(to, from) : static_cast<char*>(copy_bytes(to, from, n));
}

char* stpcpy(char* to, const char* from) noexcept {
  const std::size_t n = length_of(from) + 1;
  check_string_copy(to, 0, from, n, n, __builtin_return_address(0));
  const string_copy_fn real = real_of("stpcpy", real_stpcpy, resolving_stpcpy);
  return real != nullptr ? real(to, from) : static_cast<char*>(copy_bytes(to, from, n)) + n - 1;
}

char* strncpy(char* to, const char* from, std::size_t n) noexcept {
  const std::size_t length = length_of(from, n);
  check_string_copy(to, 0, from, std::min(length + 1, n), n, __builtin_return_address(0));
  const string_copy_n_fn real = real_of("strncpy", real_strncpy, resolving_strncpy);
  if (real != nullptr) return real(to, from, n);
  copy_bytes(to, from, length);
  return static_cast<char*>(fill_bytes(to + length, 0, n - length)) - length;
}

char* strcat(char* to, const char* from) noexcept {
  const std::size_t kept = length_of(to);
  const std::size_t n = length_of(from) + 1;
  check_string_copy(to, kept, from, n, n, __builtin_return_address(0));
  const string_copy_fn real = real_of("strcat", real_strcat, resolving_strcat);
  if (real != nullptr) return real(to, from);
  copy_bytes(to + kept, from, n);
  return to;
}

char* strncat(char* to, const char* from, std::size_t n) noexcept {
  const std::size_t kept = length_of(to);
  const std::size_t length = length_of(from, n);
  check_string_copy(to, kept, from, std::min(length + 1, n), length + 1, __builtin_return_address(0));
  const string_copy_n_fn real = real_of("strncat", real_strncat, resolving_strncat);
  if (real != nullptr) return real(to, from, n);
  copy_bytes(to + kept, from, length);
  to[kept + length] = '\0';
  return to;
}

std::size_t strlen(const char* s) noexcept {
  const length_fn real = real_of("strlen", real_strlen, resolving_strlen);
  const std::size_t n = real != nullptr ? real(s) : length_of(s);
  check_read(s, n + 1, __builtin_return_address(0));
  return n;
}
}
