// ci/src/json_file.cpp — reading JSON files with one-line errors.
#include "json_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string_view>

namespace weft::gate::detail {
namespace {

/// `text` with NaN, -NaN, Infinity and -Infinity outside strings replaced by null.
std::string nonfinite_to_null(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    out += c;
    if (in_string) {
      if (c == '\\' && i + 1 < text.size()) out += text[++i];
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
      continue;
    }
    const std::size_t at = (c == '-') ? i + 1 : i;
    for (const std::string_view literal : {std::string_view("NaN"), std::string_view("Infinity")}) {
      if (text.compare(at, literal.size(), literal) != 0) continue;
      out.pop_back();  // c: the literal's first character or its sign
      out += "null";
      i = at + literal.size() - 1;
      break;
    }
  }
  return out;
}

}  // namespace

void fail(const std::filesystem::path& file, const std::string& what) {
  std::string line = file.string() + ": " + what;
  for (char& c : line) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  throw std::runtime_error(line);
}

nlohmann::json read_json_file(const std::filesystem::path& file, nonfinite literals) {
  std::ifstream in(file, std::ios::binary);
  if (!in) fail(file, std::string("cannot open: ") + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) fail(file, "read error");
  try {
    return nlohmann::json::parse(literals == nonfinite::as_null ? nonfinite_to_null(text.str()) : text.str());
  } catch (const nlohmann::json::parse_error& e) {
    // e.what() is "[json.exception.parse_error.101] parse error at line L, column C: ..."
    std::string what = e.what();
    if (const auto pos = what.find("] "); pos != std::string::npos) what = what.substr(pos + 2);
    fail(file, "not valid JSON: " + what);
  }
}

std::string type_name(const nlohmann::json& value) { return value.type_name(); }

}  // namespace weft::gate::detail
