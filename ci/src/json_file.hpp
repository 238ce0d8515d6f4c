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

/// The parsed contents of `file`; fails on an unreadable file or invalid JSON.
nlohmann::json read_json_file(const std::filesystem::path& file);

/// The JSON type name of `value`, for messages ("string", "number", ...).
std::string type_name(const nlohmann::json& value);

}  // namespace weft::gate::detail
