#include "weft/reports/json.hpp"

#include <fmt/format.h>

#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>
#include <stdexcept>

namespace weft::reports {
namespace {

using nlohmann::json;

// ---- writing -------------------------------------------------------------

json location_json(const source_location& l) {
  return {{"file", l.file}, {"line", l.line}, {"function", l.function}};
}

json finding_json(const scenario_report& s, const finding& f) {
  json locations = json::array();
  for (const auto& l : f.locations) locations.push_back(location_json(l));
  json trace = json::array();
  for (const auto& e : f.trace) {
    trace.push_back({{"thread", e.thread}, {"step", e.step}, {"operation", e.operation},
                     {"object", e.object}, {"value", e.value}, {"location", location_json(e.location)}});
  }
  return {{"kind", to_string(f.kind)}, {"message", f.message}, {"engine", f.engine},
          {"locations", locations}, {"schedule", f.schedule}, {"replay", replay_command(s, f)},
          {"iteration", f.iteration}, {"details", f.details}, {"trace", trace},
          {"highlight_steps", f.highlight_steps}, {"history", f.history}};
}

json scenario_json(const scenario_report& s) {
  json expected = json::array();
  for (const auto kind : s.expected) expected.push_back(to_string(kind));
  json findings = json::array();
  for (const auto& f : s.outcome.findings) findings.push_back(finding_json(s, f));
  json suppressed = json::array();
  for (const auto& f : s.outcome.suppressed) suppressed.push_back(finding_json(s, f));
  const auto& st = s.outcome.stats;
  return {{"name", s.name}, {"family", s.family}, {"seed_ref", s.seed_ref}, {"summary", s.summary},
          {"expected", expected}, {"engine", s.engine}, {"strategy", s.strategy}, {"seed", s.seed},
          {"as_expected", s.as_expected}, {"replay_command", s.replay_command},
          {"stats", {{"executions", st.executions}, {"seconds", st.seconds}, {"steps", st.steps},
                     {"max_threads", st.max_threads}, {"max_preemptions", st.max_preemptions},
                     {"exhausted", st.exhausted}, {"executions_per_second", st.executions_per_second()}}},
          {"findings", findings}, {"suppressed", suppressed}};
}

json benchmark_json(const benchmark_entry& b) {
  json j = {{"name", b.name}, {"value", b.value}, {"unit", b.unit}, {"regressed", b.regressed}};
  j["baseline"] = b.baseline ? json(*b.baseline) : json(nullptr);
  j["tolerance"] = b.tolerance ? json(*b.tolerance) : json(nullptr);
  return j;
}

// ---- reading -------------------------------------------------------------

// Where in the document a value sits, for error messages: "scenarios[2].stats.seconds".
struct cursor {
  const json& value;
  std::string path;

  cursor at(std::string_view key) const {
    return {value.at(std::string(key)), path.empty() ? std::string(key) : fmt::format("{}.{}", path, key)};
  }
  cursor at(std::size_t i) const { return {value.at(i), fmt::format("{}[{}]", path, i)}; }
  bool has(std::string_view key) const { return value.contains(std::string(key)); }
};

struct malformed : std::runtime_error {
  using std::runtime_error::runtime_error;
};

[[noreturn]] void fail(const cursor& c, std::string_view expected) {
  throw malformed(fmt::format("{}: expected {}, found {}", c.path, expected, c.value.type_name()));
}

void require_object(const cursor& c) {
  if (!c.value.is_object()) fail(c, "an object");
}

// Reads optional member `key` of object `c` into `out`, checking its type.
void read(const cursor& c, std::string_view key, std::string& out) {
  if (!c.has(key)) return;
  const cursor v = c.at(key);
  if (!v.value.is_string()) fail(v, "a string");
  out = v.value.get<std::string>();
}
void read(const cursor& c, std::string_view key, bool& out) {
  if (!c.has(key)) return;
  const cursor v = c.at(key);
  if (!v.value.is_boolean()) fail(v, "true or false");
  out = v.value.get<bool>();
}
void read(const cursor& c, std::string_view key, double& out) {
  if (!c.has(key)) return;
  const cursor v = c.at(key);
  if (!v.value.is_number()) fail(v, "a number");
  out = v.value.get<double>();
}
template <class Unsigned>
  requires std::is_unsigned_v<Unsigned>
void read(const cursor& c, std::string_view key, Unsigned& out) {
  if (!c.has(key)) return;
  const cursor v = c.at(key);
  if (!v.value.is_number_unsigned() && !(v.value.is_number_integer() && v.value.get<std::int64_t>() >= 0)) {
    fail(v, "a non-negative integer");
  }
  const auto n = v.value.get<std::uint64_t>();
  if (n > std::numeric_limits<Unsigned>::max()) fail(v, "a smaller integer");
  out = static_cast<Unsigned>(n);
}
void read(const cursor& c, std::string_view key, std::optional<double>& out) {
  if (!c.has(key) || c.at(key).value.is_null()) {
    out.reset();
    return;
  }
  double v = 0;
  read(c, key, v);
  out = v;
}

// Calls `each(cursor)` for every element of the optional array member `key`.
template <class Each>
void read_array(const cursor& c, std::string_view key, Each each, bool required = false) {
  if (!c.has(key)) {
    if (required) throw malformed(fmt::format("{}{}{}: missing", c.path, c.path.empty() ? "" : ".", key));
    return;
  }
  const cursor a = c.at(key);
  if (!a.value.is_array()) fail(a, "an array");
  for (std::size_t i = 0; i < a.value.size(); ++i) each(a.at(i));
}

finding_kind read_kind(const cursor& c) {
  if (!c.value.is_string()) fail(c, "a finding kind");
  const auto name = c.value.get<std::string>();
  const auto kind = finding_kind_from_string(name);
  if (!kind) throw malformed(fmt::format("{}: unknown finding kind '{}'", c.path, name));
  return *kind;
}

source_location read_location(const cursor& c) {
  require_object(c);
  source_location l;
  read(c, "file", l.file);
  read(c, "line", l.line);
  read(c, "function", l.function);
  return l;
}

finding read_finding(const cursor& c) {
  require_object(c);
  finding f;
  if (!c.has("kind")) throw malformed(fmt::format("{}.kind: missing", c.path));
  f.kind = read_kind(c.at("kind"));
  read(c, "message", f.message);
  read(c, "engine", f.engine);
  read_array(c, "locations", [&](const cursor& l) { f.locations.push_back(read_location(l)); });
  read(c, "schedule", f.schedule);
  read(c, "iteration", f.iteration);
  read_array(c, "details", [&](const cursor& d) {
    if (!d.value.is_string()) fail(d, "a string");
    f.details.push_back(d.value.get<std::string>());
  });
  read_array(c, "trace", [&](const cursor& e) {
    require_object(e);
    trace_event ev;
    read(e, "thread", ev.thread);
    read(e, "step", ev.step);
    read(e, "operation", ev.operation);
    read(e, "object", ev.object);
    read(e, "value", ev.value);
    if (e.has("location")) ev.location = read_location(e.at("location"));
    f.trace.push_back(std::move(ev));
  });
  read_array(c, "highlight_steps", [&](const cursor& h) {
    if (!h.value.is_number_unsigned()) fail(h, "a step number");
    f.highlight_steps.push_back(h.value.get<std::uint64_t>());
  });
  read(c, "history", f.history);
  return f;
}

scenario_report read_scenario(const cursor& c) {
  require_object(c);
  scenario_report s;
  if (!c.has("name")) throw malformed(fmt::format("{}.name: missing", c.path));
  read(c, "name", s.name);
  read(c, "family", s.family);
  read(c, "seed_ref", s.seed_ref);
  read(c, "summary", s.summary);
  read_array(c, "expected", [&](const cursor& k) { s.expected.push_back(read_kind(k)); });
  read(c, "engine", s.engine);
  read(c, "strategy", s.strategy);
  read(c, "seed", s.seed);
  read(c, "as_expected", s.as_expected);
  read(c, "replay_command", s.replay_command);
  if (c.has("stats")) {
    const cursor st = c.at("stats");
    require_object(st);
    auto& stats = s.outcome.stats;
    read(st, "executions", stats.executions);
    read(st, "seconds", stats.seconds);
    read(st, "steps", stats.steps);
    read(st, "max_threads", stats.max_threads);
    read(st, "max_preemptions", stats.max_preemptions);
    read(st, "exhausted", stats.exhausted);
  }
  read_array(c, "findings", [&](const cursor& f) { s.outcome.findings.push_back(read_finding(f)); });
  read_array(c, "suppressed", [&](const cursor& f) { s.outcome.suppressed.push_back(read_finding(f)); });
  return s;
}

benchmark_entry read_benchmark(const cursor& c) {
  require_object(c);
  benchmark_entry b;
  read(c, "name", b.name);
  read(c, "value", b.value);
  read(c, "unit", b.unit);
  read(c, "baseline", b.baseline);
  read(c, "tolerance", b.tolerance);
  read(c, "regressed", b.regressed);
  return b;
}

run_report read_report(const json& doc) {
  const cursor root{doc, ""};
  if (!doc.is_object()) throw malformed(fmt::format("expected a JSON object at the top, found {}", doc.type_name()));
  if (!root.has("schema_version")) throw malformed("schema_version: missing (not a weft report?)");
  run_report r;
  {
    unsigned version = 0;
    read(root, "schema_version", version);
    if (version < 1 || version > static_cast<unsigned>(json_schema_version)) {
      throw malformed(fmt::format("schema_version {} is not supported (this weft reads 1 to {})", version,
                                  json_schema_version));
    }
    r.schema_version = static_cast<int>(version);
  }
  read(root, "weft_version", r.weft_version);
  read(root, "command", r.command);
  read(root, "started_at", r.started_at);
  read(root, "host", r.host);
  read(root, "shard", r.shard);
  read(root, "shard_source", r.shard_source);
  read(root, "seconds", r.seconds);
  read_array(root, "scenarios", [&](const cursor& s) { r.scenarios.push_back(read_scenario(s)); }, true);
  read_array(root, "benchmarks", [&](const cursor& b) { r.benchmarks.push_back(read_benchmark(b)); });
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
