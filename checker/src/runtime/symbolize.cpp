// symbolize.cpp — detail::describe_caller: a return address in this process
// turned into file, line and function through libdw (elfutils), for the
// locations of operations that cannot take a defaulted source-location
// argument (weft::var's operators). Results are cached per address and kept
// for the life of the process, so the strings a location hands out stay
// valid. Only reports and traces call this; the fast path stores the address.
// inlined_from answers whether a call was written in a given header (the
// instrumentation asks it of a narrow kind of atomic operation, once per
// call site and process).
//
// The operators are inlined into the user's code, so the address usually
// lies in code inlined from weft's own headers: the place reported is the
// innermost call site, walking out through the inlined calls (DWARF's
// DW_AT_call_file/line), that is not in weft's headers (nor the standard
// library's, for the atomics and locks of an instrumented program).
#include <cxxabi.h>
#include <dwarf.h>
#include <elfutils/libdwfl.h>
#include <link.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "symbolize.hpp"

#include "own_stack.hpp"
#include "weft/detail/location.hpp"

namespace weft::detail {
namespace {

/// weft's own headers, the C++ standard library's (an atomic or a lock of
/// an instrumented program is inlined from <atomic>, <mutex>...) and
/// Abseil's (absl::MutexLock is inlined from absl/synchronization/mutex.h)
/// and the header-only test frameworks' (Catch2's REQUIRE reads its operands
/// in catch.hpp's decomposer, doctest's CHECK in doctest.h):
/// the place reported is the user's call into them. The zoo's models and
/// scenarios (weft/models/, weft/scenarios/) are code under test, not weft's.
bool in_library_headers(std::string_view file) {
  const bool weft_header = file.find("include/weft/") != std::string_view::npos &&
                           file.find("/weft/models/") == std::string_view::npos &&
                           file.find("/weft/scenarios/") == std::string_view::npos;
  const bool installed = file.find("/include/") != std::string_view::npos;
  return weft_header || (installed && (file.find("/c++/") != std::string_view::npos ||
                                       file.find("/absl/") != std::string_view::npos ||
                                       file.find("/catch2/") != std::string_view::npos ||
                                       file.find("/doctest/") != std::string_view::npos));
}

/// weft's own implementation (checker/src/, compiled into an instrumented
/// program by weft exec): a return address there is a call weft made for
/// the program, such as a library's key destructor that ends with a tail
/// call to free and so returns into weft's loop over the keys. No place of
/// the program's: the module is named instead, as for code without lines.
bool in_weft_sources(std::string_view file) {
#ifdef WEFT_OWN_SOURCES
  return file.starts_with(WEFT_OWN_SOURCES);
#else
  (void)file;
  return false;
#endif
}

/// An offset in a module as addr2line and ThreadSanitizer write it: "+0x4a3f0".
std::string offset_text(Dwarf_Addr offset) {
  char text[24];
  std::snprintf(text, sizeof text, "+0x%llx", static_cast<unsigned long long>(offset));
  return text;
}

std::uint_least32_t attribute(Dwarf_Die* die, unsigned name) {
  Dwarf_Attribute storage;
  Dwarf_Word value = 0;
  Dwarf_Attribute* a = dwarf_attr_integrate(die, name, &storage);
  return a != nullptr && dwarf_formudata(a, &value) == 0 ? static_cast<std::uint_least32_t>(value) : 0;
}

class symbolizer {
 public:
  const caller_site& describe(const void* return_address) {
    std::lock_guard lock(mutex_);
    auto [it, inserted] = cache_.try_emplace(return_address);
    if (inserted) it->second = on_own_stack([&] { return resolve(return_address); });
    return it->second;
  }

  std::string data(const void* address) {
    std::lock_guard lock(mutex_);
    const auto a = reinterpret_cast<Dwarf_Addr>(address);
    Dwfl_Module* module = find_module(a);
    if (module == nullptr) module = module_by_segments(a);
    if (module == nullptr) return {};
    const variable* v = variable_at(variables_of(module), a);
    if (v == nullptr) return {};
    std::string out = demangled(v->name);
    if (a > v->start) out += "+" + std::to_string(a - v->start);
    return out;
  }

  std::pair<std::uintptr_t, std::size_t> variable_named(const void* in_module, std::string_view symbol) {
    std::lock_guard lock(mutex_);
    Dwfl_Module* module = find_module(reinterpret_cast<Dwarf_Addr>(in_module));
    if (module == nullptr) return {};
    for (const variable& v : variables_of(module)) {
      if (symbol == v.name) return {v.start, v.size};
    }
    return {};
  }

  bool inlined_from(const void* return_address, std::string_view header) {
    std::lock_guard lock(mutex_);
    auto [it, inserted] = from_header_.try_emplace({return_address, std::string(header)});
    if (inserted) it->second = on_own_stack([&] { return written_in(return_address, header); });
    return it->second;
  }

 private:
  static bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
  }

  // Whether the call returning to `return_address` has its own line, or
  // the call site of one of the inlined calls around it, in `header`.
  bool written_in(const void* return_address, std::string_view header) {
    const auto pc = reinterpret_cast<Dwarf_Addr>(return_address) - 1;
    Dwfl_Module* module = find_module(pc);
    if (module == nullptr) return false;
    Dwarf_Addr bias = 0;
    Dwarf_Die* unit = unit_of(module, pc, bias);
    if (unit == nullptr) return false;
    const Dwarf_Addr address = pc - bias;
    if (Dwarf_Line* line = dwarf_getsrc_die(unit, address)) {
      const char* name = dwarf_linesrc(line, nullptr, nullptr);
      if (name != nullptr && ends_with(name, header)) return true;
    }
    Dwarf_Files* files = nullptr;
    std::size_t file_count = 0;
    if (dwarf_getsrcfiles(unit, &files, &file_count) != 0) return false;
    for (Dwarf_Die& scope : scopes_at(unit, address)) {
      if (dwarf_tag(&scope) != DW_TAG_inlined_subroutine) continue;
      const std::uint_least32_t index = attribute(&scope, DW_AT_call_file);
      const char* name = index < file_count ? dwarf_filesrc(files, index, nullptr, nullptr) : nullptr;
      if (name != nullptr && ends_with(name, header)) return true;
    }
    return false;
  }

  /// A variable of a module's symbol table (STT_OBJECT), at its address in
  /// this process.
  struct variable {
    Dwarf_Addr start;
    GElf_Xword size;
    int rank;  // among variables at one address, the name given: global (0), weak (1), local (2)
    const char* name;
    bool holds(Dwarf_Addr a) const { return a >= start && a - start < std::max<GElf_Xword>(size, 1); }
  };

  /// The module's variables sorted by address (and rank), read from its
  /// symbol table the first time one of them is asked. dwfl_module_addrinfo
  /// walks the whole table at every call: the trace of a replay naming the
  /// variables of RocksDB's thousands of accesses took 11 s that way.
  const std::vector<variable>& variables_of(Dwfl_Module* module) {
    auto [it, inserted] = variables_.try_emplace(module);
    if (!inserted) return it->second;
    std::vector<variable>& out = it->second;
    const int count = dwfl_module_getsymtab(module);
    for (int i = 1; i < count; ++i) {
      GElf_Sym symbol;
      GElf_Addr address = 0;
      const char* name = dwfl_module_getsym_info(module, i, &symbol, &address, nullptr, nullptr, nullptr);
      if (name == nullptr || *name == '\0' || GELF_ST_TYPE(symbol.st_info) != STT_OBJECT) continue;
      const int binding = GELF_ST_BIND(symbol.st_info);
      const int rank = binding == STB_GLOBAL ? 0 : binding == STB_WEAK ? 1 : 2;
      out.push_back({address, symbol.st_size, rank, name});
    }
    std::sort(out.begin(), out.end(), [](const variable& x, const variable& y) {
      return x.start != y.start ? x.start < y.start : x.rank < y.rank;
    });
    return out;
  }

  /// The variable holding `a`: the nearest one below it that spans it (a few
  /// are tried, for a variable inside a larger one), the best ranked of
  /// those at its address.
  static const variable* variable_at(const std::vector<variable>& variables, Dwarf_Addr a) {
    auto after = std::upper_bound(variables.begin(), variables.end(), a,
                                  [](Dwarf_Addr x, const variable& v) { return x < v.start; });
    constexpr int tried = 4;
    for (int n = 0; n < tried && after != variables.begin(); ++n) {
      auto at = std::prev(after);
      while (at != variables.begin() && std::prev(at)->start == at->start) --at;  // the best ranked
      for (auto v = at; v != after; ++v) {
        if (v->holds(a)) return &*v;
      }
      after = at;
    }
    return nullptr;
  }

  // The caller's line is that of the call instruction, one byte before the
  // address it returns to.
  caller_site resolve(const void* return_address) {
    const auto pc = reinterpret_cast<Dwarf_Addr>(return_address) - 1;
    Dwfl_Module* module = find_module(pc);
    if (module == nullptr) return {};
    caller_site site;
    if (const char* symbol = dwfl_module_addrname(module, pc)) site.function = keep(demangled(symbol));
    std::string file;
    Dwarf_Addr bias = 0;
    Dwarf_Die* unit = unit_of(module, pc, bias);
    std::vector<Dwarf_Die> scopes;
    if (unit != nullptr) scopes = scopes_at(unit, pc - bias);  // the unit is indexed with the first address asked in it
    if (Dwarf_Line* line = unit != nullptr ? dwarf_getsrc_die(unit, pc - bias) : nullptr) {
      int number = 0;
      const char* name = dwarf_linesrc(line, nullptr, nullptr);
      if (name != nullptr && dwarf_lineno(line, &number) == 0) {
        file = name;
        site.line = static_cast<std::uint_least32_t>(number);
      }
    }
    // Line 0: code the compiler made (a sanitizer call amid inlined code) has
    // no line of its own; the call site of the inlined call around it does.
    std::size_t holding = scopes.size();  // scopes[0, holding) hold the place reported
    if (in_library_headers(file) || site.line == 0) holding = leave_library_headers(unit, scopes, file, site.line);
    if (std::string name = function_holding(scopes, holding); !name.empty()) site.function = keep(std::move(name));
    if (in_weft_sources(file)) {
      file.clear();
      site.line = 0;
      site.function = "";
    }
    if (!file.empty()) site.file = keep(file);
    if (site.line == 0) {  // no debug information: name the module at least
      Dwarf_Addr start = 0;
      const char* name = dwfl_module_info(module, nullptr, &start, nullptr, nullptr, nullptr, nullptr, nullptr);
      site.file = keep(name != nullptr ? name : "?");
      // No symbol either (a stripped library's internal function): its
      // offset in the module, for addr2line or a debug-symbols package.
      if (*site.function == '\0') site.function = keep(offset_text(pc - start));
    }
    return site;
  }

  // The compilation unit holding `pc`. The quick look-up needs
  // .debug_aranges, which clang does not emit by default: then every unit is
  // asked.
  static Dwarf_Die* unit_of(Dwfl_Module* module, Dwarf_Addr pc, Dwarf_Addr& bias) {
    if (Dwarf_Die* unit = dwfl_module_addrdie(module, pc, &bias)) return unit;
    for (Dwarf_Die* unit = nullptr; (unit = dwfl_module_nextcu(module, unit, &bias)) != nullptr;) {
      if (dwarf_haspc(unit, pc - bias) == 1) return unit;
    }
    return nullptr;
  }

  // Replaces file:line by the call site of each inlined call of `scopes`
  // (scopes_at), innermost first, until it is outside weft's headers (and not
  // line 0). Returns how many of the scopes, outermost first, hold the place
  // it ends at.
  static std::size_t leave_library_headers(Dwarf_Die* unit, std::vector<Dwarf_Die>& scopes, std::string& file,
                                           std::uint_least32_t& line) {
    Dwarf_Files* files = nullptr;
    std::size_t file_count = 0;
    if (dwarf_getsrcfiles(unit, &files, &file_count) != 0) return scopes.size();
    std::size_t holding = scopes.size();
    for (std::size_t i = scopes.size(); i-- > 0 && (in_library_headers(file) || line == 0);) {
      if (dwarf_tag(&scopes[i]) != DW_TAG_inlined_subroutine) continue;
      const std::uint_least32_t index = attribute(&scopes[i], DW_AT_call_file);
      const char* name = index < file_count ? dwarf_filesrc(files, index, nullptr, nullptr) : nullptr;
      if (name == nullptr) break;
      file = name;
      line = attribute(&scopes[i], DW_AT_call_line);
      holding = i;
    }
    return holding;
  }

  // The name of the innermost function, inlined or not, among scopes[0,
  // holding): the one whose code the reported line is in (a lambda inlined
  // into a library's template, rather than the template's instantiation that
  // the symbol table names). Empty when the debug information has none.
  static std::string function_holding(std::vector<Dwarf_Die>& scopes, std::size_t holding) {
    for (std::size_t i = holding; i-- > 0;) {
      const int tag = dwarf_tag(&scopes[i]);
      if (tag != DW_TAG_subprogram && tag != DW_TAG_inlined_subroutine) continue;
      Dwarf_Attribute storage;
      Dwarf_Attribute* linkage = dwarf_attr_integrate(&scopes[i], DW_AT_linkage_name, &storage);
      if (linkage == nullptr) linkage = dwarf_attr_integrate(&scopes[i], DW_AT_MIPS_linkage_name, &storage);
      if (const char* mangled = linkage != nullptr ? dwarf_formstring(linkage) : nullptr) return demangled(mangled);
      const char* name = dwarf_diename(&scopes[i]);
      return name != nullptr ? name : "";
    }
    return {};
  }

  /// The function holding `address` in `unit`, and the inlined calls and
  /// blocks inside it around `address`, outermost first.
  std::vector<Dwarf_Die> scopes_at(Dwarf_Die* unit, Dwarf_Addr address) {
    std::vector<Dwarf_Die> scopes;
    const std::vector<function_range>& functions = functions_of(unit);
    auto after = std::upper_bound(functions.begin(), functions.end(), address,
                                  [](Dwarf_Addr a, const function_range& f) { return a < f.low; });
    if (after != functions.begin() && address < std::prev(after)->high) {
      Dwarf_Die function = std::prev(after)->die;
      scopes.push_back(function);
      scopes_holding(&function, address, scopes);
    }
    return scopes;
  }

  /// A function's code range in a unit (a function in several ranges has one
  /// entry per range).
  struct function_range {
    Dwarf_Addr low, high;
    Dwarf_Die die;
  };

  /// The unit's functions with code, sorted by address: found by one walk of
  /// the unit (into namespaces and classes) the first time it is asked, so
  /// that a look-up does not walk a large unit again for every address. The
  /// fork server of weft exec asks once before forking: each execution
  /// inherits the index of the program's main unit.
  const std::vector<function_range>& functions_of(Dwarf_Die* unit) {
    auto [it, inserted] = functions_.try_emplace(unit->addr);  // unique across modules, unlike an offset
    if (inserted) {
      index_functions(unit, it->second);
      std::sort(it->second.begin(), it->second.end(),
                [](const function_range& a, const function_range& b) { return a.low < b.low; });
    }
    return it->second;
  }

  static void index_functions(Dwarf_Die* parent, std::vector<function_range>& out) {
    Dwarf_Die child;
    if (dwarf_child(parent, &child) != 0) return;
    do {
      switch (dwarf_tag(&child)) {
        case DW_TAG_namespace:
        case DW_TAG_class_type:
        case DW_TAG_structure_type:
        case DW_TAG_union_type:
          if (dwarf_haschildren(&child) != 0) index_functions(&child, out);
          break;
        case DW_TAG_subprogram: {
          Dwarf_Addr base = 0, low = 0, high = 0;
          for (std::ptrdiff_t at = 0; (at = dwarf_ranges(&child, at, &base, &low, &high)) > 0;) {
            out.push_back({low, high, child});
          }
          break;
        }
        default:
          break;
      }
    } while (dwarf_siblingof(&child, &child) == 0);
  }

  // The inlined calls and blocks inside `parent` around `address`, outermost
  // first. Written out rather than dwarf_getscopes(), which does not look
  // into namespaces and so finds nothing in clang's output for a function
  // defined in one (std::__invoke_impl around an inlined lambda).
  static bool scopes_holding(Dwarf_Die* parent, Dwarf_Addr address, std::vector<Dwarf_Die>& scopes) {
    Dwarf_Die child;
    if (dwarf_child(parent, &child) != 0) return false;
    do {
      switch (dwarf_tag(&child)) {
        case DW_TAG_subprogram:
        case DW_TAG_inlined_subroutine:
        case DW_TAG_lexical_block:
          if (dwarf_haspc(&child, address) == 1) {
            scopes.push_back(child);
            scopes_holding(&child, address, scopes);
            return true;
          }
          break;
        default:
          break;
      }
    } while (dwarf_siblingof(&child, &child) == 0);
    return false;
  }

  Dwfl_Module* find_module(Dwarf_Addr pc) {
    if (dwfl_ == nullptr) {
      // Separate debug information is looked up by build ID (Debian's
      // -dbgsym packages), never asked of debuginfod servers: the standard
      // lookup loads libdebuginfod with libcurl and its TLS libraries at the
      // first library without debug information (some 15 ms in every
      // execution of weft exec that names a place in one), and may reach
      // the network.
      static const Dwfl_Callbacks callbacks = {dwfl_linux_proc_find_elf, dwfl_build_id_find_debuginfo, nullptr,
                                               nullptr};
      dwfl_ = dwfl_begin(&callbacks);
      if (dwfl_ == nullptr) return nullptr;
      report_modules();
    }
    Dwfl_Module* module = dwfl_addrmodule(dwfl_, pc);
    // Loaded after the last look (dlopen)? Only then is the process read
    // again: most addresses without a module are stack or heap data, and
    // reading /proc for each made a trace of 50,000 stack variables take
    // seconds.
    if (module == nullptr && objects_loaded() != reported_loads_) {
      report_modules();
      module = dwfl_addrmodule(dwfl_, pc);
    }
    return module;
  }

  /// The module of the loaded object whose segments hold `a`, .bss
  /// included: libdwfl knows a module by its file mappings only, which end
  /// before a .bss bigger than a page or so (every sanitizer build's, a
  /// program's with large static arrays), so its variables had no name.
  Dwfl_Module* module_by_segments(Dwarf_Addr a) {
    struct search {
      Dwarf_Addr address;
      Dwarf_Addr segment = 0;  // the start of the segment holding it
    } s{a};
    dl_iterate_phdr(
        [](dl_phdr_info* info, std::size_t, void* data) {
          auto& wanted = *static_cast<search*>(data);
          for (int i = 0; i < info->dlpi_phnum; ++i) {
            const ElfW(Phdr)& segment = info->dlpi_phdr[i];
            const Dwarf_Addr start = info->dlpi_addr + segment.p_vaddr;
            if (segment.p_type == PT_LOAD && wanted.address >= start && wanted.address < start + segment.p_memsz) {
              wanted.segment = start;
              return 1;
            }
          }
          return 0;
        },
        &s);
    return s.segment == 0 ? nullptr : find_module(s.segment);
  }

  void report_modules() {
    reported_loads_ = objects_loaded();
    variables_.clear();  // a module reported again may be a new one at the same place
    dwfl_report_begin(dwfl_);
    dwfl_linux_proc_report(dwfl_, ::getpid());
    dwfl_report_end(dwfl_, nullptr, nullptr);
  }

  /// How many objects the dynamic loader has loaded so far (glibc's
  /// dlpi_adds: it grows at every dlopen).
  static unsigned long long objects_loaded() {
    unsigned long long adds = 0;
    dl_iterate_phdr(
        [](dl_phdr_info* info, std::size_t, void* out) {
          *static_cast<unsigned long long*>(out) = info->dlpi_adds;
          return 1;  // the count is the same in every entry: the first is enough
        },
        &adds);
    return adds;
  }

  static std::string demangled(const char* symbol) {
    // Only a mangled name (_Z...) is demangled: __cxa_demangle also reads a
    // lone type code, so a C variable named `n` came out as "__int128".
    if (std::string_view(symbol).substr(0, 2) != "_Z") return symbol;
    int status = 0;
    char* plain = abi::__cxa_demangle(symbol, nullptr, nullptr, &status);
    if (plain == nullptr) {
      // A suffix the compiler added to a copy or a promoted local
      // ("_ZL1d.0", "_ZZ4mainE1x.0", "....llvm.123"), which the demangler
      // refuses: the name without it.
      if (const char* dot = std::strchr(symbol, '.'); dot != nullptr) {
        const std::string stem(symbol, dot);
        plain = abi::__cxa_demangle(stem.c_str(), nullptr, nullptr, &status);
      }
    }
    std::string out = status == 0 && plain != nullptr ? plain : symbol;
    std::free(plain);
    return out;
  }

  const char* keep(std::string s) { return strings_.emplace_back(std::move(s)).c_str(); }

  std::mutex mutex_;
  Dwfl* dwfl_ = nullptr;
  unsigned long long reported_loads_ = 0;  // objects_loaded() at the last report_modules()
  std::unordered_map<const void*, caller_site> cache_;
  std::map<std::pair<const void*, std::string>, bool> from_header_;  // inlined_from's answers
  std::unordered_map<const void*, std::vector<function_range>> functions_;  // by unit
  std::unordered_map<const Dwfl_Module*, std::vector<variable>> variables_;  // by module (variables_of)
  std::deque<std::string> strings_;
};

}  // namespace

const void* call_site_address() noexcept { return __builtin_return_address(0); }

namespace {
symbolizer& the_symbolizer() {
  static symbolizer& instance = *new symbolizer;  // never destroyed: reports may come late at exit
  return instance;
}
}  // namespace

const caller_site& describe_caller(const void* return_address) noexcept {
  static const caller_site unknown{"?", "", 0};
  try {
    return the_symbolizer().describe(return_address);
  } catch (...) {  // out of memory while reporting: a place without a name
    return unknown;
  }
}

std::pair<std::uintptr_t, std::size_t> find_variable(const void* in_module, std::string_view symbol) noexcept {
  try {
    return on_own_stack([&] { return the_symbolizer().variable_named(in_module, symbol); });
  } catch (...) {
    return {};
  }
}

bool inlined_from(const void* return_address, std::string_view header) noexcept {
  try {
    return the_symbolizer().inlined_from(return_address, header);
  } catch (...) {
    return false;
  }
}

std::string describe_data(const void* address) noexcept {
  try {
    return on_own_stack([&] { return the_symbolizer().data(address); });
  } catch (...) {
    return {};
  }
}

}  // namespace weft::detail
