// weft/reports/json.hpp — the JSON report (schema in docs/json-schema.md):
// everything the other reporters need, and what `weft report merge` reads.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>

#include "weft/reports/reporter.hpp"

namespace weft::reports {

/// The current JSON schema version written by to_json.
inline constexpr int json_schema_version = 1;

/// The report as a JSON document (pretty-printed, trailing newline).
std::string to_json(const run_report& r);

/// Parses a JSON report. Throws std::runtime_error with a one-line message
/// naming `origin` and what is wrong (syntax, a missing or mistyped field,
/// an unknown finding kind, an unsupported schema version).
run_report parse_json(std::string_view text, std::string_view origin = "<json>");

/// Reads and parses the JSON report at `path` (errors as parse_json, and
/// when the file cannot be read).
run_report read_json(const std::filesystem::path& path);

class json_reporter : public document_reporter {
 public:
  using document_reporter::document_reporter;

 protected:
  void render(const run_report& r, std::ostream& out) const override;
};

}  // namespace weft::reports
