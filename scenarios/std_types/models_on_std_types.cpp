// models_on_std_types.cpp — the seed zoo's models on the real std types
// (weft::std_sync: std::mutex, std::condition_variable, std::atomic, plain
// members, std::thread), as an ordinary program for `weft exec`. It is built
// with weft's instrumentation (clang-14 -fsanitize=thread, weft's runtime), so
// weft sees the std types only through the pthread calls and the memory
// accesses they make, as it sees any user's program. The zoo's "std types"
// column (`weft zoo --std-program`) and tests/exec's ZooOnStdTypes compare
// what it finds with what the controlled scheduler finds on checked_sync.
//
//   models-on-std-types --list          every model: name, tab, expected kinds,
//                                       tab, why weft cannot see it on the std
//                                       types ("" when it can)
//   models-on-std-types FAMILY/NAME     one run of that model (under weft exec: one execution)
//
// One translation unit: each family's registration (scenarios/<family>.cpp,
// the controlled scheduler's parameters) is included here and compiled with
// WEFT_MODELS_ON_STD_TYPES, so the parameters are written once and one
// compiler run parses the headers the families share.
#ifndef WEFT_MODELS_ON_STD_TYPES
#error "compile with -DWEFT_MODELS_ON_STD_TYPES (scenarios/std_types/CMakeLists.txt)"
#endif

#include <cstdio>
#include <cstring>
#include <string>

#include "../actor.cpp"           // NOLINT(bugprone-suspicious-include)
#include "../bank.cpp"            // NOLINT(bugprone-suspicious-include)
#include "../barrier.cpp"         // NOLINT(bugprone-suspicious-include)
#include "../bounded_buffer.cpp"  // NOLINT(bugprone-suspicious-include)
#include "../cache.cpp"           // NOLINT(bugprone-suspicious-include)
#include "../counter.cpp"         // NOLINT(bugprone-suspicious-include)
#include "../deadlock.cpp"        // NOLINT(bugprone-suspicious-include)
#include "../dict.cpp"            // NOLINT(bugprone-suspicious-include)
#include "../event.cpp"           // NOLINT(bugprone-suspicious-include)
#include "../limiter.cpp"         // NOLINT(bugprone-suspicious-include)
#include "../list.cpp"            // NOLINT(bugprone-suspicious-include)
#include "../memory.cpp"          // NOLINT(bugprone-suspicious-include)
#include "../once.cpp"            // NOLINT(bugprone-suspicious-include)
#include "../pipe.cpp"            // NOLINT(bugprone-suspicious-include)
#include "../pipeline.cpp"        // NOLINT(bugprone-suspicious-include)
#include "../pool.cpp"            // NOLINT(bugprone-suspicious-include)
#include "../rwlock.cpp"          // NOLINT(bugprone-suspicious-include)
#include "../semaphore.cpp"       // NOLINT(bugprone-suspicious-include)
#include "weft/registry.hpp"
#include "weft/scenarios/family_table.hpp"

// TSan's annotations, which weft's runtime implements: the harness's own
// reads (finding the model by name) are not the model's, and are not checked.
extern "C" void AnnotateIgnoreReadsBegin(const char* file, int line);
extern "C" void AnnotateIgnoreReadsEnd(const char* file, int line);

namespace {

/// The models whose expected finding does not exist on the std types, and why.
const char* difference_of(const std::string& name) {
  if (name == "semaphore/over_release" || name == "deadlock/timeout_lock_releases_unowned") {
    return "releasing a std::counting_semaphore past its maximum is undefined behaviour that libstdc++ does not "
           "check: its counter just grows, so there is no misuse to see";
  }
  return "";
}

// Registered before main, so before weft exec's fork server starts: each
// execution only finds its model, instead of building the table of every
// model in plain memory weft would watch byte by byte.
const bool registered = [] {
#define WEFT_REGISTER_FAMILY(family) weft::scenarios::register_##family();
  WEFT_SCENARIO_FAMILIES(WEFT_REGISTER_FAMILY)
#undef WEFT_REGISTER_FAMILY
  return true;
}();

}  // namespace

int main(int argc, char** argv) {
  const weft::registry& models = weft::registry::instance();
  if (argc == 2 && std::strcmp(argv[1], "--list") == 0) {
    for (const weft::scenario& s : models.all()) {
      std::string kinds;
      for (weft::finding_kind k : s.expected) kinds += (kinds.empty() ? "" : ",") + std::string(weft::to_string(k));
      std::printf("%s\t%s\t%s\n", s.name.c_str(), kinds.empty() ? "clean" : kinds.c_str(), difference_of(s.name));
    }
    return 0;
  }
  if (!registered || argc != 2 || argv[1][0] == '-') {
    std::fprintf(stderr, "usage: %s --list | FAMILY/NAME\n", argv[0]);
    return 2;
  }
  AnnotateIgnoreReadsBegin(__FILE__, __LINE__);
  const weft::scenario* s = models.find(argv[1]);
  AnnotateIgnoreReadsEnd(__FILE__, __LINE__);
  if (s == nullptr) {
    std::fprintf(stderr, "%s: no model named '%s' (--list lists them)\n", argv[0], argv[1]);
    return 2;
  }
  s->checked();
  return 0;
}
