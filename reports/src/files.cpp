#include "weft/reports/files.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "weft/reports/html.hpp"
#include "weft/reports/json.hpp"
#include "weft/reports/junit.hpp"
#include "weft/reports/sarif.hpp"

namespace weft::reports {
namespace fs = std::filesystem;
namespace {

constexpr report_format formats[] = {
    {"json", "JSON", "Write the JSON report (docs/json-schema.md) to FILE", to_json},
    {"junit", "JUnit", "Write a JUnit XML report to FILE", to_junit},
    {"sarif", "SARIF", "Write a SARIF 2.1.0 report to FILE", to_sarif},
    {"html", "HTML", "Write a self-contained HTML report to FILE", to_html},
};

struct requested_file {
  const report_format* format;
  const fs::path* path;
};

/// The requested files in table order; a name not in the table is an error.
std::vector<requested_file> requested(const report_paths& p) {
  for (const auto& file : p.files) {
    const std::string& name = file.first;  // a named reference: clang 14 cannot capture a structured binding
    if (std::none_of(std::begin(formats), std::end(formats), [&](const auto& f) { return f.name == name; }))
      throw std::runtime_error(fmt::format("cannot write report {}: no report format '{}'", file.second.string(), name));
  }
  std::vector<requested_file> out;
  for (const report_format& f : formats) {
    if (const auto it = p.files.find(f.name); it != p.files.end()) out.push_back({&f, &it->second});
  }
  return out;
}

fs::path directory_of(const fs::path& path) {
  const fs::path parent = path.parent_path();
  return parent.empty() ? fs::path(".") : parent;
}

// A temporary name beside `path`, unique within this process and host.
fs::path temporary_for(const fs::path& path) {
  static std::atomic<unsigned> counter{0};
  return directory_of(path) /
         fmt::format(".{}.tmp-{}-{}", path.filename().string(), ::getpid(), counter.fetch_add(1));
}

[[noreturn]] void fail(const fs::path& path, std::string_view why) {
  throw std::runtime_error(fmt::format("cannot write report {}: {}", path.string(), why));
}

std::string errno_text(int error) { return std::strerror(error); }

// Creates `tmp` exclusively and writes `contents` to it; fsyncs; closes.
void write_new_file(const fs::path& target, const fs::path& tmp, std::string_view contents) {
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) fail(target, errno_text(errno));
  std::size_t written = 0;
  while (written < contents.size()) {
    const ssize_t n = ::write(fd, contents.data() + written, contents.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int error = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      fail(target, errno_text(error));
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    const int error = errno;
    ::unlink(tmp.c_str());
    fail(target, errno_text(error));
  }
}

// Where `path` leads: the last target of its chain of symlinks (which need
// not exist yet), so that a symlinked report path updates its target.
fs::path resolve_symlinks(const fs::path& path) {
  fs::path p = path;
  std::error_code ec;
  for (int hops = 0; fs::is_symlink(fs::symlink_status(p, ec)); ++hops) {
    if (hops == 40) fail(path, "too many levels of symbolic links");
    const fs::path target = fs::read_symlink(p, ec);
    if (ec) fail(path, ec.message());
    p = target.is_absolute() ? target : p.parent_path() / target;
  }
  return p;
}

// A path that exists and is neither a regular file nor a directory (a
// character device such as /dev/null, a FIFO, a socket) is written through,
// never replaced.
bool writes_through(const fs::path& target) {
  std::error_code ec;
  const auto st = fs::status(target, ec);
  return !ec && fs::exists(st) && !fs::is_regular_file(st) && !fs::is_directory(st);
}

void write_through(const fs::path& path, const fs::path& target, std::string_view contents) {
  const int fd = ::open(target.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) fail(path, errno_text(errno));
  for (std::size_t written = 0; written < contents.size();) {
    const ssize_t n = ::write(fd, contents.data() + written, contents.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      fail(path, errno_text(error));
    }
    written += static_cast<std::size_t>(n);
  }
  ::close(fd);
}

// A report ready to be put in place: written to a temporary beside its
// target (regular files), or to be written through (devices, FIFOs).
struct staged {
  fs::path path, target, tmp;
  std::string_view contents;
};

staged stage(const fs::path& path, std::string_view contents) {
  staged s{path, resolve_symlinks(path), {}, contents};
  std::error_code ec;
  if (fs::is_directory(s.target, ec)) fail(path, "it is a directory");
  if (!writes_through(s.target)) {
    s.tmp = temporary_for(s.target);
    write_new_file(path, s.tmp, contents);
  }
  return s;
}

void put_in_place(const staged& s) {
  if (s.tmp.empty()) return write_through(s.path, s.target, s.contents);
  if (::rename(s.tmp.c_str(), s.target.c_str()) != 0) {
    const int error = errno;
    ::unlink(s.tmp.c_str());
    fail(s.path, errno_text(error));
  }
}

}  // namespace

std::span<const report_format> report_formats() { return formats; }

void write_file_atomically(const fs::path& path, std::string_view contents) { put_in_place(stage(path, contents)); }

void check_writable(const report_paths& paths) {
  const auto all = requested(paths);
  for (std::size_t i = 0; i < all.size(); ++i) {
    const auto& [format, path] = all[i];
    if (path->empty()) throw std::runtime_error(fmt::format("cannot write {} report: empty path", format->name));
    for (std::size_t k = 0; k < i; ++k) {
      std::error_code ec;
      const bool same = *all[k].path == *path || fs::weakly_canonical(*all[k].path, ec) == fs::weakly_canonical(*path, ec);
      if (same) {
        throw std::runtime_error(fmt::format("cannot write report {}: given for both --{} and --{}",
                                             path->string(), all[k].format->name, format->name));
      }
    }
    std::error_code ec;
    const fs::path target = resolve_symlinks(*path);
    if (writes_through(target)) {
      if (::access(target.c_str(), W_OK) != 0) fail(*path, errno_text(errno));
      continue;
    }
    const fs::path dir = directory_of(target);
    if (!fs::exists(dir, ec)) fail(*path, fmt::format("directory {} does not exist", dir.string()));
    if (!fs::is_directory(dir, ec)) fail(*path, fmt::format("{} is not a directory", dir.string()));
    if (fs::is_directory(target, ec)) fail(*path, "it is a directory");
    // The only reliable test is to try: create (and remove) a file beside it.
    const fs::path probe = temporary_for(target);
    write_new_file(*path, probe, {});
    ::unlink(probe.c_str());
  }
}

void write_reports(const run_report& r, const report_paths& paths) {
  // Every report is rendered and written to its temporary first, then all are
  // renamed into place together: a failure or a kill leaves no mixed set of
  // new and old reports behind (and no temporary: they are removed).
  std::vector<std::pair<const fs::path*, std::string>> rendered;
  for (const auto& [format, path] : requested(paths)) rendered.emplace_back(path, format->render(r));
  std::vector<staged> ready;
  try {
    for (const auto& [path, text] : rendered) ready.push_back(stage(*path, text));
  } catch (...) {
    for (const staged& s : ready) {
      if (!s.tmp.empty()) ::unlink(s.tmp.c_str());
    }
    throw;
  }
  for (const staged& s : ready) put_in_place(s);
}

void remove_reports(const report_paths& paths) {
  for (const auto& [format, path] : requested(paths)) {
    const fs::path target = resolve_symlinks(*path);
    std::error_code ec;
    if (fs::is_regular_file(fs::status(target, ec))) fs::remove(target, ec);
  }
}

}  // namespace weft::reports
