// stress_wire.cpp — the stress child's messages to its parent: one JSON object
// per line, each small enough (PIPE_BUF) to be written atomically.
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <nlohmann/json.hpp>

#include "stress_internal.hpp"
#include "weft/result_json.hpp"

namespace weft::stress_detail {
namespace {

using nlohmann::json;

int channel_fd = -1;

constexpr std::size_t max_line = PIPE_BUF;  // bytes, with the newline
constexpr std::size_t max_text = 300;       // characters of one detail or function name

std::string clip(std::string s, std::size_t n) {
  if (s.size() > n) {
    s.resize(n);
    s += "...";
  }
  return s;
}

/// The finding in the result model's spelling, its long texts clipped.
json clipped_json(finding f) {
  f.message = clip(std::move(f.message), 2 * max_text);
  for (auto& l : f.locations) l.function = clip(std::move(l.function), max_text);
  for (auto& d : f.details) d = clip(std::move(d), max_text);
  json j = to_json(f);
  j["type"] = "finding";
  return j;
}

}  // namespace

void set_channel(int fd) noexcept { channel_fd = fd; }

void send_line(const std::string& line) noexcept {
  if (channel_fd < 0) return;
  const char* p = line.data();
  std::size_t left = line.size();
  while (left > 0) {
    const ssize_t n = ::write(channel_fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // the parent is gone: nothing to tell
    p += n;
    left -= static_cast<std::size_t>(n);
  }
}

std::string encode_finding(const finding& f) {
  json j = clipped_json(f);
  std::string line = j.dump(-1, ' ', false, json::error_handler_t::replace);
  // Drop details from the end, then locations, until the line fits.
  while (line.size() + 1 > max_line) {
    auto& details = j["details"];
    auto& locations = j["locations"];
    if (!details.empty()) {
      details.erase(details.size() - 1);
    } else if (locations.size() > 1) {
      locations.erase(locations.size() - 1);
    } else {
      j["message"] = clip(j["message"].get<std::string>(), 200);
      j["locations"] = json::array();
    }
    line = j.dump(-1, ' ', false, json::error_handler_t::replace);
  }
  return line + '\n';
}

std::string encode_progress(std::uint64_t done) {
  return json{{"type", "progress"}, {"count", done}}.dump() + '\n';
}

std::string encode_done(std::uint64_t executions) {
  return json{{"type", "done"}, {"count", executions}}.dump() + '\n';
}

std::optional<message> decode(std::string_view line) {
  const json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("type")) return std::nullopt;
  message m;
  const std::string type = j.value("type", "");
  if (type == "progress" || type == "done") {
    m.kind = type == "done" ? message::type::done : message::type::progress;
    m.count = j.value("count", std::uint64_t{0});
    return m;
  }
  if (type != "finding") return std::nullopt;
  m.kind = message::type::finding;
  try {
    m.f = finding_from_json({j, ""});
  } catch (const malformed_json&) {
    return std::nullopt;
  }
  return m;
}

}  // namespace weft::stress_detail
