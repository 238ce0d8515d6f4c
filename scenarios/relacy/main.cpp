// main.cpp — weft-relacy's command line: runs one scenario under Relacy and
// writes the verdict as a weft result in JSON (weft/result_json.hpp). No
// Relacy here (see catalog.hpp).
//
//   weft-relacy --list        (weft's scenarios; --list-all adds relacy_sync's self-tests)
//   weft-relacy SCENARIO [--search random|context-bound|full] [--iterations N]
//                        [--context-bound K] [--output FILE.json]
//
// Exit status: 0 the run happened (whatever the verdict), 2 usage error or
// unknown scenario (one line on stderr), 3 internal error.
#include <unistd.h>

#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "catalog.hpp"
#include "weft/result_json.hpp"

// Relacy never frees its fibers' stacks: leak reports here are noise.
// Relacy never frees its fiber stacks, and its global new is malloc (ASan
// would call every delete of it a mismatch).
extern "C" const char* __asan_default_options() { return "detect_leaks=0:alloc_dealloc_mismatch=0"; }  // NOLINT

namespace weft::relacy_program {
namespace {

struct usage_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

constexpr std::string_view usage_text =
    "usage: weft-relacy --list | --list-all\n"
    "       weft-relacy SCENARIO [--search random|context-bound|full] [--iterations N]\n"
    "                            [--context-bound K] [--output FILE.json]\n";

struct command {
  bool list = false;
  bool list_all = false;  // with relacy_sync's self-tests
  bool help = false;
  std::string scenario;
  request req;
  std::string output;  // empty: stdout
};

std::uint64_t parse_count(std::string_view option, std::string_view text) {
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value == 0)
    throw usage_error(std::string(option) + " wants a positive integer, not '" + std::string(text) + "'");
  return value;
}

command parse(int argc, char** argv) {
  command cmd;
  std::vector<std::string_view> args(argv + 1, argv + argc);
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    std::optional<std::string_view> inline_value;
    if (arg.starts_with("--") && arg.find('=') != std::string_view::npos) {
      inline_value = arg.substr(arg.find('=') + 1);
      arg = arg.substr(0, arg.find('='));
    }
    auto value = [&]() -> std::string_view {
      if (inline_value) return *inline_value;
      if (i + 1 >= args.size()) throw usage_error(std::string(arg) + " wants a value");
      return args[++i];
    };
    if (arg == "--list") {
      cmd.list = true;
    } else if (arg == "--list-all") {
      cmd.list = cmd.list_all = true;
    } else if (arg == "--help" || arg == "-h") {
      cmd.help = true;
    } else if (arg == "--search") {
      const std::string_view text = value();
      const auto search = relacy_search_from_string(text);
      if (!search) throw usage_error("--search wants random, context-bound or full, not '" + std::string(text) + "'");
      cmd.req.search = *search;
    } else if (arg == "--iterations") {
      cmd.req.iterations = parse_count(arg, value());
    } else if (arg == "--context-bound") {
      cmd.req.context_bound = static_cast<unsigned>(parse_count(arg, value()));
    } else if (arg == "--output") {
      cmd.output = std::string(value());
      if (cmd.output.empty()) throw usage_error("--output wants a file name");
    } else if (arg.starts_with("-")) {
      throw usage_error("unknown option '" + std::string(arg) + "'");
    } else if (cmd.scenario.empty()) {
      cmd.scenario = std::string(arg);
    } else {
      throw usage_error("one scenario at a time ('" + cmd.scenario + "' and '" + std::string(arg) + "')");
    }
  }
  if (!cmd.list && !cmd.help && cmd.scenario.empty()) throw usage_error("no scenario given (--list shows them)");
  return cmd;
}

std::vector<entry> catalog() {
  std::vector<entry> all;
#define WEFT_RELACY_ADD_SUITES(family) add_##family##_suites(all);
  WEFT_SCENARIO_FAMILIES(WEFT_RELACY_ADD_SUITES)
#undef WEFT_RELACY_ADD_SUITES
  add_selftest_suites(all);
  return all;
}

/// A file for Relacy's output, removed when done.
class temp_file {
 public:
  temp_file() {
    const char* dir = std::getenv("TMPDIR");
    std::string pattern = std::string(dir && *dir ? dir : "/tmp") + "/weft-relacy-XXXXXX";
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0) throw std::runtime_error("cannot create a temporary file in " + pattern);
    ::close(fd);
    path_ = pattern;
  }
  ~temp_file() { ::unlink(path_.c_str()); }
  temp_file(const temp_file&) = delete;
  temp_file& operator=(const temp_file&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

/// The run as a weft result (weft/result_json.hpp is its JSON): a bug is one
/// finding; the caller adds how to reproduce it.
result to_result(const command& cmd, const entry& e, const outcome& out) {
  result r;
  r.stats.executions = out.executions;
  r.stats.seconds = out.seconds;
  r.stats.max_threads = static_cast<std::uint32_t>(e.threads);
  if (out.verdict == "clean") return r;
  const auto subkind = finding_subkind_from_string(out.verdict);  // "misuse/relock"
  const auto kind = subkind ? std::optional(kind_of(*subkind)) : finding_kind_from_string(out.verdict);
  if (!kind) throw std::runtime_error("unknown verdict '" + out.verdict + "' for " + cmd.scenario);
  finding f;
  f.kind = *kind;
  f.subkind = subkind.value_or(finding_subkind::none);
  f.source = finding_source::relacy;
  f.message = out.message;
  f.iteration = out.failing_iteration;
  f.history = out.history;
  if (out.location) f.locations.push_back({out.location->file, out.location->line, out.location->function});
  f.details.push_back("Relacy: " + out.relacy_result + " at iteration " + std::to_string(f.iteration) + " (" +
                      std::string(to_string(cmd.req.search)) + " search)");
  r.findings.push_back(std::move(f));
  return r;
}

int run(int argc, char** argv) {
  const command cmd = parse(argc, argv);
  if (cmd.help) {
    std::cout << usage_text;
    return 0;
  }
  const std::vector<entry> all = catalog();
  if (cmd.list) {
    for (const entry& e : all) {
      if (cmd.list_all || !e.selftest) std::cout << e.name << '\n';
    }
    return 0;
  }
  const entry* chosen = nullptr;
  for (const entry& e : all) {
    if (e.name == cmd.scenario) chosen = &e;
  }
  if (!chosen) throw usage_error("unknown scenario '" + cmd.scenario + "' (weft-relacy --list shows the Relacy scenarios)");

  install_assert_hook();
  temp_file history;
  request req = cmd.req;
  req.history_path = history.path();
  const outcome out = chosen->run(req);

  const std::string text = to_json(to_result(cmd, *chosen, out)).dump(2) + "\n";
  if (cmd.output.empty()) {
    std::cout << text;
    return 0;
  }
  std::ofstream file(cmd.output, std::ios::out | std::ios::trunc);
  file << text;
  file.close();
  if (!file) throw std::runtime_error("cannot write " + cmd.output);
  return 0;
}

}  // namespace
}  // namespace weft::relacy_program

int main(int argc, char** argv) {
  try {
    return weft::relacy_program::run(argc, argv);
  } catch (const weft::relacy_program::usage_error& e) {
    std::cerr << "weft-relacy: " << e.what() << '\n';
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "weft-relacy: internal error: " << e.what() << '\n';
    return 3;
  }
}
