// ci/src/baseline.cpp — reading, writing (atomically) and making baselines.
#include "weft/gate/baseline.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "json_file.hpp"
#include "weft/gate/compare.hpp"

namespace weft::gate {
namespace {

using nlohmann::json;

bool valid_time(double ns) { return std::isfinite(ns) && ns > 0; }
bool valid_tolerance(double t) { return std::isfinite(t) && t >= 0; }

std::string to_text(const baseline& b) {
  json times = json::object();
  for (const auto& [name, ns] : b.median_ns) times[name] = ns;
  json doc = json::object();
  doc["format"] = baseline_format;
  doc["tolerance"] = b.tolerance;
  doc["note"] = b.note;
  doc["median_ns"] = std::move(times);
  return doc.dump(2) + "\n";
}

/// Writes all of `text` to `fd`, then fsync; false (errno set) on failure.
bool write_all(int fd, const std::string& text) {
  const char* data = text.data();
  std::size_t left = text.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  return ::fsync(fd) == 0;
}

}  // namespace

baseline read_baseline(const std::filesystem::path& file) {
  const json doc = detail::read_json_file(file);
  if (!doc.is_object()) detail::fail(file, "not a weft baseline (not a JSON object)");
  baseline b;
  bool has_format = false;
  bool has_times = false;
  for (const auto& [key, value] : doc.items()) {
    if (key == "format") {
      if (!value.is_string() || value != baseline_format) {
        detail::fail(file, std::string("\"format\" must be \"") + baseline_format + "\"");
      }
      has_format = true;
    } else if (key == "tolerance") {
      if (!value.is_number() || !valid_tolerance(value.get<double>())) {
        detail::fail(file, "\"tolerance\" must be a number >= 0");
      }
      b.tolerance = value.get<double>();
    } else if (key == "note") {
      if (!value.is_string()) detail::fail(file, "\"note\" must be a string");
      b.note = value.get<std::string>();
    } else if (key == "median_ns") {
      if (!value.is_object()) detail::fail(file, "\"median_ns\" must be an object");
      for (const auto& [name, ns] : value.items()) {
        if (!ns.is_number() || !valid_time(ns.get<double>())) {
          detail::fail(file, "\"median_ns\"[\"" + name + "\"] must be a number > 0");
        }
        b.median_ns[name] = ns.get<double>();
      }
      has_times = true;
    } else {
      detail::fail(file, "unknown key \"" + key + "\"");
    }
  }
  if (!has_format) detail::fail(file, std::string("no \"format\": \"") + baseline_format + "\"");
  if (!has_times) detail::fail(file, "no \"median_ns\" object");
  return b;
}

void write_baseline(const baseline& b, const std::filesystem::path& file) {
  if (!valid_tolerance(b.tolerance)) detail::fail(file, "refusing to write a negative or non-finite tolerance");
  for (const auto& [name, ns] : b.median_ns) {
    if (!valid_time(ns)) detail::fail(file, "refusing to write time " + std::to_string(ns) + " of " + name);
  }
  const std::string text = to_text(b);

  std::filesystem::path temp = file;
  temp += ".tmp." + std::to_string(::getpid());
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) detail::fail(file, std::string("cannot create ") + temp.string() + ": " + std::strerror(errno));
  const bool written = write_all(fd, text);
  const int write_errno = errno;
  const bool closed = ::close(fd) == 0;
  if (!written || !closed) {
    ::unlink(temp.c_str());
    detail::fail(file, std::string("cannot write ") + temp.string() + ": " +
                           std::strerror(written ? errno : write_errno));
  }
  if (::rename(temp.c_str(), file.c_str()) != 0) {
    const int rename_errno = errno;
    ::unlink(temp.c_str());
    detail::fail(file, std::string("cannot rename ") + temp.string() + " over it: " +
                           std::strerror(rename_errno));
  }
}

baseline make_baseline(const bench_run& run, double tolerance) {
  if (!valid_tolerance(tolerance)) throw std::runtime_error("make_baseline: tolerance must be >= 0");
  baseline b;
  b.tolerance = tolerance;
  b.note = run.context;
  for (const auto& sample : run.samples) {
    if (!sample.error.empty()) {
      throw std::runtime_error("make_baseline: benchmark " + sample.name + " failed: " + sample.error);
    }
    if (sample.values.empty()) throw std::runtime_error("make_baseline: benchmark " + sample.name + " has no result");
    const double m = median(sample.values);
    if (!valid_time(m)) throw std::runtime_error("make_baseline: benchmark " + sample.name + " has median 0");
    b.median_ns[sample.name] = m;
  }
  return b;
}

}  // namespace weft::gate
