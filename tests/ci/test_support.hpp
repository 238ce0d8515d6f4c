// tests/ci/test_support.hpp — helpers of the weft::gate tests: a scratch
// directory, writing files, and checking one-line error messages.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "weft/gate/bench_json.hpp"

namespace weft::gate::test {

/// A fresh directory under the system temp directory, removed afterwards.
class scratch_dir {
 public:
  scratch_dir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("weft-gate-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    // A death test's child exits without its destructors and leaves its
    // directory behind; a later process with the same id must not find it.
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~scratch_dir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  scratch_dir(const scratch_dir&) = delete;
  scratch_dir& operator=(const scratch_dir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

inline void write_file(const std::filesystem::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary);
  out << text;
}

inline std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline std::filesystem::path data_file(const std::string& name) {
  return std::filesystem::path(WEFT_GATE_TEST_DATA) / name;
}

/// Runs `f`, expects a std::runtime_error whose message is one line and
/// contains `needle`; returns the message.
template <class F>
std::string expect_one_line_error(F&& f, const std::string& needle) {
  try {
    f();
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.find('\n'), std::string::npos) << what;
    EXPECT_NE(what.find(needle), std::string::npos) << "message: " << what << "\nexpected to contain: " << needle;
    return what;
  }
  ADD_FAILURE() << "no std::runtime_error thrown (expected one containing \"" << needle << "\")";
  return {};
}

/// A run of benchmarks named name[i], each with the given repetition values.
inline bench_run make_run(const std::vector<std::pair<std::string, std::vector<double>>>& samples) {
  bench_run run;
  for (const auto& [name, values] : samples) run.samples.push_back(bench_sample{name, values, "ns", {}, {}, {}});
  run.context = "library_build_type: debug";
  return run;
}

}  // namespace weft::gate::test
