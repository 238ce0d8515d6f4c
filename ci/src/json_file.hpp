// ci/src/json_file.hpp — private helpers: JSON files in, one-line errors out.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace weft::gate::detail {

/// A std::runtime_error whose message is "<file>: <what>" on one line
/// (newlines in `what` become spaces).
[[noreturn]] void fail(const std::filesystem::path& file, const std::string& what);

/// How to treat the bare literals NaN, Infinity and -Infinity, which are not
/// JSON but which Google Benchmark writes for non-finite values (e.g. the
/// coefficient of variation of a counter that is always 0).
enum class nonfinite { reject, as_null };

/// The parsed contents of `file`; fails on an unreadable file or invalid JSON.
nlohmann::json read_json_file(const std::filesystem::path& file, nonfinite literals = nonfinite::reject);

/// The JSON type name of `value`, for messages ("string", "number", ...).
std::string type_name(const nlohmann::json& value);

}  // namespace weft::gate::detail
