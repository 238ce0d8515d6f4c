// ci/src/json_file.cpp — reading JSON files with one-line errors.
#include "json_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace weft::gate::detail {

void fail(const std::filesystem::path& file, const std::string& what) {
  std::string line = file.string() + ": " + what;
  for (char& c : line) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  throw std::runtime_error(line);
}

nlohmann::json read_json_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) fail(file, std::string("cannot open: ") + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) fail(file, "read error");
  try {
    return nlohmann::json::parse(text.str());
  } catch (const nlohmann::json::parse_error& e) {
    // e.what() is "[json.exception.parse_error.101] parse error at line L, column C: ..."
    std::string what = e.what();
    if (const auto pos = what.find("] "); pos != std::string::npos) what = what.substr(pos + 2);
    fail(file, "not valid JSON: " + what);
  }
}

std::string type_name(const nlohmann::json& value) { return value.type_name(); }

}  // namespace weft::gate::detail
