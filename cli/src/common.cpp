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

namespace {
std::string& program_name_storage() {
  static std::string name = "weft";
  return name;
}
}  // namespace

void set_program_name(const char* argv0) {
  const std::string path = argv0 == nullptr ? "" : argv0;
  const std::string base = path.substr(path.find_last_of('/') + 1);
  program_name_storage() = path.empty() || base == "weft" ? "weft" : path;
}

const std::string& program_name() { return program_name_storage(); }

std::string program_flag(const std::string& token) {
  return token.empty() ? std::string() : " --program " + reports::shell_word(token);
}

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
  cmd.add_option("--color", flags.color, "Colour the console output: auto (a terminal, unless NO_COLOR is set), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->type_name("WHEN");
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
  out.replay_command = reports::shell_word(program_name()) + " replay " + reports::shell_word(s.name);
  return out;
}

struct session::console {
  reports::console_reporter reporter;
};

session::session(reports::run_report header, const report_flags& flags)
    : report_(std::move(header)),
      flags_(flags),
      console_(new console{reports::console_reporter(std::cout, reports::console_options::for_stdout(
                                    flags.quiet, *reports::color_choice_from_string(flags.color)))}) {
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
