#include "wire.hpp"

#include <unistd.h>

#include <cerrno>

namespace weft::detail::wire {
namespace {

using json = nlohmann::json;

json location_json(const source_location& l) { return {l.file, l.line, l.function}; }
source_location location_from(const json& j) {
  return {j.at(0).get<std::string>(), j.at(1).get<std::uint32_t>(), j.at(2).get<std::string>()};
}

json event_json(const trace_event& e) {
  return {e.thread, e.step, e.operation, e.object, e.value, location_json(e.location)};
}
trace_event event_from(const json& j) {
  return {j.at(0).get<std::uint32_t>(), j.at(1).get<std::uint64_t>(), j.at(2).get<std::string>(),
          j.at(3).get<std::string>(), j.at(4).get<std::string>(), location_from(j.at(5))};
}

}  // namespace

json to_json(const finding& f) {
  json locs = json::array();
  for (const auto& l : f.locations) locs.push_back(location_json(l));
  json trace = json::array();
  for (const auto& e : f.trace) trace.push_back(event_json(e));
  return {{"kind", std::string(to_string(f.kind))}, {"message", f.message}, {"engine", f.engine},
          {"locations", locs}, {"schedule", f.schedule}, {"iteration", f.iteration}, {"details", f.details},
          {"trace", trace}, {"highlight", f.highlight_steps}, {"history", f.history}};
}

finding finding_from(const json& j) {
  finding f;
  f.kind = finding_kind_from_string(j.at("kind").get<std::string>()).value_or(finding_kind::crash);
  f.message = j.at("message").get<std::string>();
  f.engine = j.at("engine").get<std::string>();
  for (const auto& l : j.at("locations")) f.locations.push_back(location_from(l));
  f.schedule = j.at("schedule").get<std::string>();
  f.iteration = j.at("iteration").get<std::uint64_t>();
  f.details = j.at("details").get<std::vector<std::string>>();
  for (const auto& e : j.at("trace")) f.trace.push_back(event_from(e));
  f.highlight_steps = j.at("highlight").get<std::vector<std::uint64_t>>();
  f.history = j.at("history").get<std::string>();
  return f;
}

json to_json(const iteration_edge& e) {
  return {{"i", e.iteration}, {"from", e.edge.from}, {"to", e.edge.to}, {"fn", e.edge.from_name},
          {"tn", e.edge.to_name}, {"t", e.edge.thread}, {"g", e.edge.gates}, {"at", location_json(e.edge.where)},
          {"d", e.edge.decisions}};
}

iteration_edge edge_from(const json& j) {
  iteration_edge e;
  e.iteration = j.at("i").get<std::uint64_t>();
  e.edge.from = j.at("from").get<std::uint64_t>();
  e.edge.to = j.at("to").get<std::uint64_t>();
  e.edge.from_name = j.at("fn").get<std::string>();
  e.edge.to_name = j.at("tn").get<std::string>();
  e.edge.thread = j.at("t").get<std::uint32_t>();
  e.edge.gates = j.at("g").get<std::vector<std::uint64_t>>();
  e.edge.where = location_from(j.at("at"));
  e.edge.decisions = j.at("d").get<std::vector<std::uint64_t>>();
  return e;
}

json to_json(const result& r) {
  json findings = json::array();
  for (const auto& f : r.findings) findings.push_back(to_json(f));
  json suppressed = json::array();
  for (const auto& f : r.suppressed) suppressed.push_back(to_json(f));
  return {{"findings", findings}, {"suppressed", suppressed}, {"executions", r.stats.executions}, {"steps", r.stats.steps},
          {"max_threads", r.stats.max_threads}, {"max_preemptions", r.stats.max_preemptions},
          {"exhausted", r.stats.exhausted}};
}

result result_from(const json& j) {
  result r;
  for (const auto& f : j.at("findings")) r.findings.push_back(finding_from(f));
  for (const auto& f : j.at("suppressed")) r.suppressed.push_back(finding_from(f));
  r.stats.executions = j.at("executions").get<std::uint64_t>();
  r.stats.steps = j.at("steps").get<std::uint64_t>();
  r.stats.max_threads = j.at("max_threads").get<std::uint32_t>();
  r.stats.max_preemptions = j.at("max_preemptions").get<std::uint64_t>();
  r.stats.exhausted = j.at("exhausted").get<bool>();
  return r;
}

bool write_all(int fd, const std::string& data) {
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace weft::detail::wire
