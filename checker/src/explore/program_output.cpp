// program_output.cpp — a replay's standard output and error in a memfd, read
// back by the supervisor once the replay's child has ended (even by a crash:
// the parent holds the memfd).
#include "program_output.hpp"

#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include <fmt/format.h>

namespace weft::detail {
namespace {

constexpr std::size_t most_lines = 20;
constexpr std::size_t longest_line = 300;
constexpr off_t most_bytes = off_t{256} << 10;  // of the output's end: a chatty program's megabytes are not read

/// GoogleTest's banners: "[" and "]" around ten characters of '=', '-',
/// spaces and capitals ("[ RUN      ]", "[       OK ]", "[  FAILED  ]").
bool gtest_banner(std::string_view line) {
  if (line.size() < 12 || line[0] != '[' || line[11] != ']') return false;
  for (char c : line.substr(1, 10)) {
    if (c != '=' && c != '-' && c != ' ' && (c < 'A' || c > 'Z')) return false;
  }
  return true;
}

bool blank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }

}  // namespace

std::vector<std::string> output_details(std::string_view output) {
  std::vector<std::string_view> lines;
  while (!output.empty()) {
    const auto end = output.find('\n');
    const std::string_view line = output.substr(0, end);
    if (!blank(line) && !gtest_banner(line)) lines.push_back(line);
    output.remove_prefix(end == std::string_view::npos ? output.size() : end + 1);
  }
  if (lines.empty()) return {};
  const std::size_t shown = std::min(lines.size(), most_lines);
  std::vector<std::string> out;
  out.push_back(shown == lines.size()
                    ? std::string("the program's output in this replay (standard output and error):")
                    : fmt::format("the program's output in this replay (standard output and error; the last {} of {} "
                                  "lines):",
                                  shown, lines.size()));
  for (std::size_t i = lines.size() - shown; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    out.push_back(line.size() <= longest_line ? fmt::format("| {}", line)
                                              : fmt::format("| {}\u2026", line.substr(0, longest_line)));
  }
  return out;
}

program_output::program_output(bool wanted) {
  if (wanted) fd_ = ::memfd_create("weft-program-output", MFD_CLOEXEC);
}

program_output::~program_output() {
  if (fd_ >= 0) ::close(fd_);
}

void program_output::redirect() const noexcept {
  if (fd_ < 0) return;
  std::fflush(stdout);  // nothing of the supervisor's own buffers goes into the capture
  std::fflush(stderr);
  ::dup2(fd_, STDOUT_FILENO);
  ::dup2(fd_, STDERR_FILENO);
  // Unbuffered (glibc makes a stream line-buffered only before its first
  // use): the program's output and its errors (an assert()'s message)
  // interleave as a user running it on a terminal sees them.
  std::setvbuf(stdout, nullptr, _IONBF, 0);
}

void program_output::flush() const noexcept {
  for (FILE* stream : {stdout, stderr}) {
    if (::ftrylockfile(stream) != 0) continue;
    ::fflush_unlocked(stream);
    ::funlockfile(stream);
  }
}

std::vector<std::string> program_output::details() const {
  struct stat st {};
  if (fd_ < 0 || ::fstat(fd_, &st) != 0 || st.st_size == 0) return {};
  const off_t from = st.st_size > most_bytes ? st.st_size - most_bytes : 0;
  std::string text(static_cast<std::size_t>(st.st_size - from), '\0');
  std::size_t got = 0;
  while (got < text.size()) {
    const ssize_t n = ::pread(fd_, text.data() + got, text.size() - got, from + static_cast<off_t>(got));
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  text.resize(got);
  if (from > 0) text.erase(0, text.find('\n') + 1);  // a line cut by the window
  return output_details(text);
}

}  // namespace weft::detail
