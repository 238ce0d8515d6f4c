#include "common.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <iostream>

#include "weft/reports/console.hpp"

namespace weft::cli {

std::string weft_version() { return WEFT_VERSION; }

reports::report_paths report_flags::paths() const {
  reports::report_paths p;
  for (const auto& [format, file] : files) {
    if (!file.empty()) p.files.emplace(format, file);
  }
  return p;
}

void add_report_flags(CLI::App& cmd, report_flags& flags) {
  for (const reports::report_format& f : reports::report_formats()) {
    cmd.add_option("--" + std::string(f.name), flags.files[std::string(f.name)], std::string(f.help))->type_name("FILE");
  }
  cmd.add_flag("-q,--quiet", flags.quiet, "Print only unexpected verdicts and the summary");
}

namespace {

unsigned parse_unsigned(const std::string& text, const std::string& what) {
  if (text.empty() || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
      text.size() > 6) {
    throw input_error(what + " '" + text + "' is not a positive whole number");
  }
  return static_cast<unsigned>(std::stoul(text));
}

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr ? v : "";
}

}  // namespace

shard parse_shard(const std::string& flag) {
  shard s;
  if (!flag.empty()) {
    const auto slash = flag.find('/');
    if (slash == std::string::npos) throw input_error("--shard '" + flag + "' is not of the form i/n (e.g. 2/4)");
    s.index = parse_unsigned(flag.substr(0, slash), "--shard index");
    s.count = parse_unsigned(flag.substr(slash + 1), "--shard count");
  } else if (!env("WEFT_SHARD").empty()) {
    return parse_shard(env("WEFT_SHARD"));
  } else if (!env("CI_NODE_TOTAL").empty()) {  // GitLab CI parallel: (1-based)
    s.index = parse_unsigned(env("CI_NODE_INDEX"), "CI_NODE_INDEX");
    s.count = parse_unsigned(env("CI_NODE_TOTAL"), "CI_NODE_TOTAL");
  } else if (!env("CIRCLE_NODE_TOTAL").empty()) {  // CircleCI (0-based)
    s.index = parse_unsigned(env("CIRCLE_NODE_INDEX"), "CIRCLE_NODE_INDEX") + 1;
    s.count = parse_unsigned(env("CIRCLE_NODE_TOTAL"), "CIRCLE_NODE_TOTAL");
  } else if (!env("BUILDKITE_PARALLEL_JOB_COUNT").empty()) {  // Buildkite (0-based)
    s.index = parse_unsigned(env("BUILDKITE_PARALLEL_JOB"), "BUILDKITE_PARALLEL_JOB") + 1;
    s.count = parse_unsigned(env("BUILDKITE_PARALLEL_JOB_COUNT"), "BUILDKITE_PARALLEL_JOB_COUNT");
  }
  if (s.count == 0 || s.index == 0 || s.index > s.count) {
    throw input_error("shard " + std::to_string(s.index) + "/" + std::to_string(s.count) +
                      " is out of range (i/n with 1 <= i <= n)");
  }
  return s;
}

std::vector<const scenario*> select_scenarios(const std::vector<std::string>& patterns) {
  const registry& reg = registry::instance();
  for (const auto& p : patterns) {
    if (reg.match({p}).empty()) {
      throw input_error("no scenario matches '" + p + "' (weft list shows them all)");
    }
  }
  auto selected = reg.match(patterns);
  std::sort(selected.begin(), selected.end(), [](const scenario* a, const scenario* b) { return a->name < b->name; });
  return selected;
}

std::vector<const scenario*> take_shard(std::vector<const scenario*> all, const shard& s) {
  std::vector<const scenario*> mine;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (i % s.count == s.index - 1) mine.push_back(all[i]);
  }
  return mine;
}

reports::run_report make_header(int argc, char** argv) {
  reports::run_report r;
  r.weft_version = weft_version();
  for (int i = 0; i < argc; ++i) r.command += (i > 0 ? " " : "") + std::string(argv[i]);
  const std::time_t now = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  r.started_at = buf;
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) == 0) r.host = host;
  return r;
}

reports::scenario_report make_scenario_report(const scenario& s, std::string engine, result r) {
  reports::scenario_report out;
  out.name = s.name;
  out.family = s.family();
  out.seed_ref = s.seed_ref;
  out.summary = s.summary;
  out.expected = s.expected;
  out.engine = std::move(engine);
  out.as_expected = verdict_as_expected(s, r.findings);
  out.outcome = std::move(r);
  out.replay_command = "weft replay " + reports::shell_word(s.name);
  return out;
}

struct session::console {
  reports::console_reporter reporter;
};

session::session(reports::run_report header, const report_flags& flags)
    : report_(std::move(header)),
      flags_(flags),
      console_(new console{reports::console_reporter(std::cout, reports::console_options::for_stdout(flags.quiet))}) {
  try {
    reports::check_writable(flags_.paths());  // before the run: a bad path fails fast, nothing written
  } catch (const std::runtime_error& e) {
    throw input_error(e.what());
  }
  console_->reporter.begin(report_);
}

session::~session() = default;

void session::progress(std::size_t done, std::size_t total, double executions_per_second, double seconds_left) {
  console_->reporter.progress(done, total, executions_per_second, seconds_left);
}

void session::add(reports::scenario_report s) {
  console_->reporter.scenario(s);
  for (std::size_t i = 0; i < s.outcome.findings.size(); ++i) console_->reporter.finding(s, s.outcome.findings[i], i);
  std::cout.flush();  // a log file holds every finished scenario even if the run is killed
  report_.scenarios.push_back(std::move(s));
}

int session::finish(double seconds) {
  report_.seconds = seconds;
  console_->reporter.finalize(report_);
  try {
    reports::write_reports(report_, flags_.paths());
  } catch (const std::runtime_error& e) {
    throw input_error(e.what());
  }
  for (const reports::report_format& f : reports::report_formats()) {
    if (const auto it = flags_.files.find(std::string(f.name)); it != flags_.files.end() && !it->second.empty())
      std::cout << f.title << " report: " << it->second << "\n";
  }
  std::cout.flush();
  return report_.all_as_expected() ? as_expected : unexpected;
}

}  // namespace weft::cli
