// value_bytes.hpp — an atomic's value as `size` bytes (a trivially copyable
// T, size known only at run time): compared and copied without a library
// call for the usual sizes, since every atomic access does it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace weft::detail {

namespace value_bytes_detail {
template <class Word>
bool same(const void* a, const void* b) {
  Word x, y;
  std::memcpy(&x, a, sizeof x);
  std::memcpy(&y, b, sizeof y);
  return x == y;
}
template <class Word>
void copy(void* to, const void* from) {
  Word x;
  std::memcpy(&x, from, sizeof x);
  std::memcpy(to, &x, sizeof x);
}
}  // namespace value_bytes_detail

[[gnu::always_inline]] inline bool same_bytes(const void* a, const void* b, std::size_t size) {
  using namespace value_bytes_detail;
  switch (size) {
    case 1: return same<std::uint8_t>(a, b);
    case 2: return same<std::uint16_t>(a, b);
    case 4: return same<std::uint32_t>(a, b);
    case 8: return same<std::uint64_t>(a, b);
    default: return std::memcmp(a, b, size) == 0;
  }
}

[[gnu::always_inline]] inline void copy_bytes(void* to, const void* from, std::size_t size) {
  using namespace value_bytes_detail;
  switch (size) {
    case 1: return copy<std::uint8_t>(to, from);
    case 2: return copy<std::uint16_t>(to, from);
    case 4: return copy<std::uint32_t>(to, from);
    case 8: return copy<std::uint64_t>(to, from);
    default: std::memcpy(to, from, size);
  }
}

}  // namespace weft::detail
