#include "weft/reports/files.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

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

using kind_and_path = std::pair<std::string_view, const fs::path*>;

std::vector<kind_and_path> requested(const report_paths& p) {
  std::vector<kind_and_path> out;
  if (p.json) out.emplace_back("json", &*p.json);
  if (p.junit) out.emplace_back("junit", &*p.junit);
  if (p.sarif) out.emplace_back("sarif", &*p.sarif);
  if (p.html) out.emplace_back("html", &*p.html);
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

}  // namespace

void write_file_atomically(const fs::path& path, std::string_view contents) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) fail(path, "it is a directory");
  const fs::path tmp = temporary_for(path);
  write_new_file(path, tmp, contents);
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const int error = errno;
    ::unlink(tmp.c_str());
    fail(path, errno_text(error));
  }
}

void check_writable(const report_paths& paths) {
  const auto all = requested(paths);
  for (std::size_t i = 0; i < all.size(); ++i) {
    const auto& [kind, path] = all[i];
    if (path->empty()) throw std::runtime_error(fmt::format("cannot write {} report: empty path", kind));
    for (std::size_t k = 0; k < i; ++k) {
      std::error_code ec;
      const bool same = *all[k].second == *path || fs::weakly_canonical(*all[k].second, ec) == fs::weakly_canonical(*path, ec);
      if (same) {
        throw std::runtime_error(fmt::format("cannot write report {}: given for both --{} and --{}",
                                             path->string(), all[k].first, kind));
      }
    }
    std::error_code ec;
    const fs::path dir = directory_of(*path);
    if (!fs::exists(dir, ec)) fail(*path, fmt::format("directory {} does not exist", dir.string()));
    if (!fs::is_directory(dir, ec)) fail(*path, fmt::format("{} is not a directory", dir.string()));
    if (fs::is_directory(*path, ec)) fail(*path, "it is a directory");
    // The only reliable test is to try: create (and remove) a file beside it.
    const fs::path probe = temporary_for(*path);
    write_new_file(*path, probe, {});
    ::unlink(probe.c_str());
  }
}

void write_reports(const run_report& r, const report_paths& paths) {
  if (paths.json) write_file_atomically(*paths.json, to_json(r));
  if (paths.junit) write_file_atomically(*paths.junit, to_junit(r));
  if (paths.sarif) write_file_atomically(*paths.sarif, to_sarif(r));
  if (paths.html) write_file_atomically(*paths.html, to_html(r));
}

}  // namespace weft::reports
