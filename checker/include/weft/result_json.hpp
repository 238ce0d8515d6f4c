// weft/result_json.hpp — the one JSON spelling of the result model (locations,
// trace events, findings, run statistics, results). Every writer and reader of
// results uses it: the explorer's worker pipes, the stress child's channel,
// weft-relacy's verdict file and the JSON run report (which wraps it in its
// versioned schema, docs/json-schema.md).
//
// Reading is strict about types and lenient about absence: a missing member
// keeps its default, except a finding's "kind". A document that is not a
// result throws malformed_json naming the place ("findings[2].kind: missing").
#pragma once

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>

#include "weft/result.hpp"

namespace weft {

/// A JSON document that does not hold what its reader expects.
struct malformed_json : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// A JSON value and where it sits in its document ("scenarios[2].stats"),
/// with typed reads of optional members that say where a wrong type is.
class json_cursor {
 public:
  json_cursor(const nlohmann::json& value, std::string path) : value_(value), path_(std::move(path)) {}

  const nlohmann::json& value() const { return value_; }
  const std::string& path() const { return path_; }
  json_cursor at(std::string_view key) const;
  json_cursor at(std::size_t index) const;
  bool has(std::string_view key) const { return value_.contains(std::string(key)); }

  [[noreturn]] void fail(std::string_view expected) const;
  /// Throws unless this value is an object.
  void require_object() const;
  /// Throws "<path>.<key>: missing" unless member `key` is present.
  void require(std::string_view key) const;

  // Reads optional member `key` into `out` (unchanged when absent), checking its type.
  void read(std::string_view key, std::string& out) const;
  void read(std::string_view key, bool& out) const;
  void read(std::string_view key, double& out) const;
  void read(std::string_view key, std::optional<double>& out) const;  // null or absent: nullopt
  template <class Unsigned>
    requires std::is_unsigned_v<Unsigned>
  void read(std::string_view key, Unsigned& out) const {
    if (has(key)) out = static_cast<Unsigned>(at(key).unsigned_value(std::numeric_limits<Unsigned>::max()));
  }

  /// Calls `each(element)` for every element of array member `key`; an
  /// absent member is no elements, or an error when `required`.
  template <class Each>
  void each(std::string_view key, Each each, bool required = false) const {
    if (!has(key)) {
      if (required) require(key);
      return;
    }
    const json_cursor array = at(key);
    if (!array.value_.is_array()) array.fail("an array");
    for (std::size_t i = 0; i < array.value_.size(); ++i) each(array.at(i));
  }

 private:
  std::uint64_t unsigned_value(std::uint64_t max) const;

  const nlohmann::json& value_;
  std::string path_;
};

nlohmann::json to_json(const source_location& l);
nlohmann::json to_json(const trace_event& e);
nlohmann::json to_json(const finding& f);
/// The statistics, with the derived "executions_per_second".
nlohmann::json to_json(const run_stats& s);
/// {"findings": [...], "suppressed": [...], "stats": {...}}.
nlohmann::json to_json(const result& r);

finding_kind finding_kind_from_json(const json_cursor& c);
source_location location_from_json(const json_cursor& c);
finding finding_from_json(const json_cursor& c);
run_stats stats_from_json(const json_cursor& c);
/// Reads the members to_json(result) writes from object `c` (which may hold others).
result result_from_json(const json_cursor& c);

}  // namespace weft
