// library_code.hpp: a loaded library's executable segments, found by name.
#include "library_code.hpp"

#include <link.h>

#include <algorithm>
#include <cstring>

namespace weft::detail::instrument {

namespace {

struct search {
  const char* const* names;
  library_code* found;
};

}  // namespace

library_code library_code::of(const char* const* names) {
  library_code code;
  search wanted{names, &code};
  ::dl_iterate_phdr(
      [](dl_phdr_info* info, std::size_t, void* out) {
        const search& s = *static_cast<search*>(out);
        library_code* found = s.found;
        if (info->dlpi_name == nullptr || found->count_ == most) return 0;
        bool named = false;
        for (const char* const* n = s.names; *n != nullptr && !named; ++n) named = std::strstr(info->dlpi_name, *n) != nullptr;
        if (!named) return 0;
        std::uintptr_t begin = 0, end = 0;
        for (int i = 0; i < info->dlpi_phnum; ++i) {
          const ElfW(Phdr)& segment = info->dlpi_phdr[i];
          if (segment.p_type != PT_LOAD || (segment.p_flags & PF_X) == 0) continue;
          const std::uintptr_t lo = info->dlpi_addr + segment.p_vaddr;
          begin = begin == 0 ? lo : std::min(begin, lo);
          end = std::max(end, lo + segment.p_memsz);
        }
        if (begin != 0) {
          found->begin_[found->count_] = begin;
          found->end_[found->count_] = end;
          ++found->count_;
        }
        return 0;
      },
      &wanted);
  return code;
}

}  // namespace weft::detail::instrument
