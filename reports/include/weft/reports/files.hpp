// weft/reports/files.hpp — the table of report file formats (report_formats:
// one entry per format, the CLI's --json/--junit/--sarif/--html come from it)
// and writing the files a run was asked for: checked before the run starts, each
// written atomically (temporary file in the same directory, then rename), so
// a reader never sees a half-written report. A symlinked path updates the
// symlink's target; a path that is not a regular file (/dev/null, a FIFO, a
// character device) is written through, never replaced.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>

#include "weft/reports/run_report.hpp"

namespace weft::reports {

/// One report file format. A new format is its reporter's own file plus an
/// entry in the table (files.cpp).
struct report_format {
  std::string_view name;   // its flag (--name) and its key in report_paths
  std::string_view title;  // "JSON", as in "JSON report: FILE"
  std::string_view help;   // the flag's help text
  std::string (*render)(const run_report&);
};

/// Every format, in the order they are checked, written and listed.
std::span<const report_format> report_formats();

struct report_paths {
  /// Where to write each requested format, by report_format::name.
  std::map<std::string, std::filesystem::path, std::less<>> files;
  bool any() const { return !files.empty(); }
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
