// The C library's formatting into a buffer (sprintf, snprintf, vsprintf,
// vsnprintf, and their _FORTIFY_SOURCE forms __sprintf_chk ...), inside an
// execution of weft exec: the bytes each writes, its terminating NUL
// included, are race-checked writes by the calling thread (the first
// `checked_bytes`, as for memcpy), as ThreadSanitizer's interceptors check
// them. Before, a thread formatting into a buffer another thread read was
// not seen at all. Not checked: the strings a %s reads, and a library's
// formatting of its own memory (libraries_own). The formatting itself is
// the C library's.
#include <algorithm>
#include <cstdarg>
#include <cstddef>
#include <cstdint>
#include <cstdio>

#include "address_objects.hpp"
#include "interpose.hpp"

using namespace weft::detail::instrument;

extern "C" int __vsprintf_chk(char* s, int flag, std::size_t slen, const char* format, va_list ap);
extern "C" int __vsnprintf_chk(char* s, std::size_t maxlen, int flag, std::size_t slen, const char* format,
                               va_list ap);

namespace {

WEFT_REAL(vsprintf);
WEFT_REAL(vsnprintf);
WEFT_REAL(__vsprintf_chk);
WEFT_REAL(__vsnprintf_chk);

/// The program's call at `pc` formatted `length` characters into `s`, a
/// buffer of `size` bytes: what it wrote is checked.
int formatted(char* s, int length, std::size_t size, const void* pc) {
  if (length < 0 || size == 0 || tables() == nullptr || libraries_own(pc)) return length;
  const std::size_t written = std::min({static_cast<std::size_t>(length) + 1, size, checked_bytes});
  plain_write(reinterpret_cast<std::uintptr_t>(s), written, pc);
  return length;
}

constexpr std::size_t unbounded = ~std::size_t{0};

}  // namespace

extern "C" {

int vsprintf(char* s, const char* format, va_list ap) noexcept {
  return formatted(s, real_vsprintf(s, format, ap), unbounded, WEFT_PC);
}

int vsnprintf(char* s, std::size_t n, const char* format, va_list ap) noexcept {
  return formatted(s, real_vsnprintf(s, n, format, ap), n, WEFT_PC);
}

int sprintf(char* s, const char* format, ...) noexcept {
  va_list ap;
  va_start(ap, format);
  const int length = real_vsprintf(s, format, ap);
  va_end(ap);
  return formatted(s, length, unbounded, WEFT_PC);
}

int snprintf(char* s, std::size_t n, const char* format, ...) noexcept {
  va_list ap;
  va_start(ap, format);
  const int length = real_vsnprintf(s, n, format, ap);
  va_end(ap);
  return formatted(s, length, n, WEFT_PC);
}

int __vsprintf_chk(char* s, int flag, std::size_t slen, const char* format, va_list ap) {
  return formatted(s, real___vsprintf_chk(s, flag, slen, format, ap), slen, WEFT_PC);
}

int __vsnprintf_chk(char* s, std::size_t maxlen, int flag, std::size_t slen, const char* format, va_list ap) {
  return formatted(s, real___vsnprintf_chk(s, maxlen, flag, slen, format, ap), maxlen, WEFT_PC);
}

int __sprintf_chk(char* s, int flag, std::size_t slen, const char* format, ...) {
  va_list ap;
  va_start(ap, format);
  const int length = real___vsprintf_chk(s, flag, slen, format, ap);
  va_end(ap);
  return formatted(s, length, slen, WEFT_PC);
}

int __snprintf_chk(char* s, std::size_t maxlen, int flag, std::size_t slen, const char* format, ...) {
  va_list ap;
  va_start(ap, format);
  const int length = real___vsnprintf_chk(s, maxlen, flag, slen, format, ap);
  va_end(ap);
  return formatted(s, length, maxlen, WEFT_PC);
}

}  // extern "C"
