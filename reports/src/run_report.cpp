#include "weft/reports/run_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <stdexcept>

namespace weft::reports {

bool run_report::all_as_expected() const {
  return std::all_of(scenarios.begin(), scenarios.end(), [](const auto& s) { return s.as_expected; }) &&
         std::none_of(benchmarks.begin(), benchmarks.end(), [](const auto& b) { return b.regressed; });
}

std::string replay_command(const scenario_report& s, const finding& f) { return replay_command(s, f.schedule); }

std::string replay_command(const scenario_report& s, std::string_view schedule) {
  if (schedule.empty()) return {};
  const std::string prefix = s.replay_command.empty() ? "weft replay " + shell_word(s.name) : s.replay_command;
  if (const auto at = prefix.find(schedule_placeholder); at != std::string::npos) {
    return std::string(prefix).replace(at, schedule_placeholder.size(), schedule);
  }
  return fmt::format("{} '{}'", prefix, schedule);
}

std::string shrink_line(const scenario_report& s, const finding& f) {
  if (f.schedule.empty()) return {};
  const auto count = [](std::uint64_t n) { return fmt::format("{} preemption{}", n, n == 1 ? "" : "s"); };
  std::string out = "needs " + count(f.preemptions);
  if (!f.original_schedule.empty()) {
    out += fmt::format(" (shrunk from {}; as found: {})", count(f.original_preemptions),
                       replay_command(s, f.original_schedule));
  }
  return out;
}

std::string shell_word(std::string_view word) {
  const bool plain = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("_-./:=@%+,").find(c) != std::string_view::npos;
  });
  if (plain) return std::string(word);
  std::string out = "'";
  for (const char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string expected_text(const scenario_report& s) {
  if (s.expected.empty()) return "clean";
  std::string out;
  for (const auto kind : s.expected) {
    if (!out.empty()) out += ", ";
    out += to_string(kind);
  }
  return out;
}

report_totals totals(const run_report& r) {
  report_totals t;
  t.scenarios = r.scenarios.size();
  for (const auto& s : r.scenarios) {
    if (!s.as_expected) ++t.unexpected;
    t.findings += s.outcome.findings.size();
    t.suppressed += s.outcome.suppressed.size();
    t.executions += s.outcome.stats.executions;
  }
  for (const auto& b : r.benchmarks) {
    if (b.regressed) ++t.regressed;
  }
  return t;
}

namespace {

// Appends `items` into `by_name`, keeping one copy of identical duplicates.
template <class T>
void join_unique(std::map<std::string, T>& by_name, const std::vector<T>& items, std::string_view what) {
  for (const auto& item : items) {
    const auto [it, inserted] = by_name.emplace(item.name, item);
    if (!inserted && !(it->second == item)) {
      throw std::runtime_error(fmt::format(
          "cannot merge reports: {} '{}' appears in two shards with different results", what, item.name));
    }
  }
}

}  // namespace

run_report merge(const std::vector<run_report>& shards) {
  run_report out;
  if (shards.empty()) return out;
  out.schema_version = shards.front().schema_version;
  out.weft_version = shards.front().weft_version;
  out.command = shards.front().command;
  out.started_at = shards.front().started_at;

  std::map<std::string, scenario_report> scenarios;
  std::map<std::string, benchmark_entry> benchmarks;
  std::vector<std::string> hosts;
  for (const auto& shard : shards) {
    if (shard.weft_version != out.weft_version) {
      throw std::runtime_error(fmt::format("cannot merge reports of different weft versions ({} and {})",
                                           out.weft_version, shard.weft_version));
    }
    if (!shard.started_at.empty() && (out.started_at.empty() || shard.started_at < out.started_at)) {
      out.started_at = shard.started_at;  // ISO 8601 UTC strings order as times
    }
    if (!shard.host.empty() && std::find(hosts.begin(), hosts.end(), shard.host) == hosts.end()) {
      hosts.push_back(shard.host);
    }
    out.seconds = std::max(out.seconds, shard.seconds);  // shards run side by side
    join_unique(scenarios, shard.scenarios, "scenario");
    join_unique(benchmarks, shard.benchmarks, "benchmark");
  }
  out.host.clear();
  for (const auto& host : hosts) out.host += (out.host.empty() ? "" : ",") + host;
  for (auto& [name, s] : scenarios) out.scenarios.push_back(std::move(s));
  for (auto& [name, b] : benchmarks) out.benchmarks.push_back(std::move(b));
  return out;
}

}  // namespace weft::reports
