// bench/main.cpp — main() of weft-bench-models.
//
// Google Benchmark's own main, plus two things: a default minimum time per
// benchmark (--benchmark_min_time=0.1 unless the command line gives one), so
// the whole suite stays well under a minute on 2 cores, without MinTime() in
// the code (MinTime would become part of every benchmark's name and would
// override the command line the gate passes); and a context entry saying how
// weft's own code was compiled (the Debian libbenchmark reports itself as a
// debug build; that is the library, not the code under measurement).
#include <benchmark/benchmark.h>

#include <cstring>
#include <string>
#include <vector>

namespace {

constexpr const char* default_min_time = "--benchmark_min_time=0.1";

bool has_flag(int argc, char** argv, const char* prefix) {
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], prefix, std::strlen(prefix)) == 0) return true;
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<char*> args(argv, argv + argc);
  std::string min_time = default_min_time;
  if (!has_flag(argc, argv, "--benchmark_min_time")) args.push_back(min_time.data());
  args.push_back(nullptr);
  int count = static_cast<int>(args.size()) - 1;

#ifdef NDEBUG
  benchmark::AddCustomContext("weft_build_type", "release (NDEBUG)");
#else
  benchmark::AddCustomContext("weft_build_type", "debug (assertions on)");
#endif
  benchmark::AddCustomContext("weft_sync_policy", "weft::std_sync");
  benchmark::Initialize(&count, args.data());
  if (benchmark::ReportUnrecognizedArguments(count, args.data())) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
