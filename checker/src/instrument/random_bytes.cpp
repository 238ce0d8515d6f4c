// The kernel's random bytes inside an execution of weft exec: getrandom(),
// getentropy() and glibc's arc4random(), arc4random_buf(),
// arc4random_uniform(), and std::random_device's draws (libstdc++'s
// random_device::_M_getval, which on x86 reads the processor's RDRAND, no
// call weft could follow otherwise: CAF's work-stealing workers seed the
// choice of a victim from it).
//
// A library that draws identifiers or seeds from them (NNG numbers its
// pipes, sockets and requests with getrandom) made each execution differ
// from the schedule that found a bug: the replay of a finding stopped at
// "the schedule no longer fits the code under test", and dfs could make no
// exhaustive claim. Inside an execution the bytes are a stream of weft's
// instead, the same in every execution from its start (splitmix64 from a
// fixed seed), so that a schedule replays exactly; the values are the
// program's input, not a choice weft explores. Outside an execution the
// real functions run.
#include <sys/random.h>
#include <sys/types.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "address_objects.hpp"
#include "interpose.hpp"

namespace weft::detail::instrument {
namespace {

WEFT_REAL(getrandom);
WEFT_REAL(getentropy);
WEFT_REAL(arc4random);
WEFT_REAL(arc4random_buf);
WEFT_REAL(arc4random_uniform);

/// The stream of the current execution.
struct random_stream {
  std::uint64_t generation = 0;
  std::uint64_t state = 0x5eed'f00d'0bad'cafeULL;
};
random_stream stream;

std::uint64_t next_word() {
  random_stream& s = this_execution(stream);
  std::uint64_t z = (s.state += 0x9e37'79b9'7f4a'7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58'476d'1ce4'e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d0'49bb'1331'11ebULL;
  return z ^ (z >> 31);
}

/// Fills [to, to + n) from the stream (inside a weft_section).
void fill(void* to, std::size_t n) {
  auto* bytes = static_cast<unsigned char*>(to);
  while (n > 0) {
    const std::uint64_t word = next_word();
    const std::size_t part = n < sizeof word ? n : sizeof word;
    std::memcpy(bytes, &word, part);
    bytes += part;
    n -= part;
  }
}

}  // namespace
}  // namespace weft::detail::instrument

using namespace weft::detail::instrument;

extern "C" {

ssize_t getrandom(void* buffer, std::size_t length, unsigned flags) {
  if (tables() == nullptr) return real_getrandom(buffer, length, flags);
  const weft_section weft;
  fill(buffer, length);
  return static_cast<ssize_t>(length);
}

int getentropy(void* buffer, std::size_t length) {
  if (tables() == nullptr) return real_getentropy(buffer, length);
  if (length > 256) {  // as the real one
    errno = EIO;
    return -1;
  }
  const weft_section weft;
  fill(buffer, length);
  return 0;
}

// glibc 2.36's arc4random family draws from the kernel inside libc; inside
// an execution, from the stream. Outside, the real ones.
[[gnu::weak]] std::uint32_t arc4random() noexcept {
  if (tables() == nullptr) return real_arc4random();
  const weft_section weft;
  return static_cast<std::uint32_t>(next_word());
}

[[gnu::weak]] void arc4random_buf(void* buffer, std::size_t length) noexcept {
  if (tables() == nullptr) return real_arc4random_buf(buffer, length);
  const weft_section weft;
  fill(buffer, length);
}

[[gnu::weak]] std::uint32_t arc4random_uniform(std::uint32_t bound) noexcept {
  if (tables() == nullptr) return real_arc4random_uniform(bound);
  if (bound < 2) return 0;
  const weft_section weft;
  return static_cast<std::uint32_t>(next_word() % bound);
}

}  // extern "C"

// std::random_device's operator() (inline) calls _M_getval in libstdc++.so,
// from the program or from a compiled library alike.
WEFT_SYMBOL_ENTRY(unsigned int, weft_random_device_getval, "_ZNSt13random_device9_M_getvalEv", void* self) {
  if (tables() == nullptr) {
    return WEFT_REAL_SYMBOL(unsigned int(void*), "_ZNSt13random_device9_M_getvalEv", "libstdc++.so.6")(self);
  }
  const weft_section weft;
  return static_cast<unsigned int>(next_word());
}
