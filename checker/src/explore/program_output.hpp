// program_output.hpp — what an unmodified program printed in the replay that
// traces its finding (weft exec): its standard output and error, captured in
// memory and shown with the finding as details. The executions that explore
// print nowhere (N executions would print N copies); the replay of the one
// that found the bug is the run whose output explains it: the failed
// GoogleTest or Catch2 assertion's message, the program's own "total 9".
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace weft::detail {

class program_output {
 public:
  /// A capture in memory when `wanted` (weft exec's replays); without it,
  /// redirect() and details() do nothing.
  explicit program_output(bool wanted);
  ~program_output();
  program_output(const program_output&) = delete;
  program_output& operator=(const program_output&) = delete;

  /// In the replay's child process: its standard output and error go to the
  /// capture from now on.
  void redirect() const noexcept;
  /// In that child, once the replay has ended: what the program left in the
  /// standard streams' buffers goes to the capture (or, without one, where
  /// they write: `weft exec --replay`'s output piped on), as its exit would
  /// write it; a stream whose lock a logical thread still holds (the
  /// execution ended inside its flockfile) is left as it is.
  void flush() const noexcept;
  /// What was captured, as output_details gives it.
  std::vector<std::string> details() const;

 private:
  int fd_ = -1;
};

/// A heading and the last lines of `output` ("| " before each), blank lines
/// and GoogleTest's banners ("[ RUN      ]", "[==========]") left out, each
/// line cut at 300 characters; nothing for an output without other lines.
std::vector<std::string> output_details(std::string_view output);

}  // namespace weft::detail
