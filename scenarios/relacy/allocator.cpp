// allocator.cpp — makes Relacy's replacement of the global allocator whole.
//
// <relacy/relacy.hpp> defines operator new, new[], delete and delete[] inline
// (inside a simulation they allocate from Relacy's tracked heap, elsewhere
// from malloc). It defines no sized delete, and an inline operator delete
// inlined everywhere leaves no symbol: libstdc++'s sized/unsized delete then
// frees a Relacy block with free(). Here the process gets one consistent set.
#include <cstddef>
#include <new>

#include <relacy/relacy.hpp>

#undef new
#undef delete

namespace {

// Out-of-line copies of Relacy's four inline operators, so every caller
// (libstdc++ included) reaches them through the same symbols.
using allocate_fn = void* (*)(std::size_t);
using free_fn = void (*)(void*) noexcept;
[[gnu::used]] const allocate_fn keep_new = &::operator new;
[[gnu::used]] const allocate_fn keep_new_array = &::operator new[];
[[gnu::used]] const free_fn keep_delete = &::operator delete;
[[gnu::used]] const free_fn keep_delete_array = &::operator delete[];

}  // namespace

void operator delete(void* p, std::size_t) noexcept { ::operator delete(p); }
void operator delete[](void* p, std::size_t) noexcept { ::operator delete[](p); }
