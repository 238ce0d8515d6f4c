// result_json.cpp — the result model to and from JSON (weft/result_json.hpp).
#include "weft/result_json.hpp"

#include <fmt/format.h>

#include <limits>

namespace weft {

using nlohmann::json;

// ---- the cursor ------------------------------------------------------------

json_cursor json_cursor::at(std::string_view key) const {
  return {value_.at(std::string(key)), path_.empty() ? std::string(key) : fmt::format("{}.{}", path_, key)};
}

json_cursor json_cursor::at(std::size_t index) const { return {value_.at(index), fmt::format("{}[{}]", path_, index)}; }

void json_cursor::fail(std::string_view expected) const {
  throw malformed_json(fmt::format("{}: expected {}, found {}", path_, expected, value_.type_name()));
}

void json_cursor::require_object() const {
  if (!value_.is_object()) fail("an object");
}

void json_cursor::require(std::string_view key) const {
  if (!has(key)) throw malformed_json(fmt::format("{}{}{}: missing", path_, path_.empty() ? "" : ".", key));
}

void json_cursor::read(std::string_view key, std::string& out) const {
  if (!has(key)) return;
  const json_cursor v = at(key);
  if (!v.value_.is_string()) v.fail("a string");
  out = v.value_.get<std::string>();
}

void json_cursor::read(std::string_view key, bool& out) const {
  if (!has(key)) return;
  const json_cursor v = at(key);
  if (!v.value_.is_boolean()) v.fail("true or false");
  out = v.value_.get<bool>();
}

void json_cursor::read(std::string_view key, double& out) const {
  if (!has(key)) return;
  const json_cursor v = at(key);
  if (!v.value_.is_number()) v.fail("a number");
  out = v.value_.get<double>();
}

void json_cursor::read(std::string_view key, std::optional<double>& out) const {
  if (!has(key) || at(key).value_.is_null()) {
    out.reset();
    return;
  }
  double v = 0;
  read(key, v);
  out = v;
}

std::uint64_t json_cursor::unsigned_value(std::uint64_t max) const {
  if (!value_.is_number_unsigned() && !(value_.is_number_integer() && value_.get<std::int64_t>() >= 0)) {
    fail("a non-negative integer");
  }
  const auto n = value_.get<std::uint64_t>();
  if (n > max) fail("a smaller integer");
  return n;
}

// ---- writing ---------------------------------------------------------------

json to_json(const source_location& l) { return {{"file", l.file}, {"line", l.line}, {"function", l.function}}; }

json to_json(const trace_event& e) {
  json j = {{"thread", e.thread}, {"step", e.step},   {"operation", e.operation},
            {"object", e.object}, {"value", e.value}, {"location", to_json(e.location)}};
  // Only a load that read an older store (the C++ memory model) has these.
  if (e.read_from >= 0) j["read_from"] = e.read_from;
  if (e.newer_stores > 0) j["newer_stores"] = e.newer_stores;
  return j;
}

namespace {
json to_json(const history_operation& o) {
  return {{"thread", o.thread},     {"call", o.call},     {"result", o.result}, {"invoked", o.invoked},
          {"returned", o.returned}, {"placed", o.placed}, {"stuck", o.stuck}};
}
}  // namespace

json to_json(const finding& f) {
  json locations = json::array();
  for (const auto& l : f.locations) locations.push_back(to_json(l));
  json trace = json::array();
  for (const auto& e : f.trace) trace.push_back(to_json(e));
  json j = {{"kind", to_string(f.kind)},
            {"message", f.message},
            {"engine", to_string(f.source)},
            {"locations", std::move(locations)},
            {"schedule", f.schedule},
            {"preemptions", f.preemptions},
            {"iteration", f.iteration},
            {"details", f.details},
            {"trace", std::move(trace)},
            {"highlight_steps", f.highlight_steps},
            {"history", f.history}};
  if (f.subkind != finding_subkind::none) j["subkind"] = to_string(f.subkind);
  if (!f.operations.empty()) {  // only a linearizability finding has a structured history
    json operations = json::array();
    for (const auto& o : f.operations) operations.push_back(to_json(o));
    j["operations"] = std::move(operations);
  }
  if (!f.original_schedule.empty()) {  // only a shrunk schedule has an original
    j["original_schedule"] = f.original_schedule;
    j["original_preemptions"] = f.original_preemptions;
  }
  return j;
}

json to_json(const run_stats& s) {
  json j = {{"executions", s.executions},   {"seconds", s.seconds},
            {"steps", s.steps},             {"max_threads", s.max_threads},
            {"max_preemptions", s.max_preemptions}, {"exhausted", s.exhausted},
            {"executions_per_second", s.executions_per_second()}};
  if (s.completed_bound >= 0) j["completed_bound"] = s.completed_bound;  // ipb/idb only
  if (s.diverged > 0) j["diverged"] = s.diverged;                        // systematic searches only
  if (!s.first_divergence.empty()) {
    j["first_divergence"] = {{"execution", s.first_divergence_execution}, {"at", s.first_divergence}};
  }
  return j;
}

json to_json(const result& r) {
  json findings = json::array();
  for (const auto& f : r.findings) findings.push_back(to_json(f));
  json suppressed = json::array();
  for (const auto& f : r.suppressed) suppressed.push_back(to_json(f));
  return {{"findings", std::move(findings)}, {"suppressed", std::move(suppressed)}, {"stats", to_json(r.stats)}};
}

// ---- reading ---------------------------------------------------------------

finding_kind finding_kind_from_json(const json_cursor& c) {
  if (!c.value().is_string()) c.fail("a finding kind");
  const auto name = c.value().get<std::string>();
  const auto kind = finding_kind_from_string(name);
  if (!kind) throw malformed_json(fmt::format("{}: unknown finding kind '{}'", c.path(), name));
  return *kind;
}

namespace {

/// A finding's "subkind": a sub-kind spelling of the finding's own kind.
finding_subkind subkind_from_json(const json_cursor& c, finding_kind kind) {
  if (!c.value().is_string()) c.fail("a finding sub-kind");
  const auto name = c.value().get<std::string>();
  const auto subkind = finding_subkind_from_string(name);
  if (!subkind) throw malformed_json(fmt::format("{}: unknown finding sub-kind '{}'", c.path(), name));
  if (kind_of(*subkind) != kind) {
    throw malformed_json(fmt::format("{}: '{}' is not a sub-kind of {}", c.path(), name, to_string(kind)));
  }
  return *subkind;
}

finding_source source_from_json(const json_cursor& c) {
  if (!c.value().is_string()) c.fail("a string");
  const auto name = c.value().get<std::string>();
  const auto source = finding_source_from_string(name);
  if (!source) throw malformed_json(fmt::format("{}: unknown engine '{}'", c.path(), name));
  return *source;
}

template <class Int>
constexpr auto max_of = static_cast<std::uint64_t>(std::numeric_limits<Int>::max());

/// A member that is -1 (none) or an integer from 0 to `max`.
std::int64_t minus_one_or_up_to(const json_cursor& c, std::uint64_t max, std::string_view expected) {
  const json& v = c.value();
  if (v.is_number_unsigned() && v.get<std::uint64_t>() <= max) return static_cast<std::int64_t>(v.get<std::uint64_t>());
  if (v.is_number_integer() && !v.is_number_unsigned()) {
    const auto n = v.get<std::int64_t>();
    if (n == -1 || (n >= 0 && static_cast<std::uint64_t>(n) <= max)) return n;
  }
  c.fail(expected);
}

std::string string_from_json(const json_cursor& c) {
  if (!c.value().is_string()) c.fail("a string");
  return c.value().get<std::string>();
}

trace_event event_from_json(const json_cursor& c) {
  c.require_object();
  trace_event e;
  c.read("thread", e.thread);
  c.read("step", e.step);
  c.read("operation", e.operation);
  c.read("object", e.object);
  c.read("value", e.value);
  if (c.has("location")) e.location = location_from_json(c.at("location"));
  // The step of the older store a load read; absent: -1 (also in older reports).
  if (c.has("read_from")) e.read_from = minus_one_or_up_to(c.at("read_from"), max_of<std::int64_t>, "-1 or a step number");
  c.read("newer_stores", e.newer_stores);
  return e;
}

history_operation operation_from_json(const json_cursor& c) {
  c.require_object();
  history_operation o;
  c.read("thread", o.thread);
  c.read("call", o.call);
  c.read("result", o.result);
  c.read("invoked", o.invoked);
  c.read("returned", o.returned);
  if (c.has("placed")) {  // a position in the linearizable prefix, or -1
    o.placed = static_cast<std::int32_t>(minus_one_or_up_to(c.at("placed"), max_of<std::int32_t>, "-1 or a position"));
  }
  c.read("stuck", o.stuck);
  return o;
}

}  // namespace

source_location location_from_json(const json_cursor& c) {
  c.require_object();
  source_location l;
  c.read("file", l.file);
  c.read("line", l.line);
  c.read("function", l.function);
  return l;
}

finding finding_from_json(const json_cursor& c) {
  c.require_object();
  c.require("kind");
  finding f;
  f.kind = finding_kind_from_json(c.at("kind"));
  if (c.has("subkind")) f.subkind = subkind_from_json(c.at("subkind"), f.kind);  // absent: none (and in older reports)
  c.read("message", f.message);
  if (c.has("engine")) f.source = source_from_json(c.at("engine"));
  c.each("locations", [&](const json_cursor& l) { f.locations.push_back(location_from_json(l)); });
  c.read("schedule", f.schedule);
  c.read("preemptions", f.preemptions);
  c.read("original_schedule", f.original_schedule);
  c.read("original_preemptions", f.original_preemptions);
  c.read("iteration", f.iteration);
  c.each("details", [&](const json_cursor& d) { f.details.push_back(string_from_json(d)); });
  c.each("trace", [&](const json_cursor& e) { f.trace.push_back(event_from_json(e)); });
  c.each("highlight_steps", [&](const json_cursor& h) {
    if (!h.value().is_number_unsigned()) h.fail("a step number");
    f.highlight_steps.push_back(h.value().get<std::uint64_t>());
  });
  c.read("history", f.history);
  c.each("operations", [&](const json_cursor& o) { f.operations.push_back(operation_from_json(o)); });
  return f;
}

run_stats stats_from_json(const json_cursor& c) {
  c.require_object();
  run_stats s;
  c.read("executions", s.executions);
  c.read("seconds", s.seconds);
  c.read("steps", s.steps);
  c.read("max_threads", s.max_threads);
  c.read("max_preemptions", s.max_preemptions);
  c.read("exhausted", s.exhausted);
  if (c.has("completed_bound")) {  // absent: no bound completed (-1)
    std::uint16_t bound = 0;
    c.read("completed_bound", bound);
    s.completed_bound = bound;
  }
  if (c.has("diverged")) c.read("diverged", s.diverged);  // absent: none
  if (c.has("first_divergence")) {
    const json_cursor d = c.at("first_divergence");
    d.require_object();
    d.read("execution", s.first_divergence_execution);
    d.read("at", s.first_divergence);
  }
  return s;
}

result result_from_json(const json_cursor& c) {
  c.require_object();
  result r;
  if (c.has("stats")) r.stats = stats_from_json(c.at("stats"));
  c.each("findings", [&](const json_cursor& f) { r.findings.push_back(finding_from_json(f)); });
  c.each("suppressed", [&](const json_cursor& f) { r.suppressed.push_back(finding_from_json(f)); });
  return r;
}

}  // namespace weft
