// Where a compiled library's code is loaded, for the rules weft keeps for
// calls made from particular libraries (OpenMP's runtime, allocators,
// opaque libraries, libraries that call the program back).
#pragma once

#include <cstdint>

namespace weft::detail::instrument {

/// The executable code of the loaded libraries whose file names contain one
/// of a few names: one range for each library found.
class library_code {
 public:
  static constexpr unsigned most = 16;

  /// Looks the libraries up among those loaded now (dl_iterate_phdr):
  /// `names` is a null-terminated list of parts of a file name ("libzmq",
  /// "/libssl.so"), at most `most` of them found.
  static library_code of(const char* const* names);

  bool holds(const void* pc) const noexcept {
    const auto at = reinterpret_cast<std::uintptr_t>(pc);
    for (unsigned i = 0; i < count_; ++i) {
      if (at >= begin_[i] && at < end_[i]) return true;
    }
    return false;
  }
  bool found() const noexcept { return count_ > 0; }
  /// The first library's range (0, 0 when none was found).
  std::uintptr_t begin() const noexcept { return begin_[0]; }
  std::uintptr_t end() const noexcept { return end_[0]; }

 private:
  std::uintptr_t begin_[most] = {}, end_[most] = {};
  unsigned count_ = 0;
};

}  // namespace weft::detail::instrument
