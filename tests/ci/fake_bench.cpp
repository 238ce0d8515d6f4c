// tests/ci/fake_bench.cpp — a stand-in for a Google Benchmark program, for the
// runner tests. It understands the flags run_benchmarks passes and writes
// Google Benchmark-shaped JSON to --benchmark_out: benchmarks "fake/a" and
// "fake/b", one entry per repetition, with the counter "executions_per_s"
// (1e9 / real_time: the two run equally fast). The filter picks a misbehaviour:
// "exit3" exits with status 3, "abort" aborts, "garbage" writes invalid JSON,
// "stdout" checks that stdout is not a terminal or pipe the gate reads,
// "hang" never ends.
// The arguments it got are echoed in the context under "args". With
// WEFT_FAKE_BENCH_SLOW_ONCE=FILE set, the first run (FILE absent: it creates
// it) is three times slower than the later ones: a transient disturbance
// (of the whole machine: both benchmarks alike, or with
// WEFT_FAKE_BENCH_SLOW_ONLY=NAME only that one).
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace {

std::string flag(const std::vector<std::string>& args, const std::string& name) {
  const std::string prefix = "--" + name + "=";
  for (const auto& a : args) {
    if (a.rfind(prefix, 0) == 0) return a.substr(prefix.size());
  }
  return {};
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  const std::string filter = flag(args, "benchmark_filter");
  if (filter == "exit3") return 3;
  if (filter == "abort") std::abort();
  if (filter == "hang") {
    for (;;) ::pause();
  }

  std::ofstream out(flag(args, "benchmark_out"));
  if (filter == "garbage") {
    out << "{\"benchmarks\": [ {\"name\": ";
    return 0;
  }
  std::string echoed;
  for (const auto& a : args) {
    if (!echoed.empty()) echoed += ' ';
    echoed += a;
  }
  const int repetitions = std::atoi(flag(args, "benchmark_repetitions").c_str());
  int slowdown = 1;
  if (const char* marker = std::getenv("WEFT_FAKE_BENCH_SLOW_ONCE"); marker != nullptr) {
    if (!std::ifstream(marker)) {
      std::ofstream(marker) << "slow run done\n";
      slowdown = 3;
    }
  }
  out << "{\"context\": {\"library_build_type\": \"debug\", \"args\": \"" << echoed << "\"},\n \"benchmarks\": [";
  bool first = true;
  const std::string filter_text = flag(args, "benchmark_filter");
  for (const char* name : {"fake/a", "fake/b"}) {
    // Only an exact filter of the gate's re-run ("^(fake/a)$") leaves a benchmark out.
    if (filter_text.rfind("^(", 0) == 0 && filter_text.find(name) == std::string::npos) continue;
    const char* only = std::getenv("WEFT_FAKE_BENCH_SLOW_ONLY");
    const int slow = only == nullptr || std::string(only) == name ? slowdown : 1;
    for (int r = 0; r < repetitions; ++r) {
      out << (first ? "\n" : ",\n") << "  {\"name\": \"" << name << "\", \"run_name\": \"" << name
          << "\", \"run_type\": \"iteration\", \"repetition_index\": " << r
          << ", \"real_time\": " << (100 + r) * slow
          << ", \"time_unit\": \"ns\", \"executions_per_s\": " << 1e9 / ((100 + r) * slow) << "}";
      first = false;
    }
    out << ",\n  {\"name\": \"" << name << "_mean\", \"run_name\": \"" << name
        << "\", \"run_type\": \"aggregate\", \"aggregate_name\": \"mean\", \"real_time\": 1, \"time_unit\": \"ns\"}";
  }
  out << "\n]}\n";
  std::puts("{\"this\": \"is the console copy, which the gate ignores\"}");
  return 0;
}
