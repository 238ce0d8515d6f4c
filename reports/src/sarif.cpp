#include "weft/reports/sarif.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>
#include <vector>

#include "text.hpp"

namespace weft::reports {
namespace {

using nlohmann::json;

constexpr std::size_t max_flow_events = 2000;  // keeps huge traces from bloating the log

// A file path as a SARIF uri-reference: percent-encoded; absolute paths as file:// URIs.
std::string file_uri(std::string_view path) {
  std::string out = path.starts_with('/') ? "file://" : "";
  for (const char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    const bool plain = std::isalnum(c) || ch == '/' || ch == '-' || ch == '_' || ch == '.' || ch == '~';
    out += plain ? std::string(1, ch) : fmt::format("%{:02X}", c);
  }
  return out;
}

json location_json(const source_location& l, std::optional<std::string> message = std::nullopt) {
  json loc = json::object();
  if (!l.file.empty()) {
    json physical = {{"artifactLocation", {{"uri", file_uri(l.file)}}}};
    if (l.line > 0) physical["region"] = {{"startLine", l.line}};
    loc["physicalLocation"] = physical;
  }
  if (!l.function.empty()) loc["logicalLocations"] = json::array({{{"fullyQualifiedName", l.function}, {"kind", "function"}}});
  if (message) loc["message"] = {{"text", *message}};
  return loc;
}

std::string event_text(const finding& f, const trace_event& e) {
  std::string s = fmt::format("thread {} step {}: {}", e.thread, e.step, text::operation_text(e));
  if (const auto read = text::read_from_text(f, e); !read.empty()) s += " (" + read + ")";
  return s;
}

// The interleaving as a codeFlow: one threadFlow per thread, events ordered by step.
json code_flow(const finding& f) {
  std::map<std::uint32_t, json> per_thread;
  const std::set<std::uint64_t> highlighted(f.highlight_steps.begin(), f.highlight_steps.end());
  const std::size_t n = std::min(f.trace.size(), max_flow_events);
  for (std::size_t i = f.trace.size() - n; i < f.trace.size(); ++i) {
    const auto& e = f.trace[i];
    json tfl = {{"location", location_json(e.location, event_text(f, e))},
                {"executionOrder", e.step},
                {"importance", highlighted.contains(e.step) ? "essential" : "important"}};
    auto& flow = per_thread[e.thread];
    if (flow.is_null()) flow = {{"id", fmt::format("thread {}", e.thread)}, {"locations", json::array()}};
    flow["locations"].push_back(std::move(tfl));
  }
  json flows = json::array();
  for (auto& [thread, flow] : per_thread) flows.push_back(std::move(flow));
  return {{"message", {{"text", "the interleaving that shows the finding"}}}, {"threadFlows", flows}};
}

std::string fingerprint(const scenario_report& s, const finding& f) {
  // FNV-1a over what identifies the bug (not the schedule, which varies by seed).
  std::uint64_t h = 1469598103934665603ull;
  const auto mix = [&](std::string_view v) {
    for (const char ch : v) h = (h ^ static_cast<unsigned char>(ch)) * 1099511628211ull;
    h = (h ^ 0xFFu) * 1099511628211ull;
  };
  mix(s.name);
  mix(to_string(f.kind));  // the kind, not the sub-kind: fingerprints stay those of reports before sub-kinds
  if (!f.locations.empty()) mix(fmt::format("{}:{}", f.locations.front().file, f.locations.front().line));
  return fmt::format("{:016x}", h);
}

json result_json(const scenario_report& s, const finding& f, std::size_t rule_index) {
  json r = {{"ruleId", kind_name(f)},
            {"ruleIndex", rule_index},
            {"level", s.as_expected ? "note" : "error"},
            {"message", {{"text", fmt::format("{} in scenario {}: {}", kind_name(f), s.name, f.message)}}}};
  json locations = json::array();
  json related = json::array();
  for (std::size_t i = 0; i < f.locations.size(); ++i) {
    if (i == 0) {
      locations.push_back(location_json(f.locations[i]));
    } else if (std::find(f.locations.begin(), f.locations.begin() + static_cast<std::ptrdiff_t>(i),
                         f.locations[i]) == f.locations.begin() + static_cast<std::ptrdiff_t>(i)) {
      json loc = location_json(f.locations[i]);  // relatedLocations must be unique
      loc["id"] = i;
      related.push_back(std::move(loc));
    }
  }
  r["locations"] = locations;
  if (!related.empty()) r["relatedLocations"] = related;
  if (!f.trace.empty()) r["codeFlows"] = json::array({code_flow(f)});
  r["partialFingerprints"] = {{"weftFinding/v1", fingerprint(s, f)}};
  r["properties"] = {{"scenario", s.name},         {"family", s.family},
                     {"engine", to_string(f.source)},         {"strategy", s.strategy},
                     {"seed", s.seed},             {"iteration", f.iteration},
                     {"schedule", f.schedule},     {"replayCommand", replay_command(s, f)},
                     {"expected", expected_text(s)}, {"asExpected", s.as_expected},
                     {"details", f.details},       {"highlightSteps", f.highlight_steps},
                     {"preemptions", f.preemptions}};
  if (!f.original_schedule.empty()) {
    r["properties"]["originalSchedule"] = f.original_schedule;
    r["properties"]["originalPreemptions"] = f.original_preemptions;
  }
  return r;
}

/// A SARIF rule: a finding kind, or a sub-kind ("misuse/relock") for the
/// findings that have one.
struct rule {
  std::string_view id;
  std::string_view description;
};

/// The rules of the findings in `r`, in the public contract's order: each
/// kind, then its sub-kinds.
std::vector<rule> rules_used(const run_report& r) {
  std::set<std::string_view> used;
  for (const auto& s : r.scenarios) {
    for (const auto& f : s.outcome.findings) used.insert(kind_name(f));
  }
  std::vector<rule> out;
  for (const auto kind : all_finding_kinds()) {
    if (used.contains(to_string(kind))) out.push_back({to_string(kind), describe(kind)});
    for (const auto subkind : all_finding_subkinds()) {
      if (kind_of(subkind) == kind && used.contains(to_string(subkind))) {
        out.push_back({to_string(subkind), describe(subkind)});
      }
    }
  }
  return out;
}

}  // namespace

std::string to_sarif(const run_report& r) {
  json rules = json::array();
  std::map<std::string_view, std::size_t> rule_index;
  for (const rule& each : rules_used(r)) {
    rule_index[each.id] = rules.size();
    rules.push_back({{"id", each.id},
                     {"name", each.id},
                     {"shortDescription", {{"text", std::string(each.id)}}},
                     {"fullDescription", {{"text", each.description}}},
                     {"defaultConfiguration", {{"level", "error"}}}});
  }
  json results = json::array();
  for (const auto& s : r.scenarios) {
    for (const auto& f : s.outcome.findings) results.push_back(result_json(s, f, rule_index.at(kind_name(f))));
  }
  json invocation = {{"executionSuccessful", true}, {"commandLine", r.command}};
  if (!r.host.empty()) invocation["machine"] = r.host;
  if (r.started_at.size() >= 20 && r.started_at[10] == 'T' && r.started_at.back() == 'Z') {
    invocation["startTimeUtc"] = r.started_at;  // only a well-formed date-time
  }
  const auto t = totals(r);
  json run = {{"tool", {{"driver", {{"name", "weft"}, {"version", r.weft_version.empty() ? "unknown" : r.weft_version},
                                    {"rules", rules}}}}},
              {"invocations", json::array({invocation})},
              {"results", results},
              {"columnKind", "unicodeCodePoints"},
              {"properties", {{"shard", r.shard}, {"allAsExpected", r.all_as_expected()},
                              {"scenarios", t.scenarios}, {"unexpected", t.unexpected}}}};
  const json doc = {{"$schema", "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"},
                    {"version", "2.1.0"},
                    {"runs", json::array({run})}};
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

void sarif_reporter::render(const run_report& r, std::ostream& out) const { out << to_sarif(r); }

}  // namespace weft::reports
