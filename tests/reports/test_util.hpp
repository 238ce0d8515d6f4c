// test_util.hpp — helpers for the reporter tests: a scratch directory,
// reading files, running a command and capturing its output.
#pragma once

#include <filesystem>
#include <string>

namespace weft::reports::testing {

/// A fresh directory under the system temp dir, removed on destruction.
class scratch_dir {
 public:
  scratch_dir();
  ~scratch_dir();
  scratch_dir(const scratch_dir&) = delete;
  scratch_dir& operator=(const scratch_dir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

std::string read_text(const std::filesystem::path& p);
void write_text(const std::filesystem::path& p, const std::string& text);

/// Runs `command` through /bin/sh; returns its exit status, output in `output`
/// (stdout and stderr together).
int run_command(const std::string& command, std::string& output);

/// Single-quoted for /bin/sh.
std::string shell_quote(const std::string& s);

/// How many times `needle` occurs in `haystack` (overlapping ones too).
std::size_t occurrences(const std::string& haystack, const std::string& needle);

}  // namespace weft::reports::testing
