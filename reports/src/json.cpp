#include "weft/reports/json.hpp"

#include "weft/result_json.hpp"

#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>
#include <stdexcept>

namespace weft::reports {
namespace {

using nlohmann::json;

// ---- writing -------------------------------------------------------------

// Adds its replay command to each finding of `written`, the JSON of `findings`.
void add_replay(json& written, const scenario_report& s, const std::vector<finding>& findings) {
  for (std::size_t i = 0; i < findings.size(); ++i) {
    written[i]["replay"] = replay_command(s, findings[i]);
    if (!findings[i].original_schedule.empty()) {
      written[i]["original_replay"] = replay_command(s, findings[i].original_schedule);
    }
  }
}

json scenario_json(const scenario_report& s) {
  json j = to_json(s.outcome);  // findings, suppressed, stats: the result model's own spelling
  add_replay(j["findings"], s, s.outcome.findings);
  add_replay(j["suppressed"], s, s.outcome.suppressed);
  json expected = json::array();
  for (const auto kind : s.expected) expected.push_back(to_string(kind));
  j.update({{"name", s.name}, {"family", s.family}, {"seed_ref", s.seed_ref}, {"summary", s.summary},
            {"expected", expected}, {"engine", s.engine}, {"strategy", s.strategy}, {"seed", s.seed},
            {"as_expected", s.as_expected}, {"replay_command", s.replay_command}});
  return j;
}

json benchmark_json(const benchmark_entry& b) {
  json j = {{"name", b.name}, {"value", b.value}, {"unit", b.unit}, {"regressed", b.regressed}};
  j["baseline"] = b.baseline ? json(*b.baseline) : json(nullptr);
  j["tolerance"] = b.tolerance ? json(*b.tolerance) : json(nullptr);
  return j;
}

// ---- reading -------------------------------------------------------------

using cursor = json_cursor;
using malformed = malformed_json;

scenario_report read_scenario(const cursor& c) {
  c.require_object();
  c.require("name");
  scenario_report s;
  c.read("name", s.name);
  c.read("family", s.family);
  c.read("seed_ref", s.seed_ref);
  c.read("summary", s.summary);
  c.each("expected", [&](const cursor& k) { s.expected.push_back(finding_kind_from_json(k)); });
  c.read("engine", s.engine);
  c.read("strategy", s.strategy);
  c.read("seed", s.seed);
  c.read("as_expected", s.as_expected);
  c.read("replay_command", s.replay_command);
  s.outcome = result_from_json(c);
  return s;
}

benchmark_entry read_benchmark(const cursor& c) {
  c.require_object();
  benchmark_entry b;
  c.read("name", b.name);
  c.read("value", b.value);
  c.read("unit", b.unit);
  c.read("baseline", b.baseline);
  c.read("tolerance", b.tolerance);
  c.read("regressed", b.regressed);
  return b;
}

run_report read_report(const json& doc) {
  const cursor root{doc, ""};
  if (!doc.is_object()) throw malformed(fmt::format("expected a JSON object at the top, found {}", doc.type_name()));
  if (!root.has("schema_version")) throw malformed("schema_version: missing (not a weft report?)");
  run_report r;
  {
    unsigned version = 0;
    root.read("schema_version", version);
    if (version < 1 || version > static_cast<unsigned>(json_schema_version)) {
      throw malformed(fmt::format("schema_version {} is not supported (this weft reads 1 to {})", version,
                                  json_schema_version));
    }
    r.schema_version = static_cast<int>(version);
  }
  root.read("weft_version", r.weft_version);
  root.read("command", r.command);
  root.read("started_at", r.started_at);
  root.read("host", r.host);
  root.read("shard", r.shard);
  root.read("shard_source", r.shard_source);
  root.read("seconds", r.seconds);
  root.each("scenarios", [&](const cursor& s) { r.scenarios.push_back(read_scenario(s)); }, true);
  root.each("benchmarks", [&](const cursor& b) { r.benchmarks.push_back(read_benchmark(b)); });
  return r;
}

std::string one_line(std::string s) {
  for (auto& ch : s) {
    if (ch == '\n' || ch == '\r') ch = ' ';
  }
  return s;
}

}  // namespace

std::string to_json(const run_report& r) {
  const auto t = totals(r);
  json scenarios = json::array();
  for (const auto& s : r.scenarios) scenarios.push_back(scenario_json(s));
  json benchmarks = json::array();
  for (const auto& b : r.benchmarks) benchmarks.push_back(benchmark_json(b));
  const json doc = {
      {"schema", "weft-run-report"},
      {"schema_version", json_schema_version},
      {"weft_version", r.weft_version},
      {"command", r.command},
      {"started_at", r.started_at},
      {"host", r.host},
      {"shard", r.shard},
      {"shard_source", r.shard_source},
      {"seconds", r.seconds},
      {"all_as_expected", r.all_as_expected()},
      {"totals", {{"scenarios", t.scenarios}, {"unexpected", t.unexpected}, {"findings", t.findings},
                  {"executions", t.executions}, {"regressed_benchmarks", t.regressed},
                  {"suppressed", t.suppressed}}},
      {"scenarios", scenarios},
      {"benchmarks", benchmarks},
  };
  // Strings from code under test may hold invalid UTF-8: replace, don't throw.
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

run_report parse_json(std::string_view text, std::string_view origin) {
  json doc;
  try {
    doc = json::parse(text.begin(), text.end());
  } catch (const json::exception& e) {
    throw std::runtime_error(one_line(fmt::format("{}: not valid JSON: {}", origin, e.what())));
  }
  try {
    return read_report(doc);
  } catch (const malformed& e) {
    throw std::runtime_error(one_line(fmt::format("{}: malformed weft report: {}", origin, e.what())));
  } catch (const json::exception& e) {
    throw std::runtime_error(one_line(fmt::format("{}: malformed weft report: {}", origin, e.what())));
  }
}

run_report read_json(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw std::runtime_error(fmt::format("cannot read report {}: it is a directory", path.string()));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(fmt::format("cannot read report {}: no such file or not readable", path.string()));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw std::runtime_error(fmt::format("cannot read report {}: read error", path.string()));
  return parse_json(buffer.str(), path.string());
}

void json_reporter::render(const run_report& r, std::ostream& out) const { out << to_json(r); }

}  // namespace weft::reports
