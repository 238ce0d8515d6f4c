// weft/reports/files.hpp — writing the report files a run was asked for
// (--json, --junit, --sarif, --html): checked before the run starts, each
// written atomically (temporary file in the same directory, then rename), so
// a reader never sees a half-written report. A symlinked path updates the
// symlink's target; a path that is not a regular file (/dev/null, a FIFO, a
// character device) is written through, never replaced.
#pragma once

#include <filesystem>
#include <optional>
#include <string_view>

#include "weft/reports/run_report.hpp"

namespace weft::reports {

struct report_paths {
  std::optional<std::filesystem::path> json, junit, sarif, html;
  bool any() const { return json || junit || sarif || html; }
};

/// Throws std::runtime_error (one line, naming the path) when a report could
/// not be written: missing directory, a directory in the way, no permission,
/// or the same path given for two formats. Leaves no file behind.
void check_writable(const report_paths& paths);

/// Writes every report that has a path. Throws std::runtime_error (one line,
/// naming the path) when one cannot be written; reports already written stay.
void write_reports(const run_report& r, const report_paths& paths);

/// Removes the regular files at the report paths (an interrupted run leaves
/// no report that could pass for its own).
void remove_reports(const report_paths& paths);

/// Writes `contents` to `path` atomically. Throws std::runtime_error.
void write_file_atomically(const std::filesystem::path& path, std::string_view contents);

}  // namespace weft::reports
