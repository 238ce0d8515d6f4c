// --jobs N: N worker processes (fork), worker w exploring the iterations
// i ≡ w (mod N). Each sends back its findings (without traces) and its
// lock-order edges as JSON over a pipe; the parent merges the edges in
// iteration order and keeps the earliest findings, so a run's findings do not
// depend on N. Processes, not threads: code under test may keep global
// state, and checked primitives keep theirs inline.
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "../detect/lock_order.hpp"
#include "../detect/suppress.hpp"
#include "explore.hpp"

namespace weft::detail {
namespace {

using json = nlohmann::json;

json location_json(const source_location& l) { return {l.file, l.line, l.function}; }
source_location location_from(const json& j) {
  return {j.at(0).get<std::string>(), j.at(1).get<std::uint32_t>(), j.at(2).get<std::string>()};
}

json to_json(const finding& f) {
  json locs = json::array();
  for (const auto& l : f.locations) locs.push_back(location_json(l));
  return {{"kind", std::string(to_string(f.kind))}, {"message", f.message}, {"locations", locs},
          {"schedule", f.schedule}, {"iteration", f.iteration}, {"details", f.details}};
}

finding finding_from(const json& j) {
  finding f;
  f.kind = finding_kind_from_string(j.at("kind").get<std::string>()).value_or(finding_kind::crash);
  f.message = j.at("message").get<std::string>();
  for (const auto& l : j.at("locations")) f.locations.push_back(location_from(l));
  f.schedule = j.at("schedule").get<std::string>();
  f.iteration = j.at("iteration").get<std::uint64_t>();
  f.details = j.at("details").get<std::vector<std::string>>();
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

void write_all(int fd, const std::string& data) {
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

std::string read_all(int fd) {
  std::string data;
  char buf[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    data.append(buf, static_cast<std::size_t>(n));
  }
  return data;
}

[[noreturn]] void run_worker(const std::function<void()>& body, const options& opts, unsigned w, int fd,
                             std::uint64_t* stop_below) {
  json out;
  try {
    std::vector<iteration_edge> edges;
    result r = explore(body, opts, {w, opts.jobs}, stop_below, &edges);
    json findings = json::array();
    for (const auto& f : r.findings) findings.push_back(to_json(f));
    json suppressed = json::array();
    for (const auto& f : r.suppressed) suppressed.push_back(to_json(f));
    json edge_list = json::array();
    for (const auto& e : edges) edge_list.push_back(to_json(e));
    out = {{"findings", findings}, {"suppressed", suppressed}, {"edges", edge_list}, {"executions", r.stats.executions},
           {"steps", r.stats.steps}, {"max_threads", r.stats.max_threads},
           {"max_preemptions", r.stats.max_preemptions}};
  } catch (const std::exception& ex) {
    out = {{"error", ex.what()}};
  }
  write_all(fd, out.dump());
  ::close(fd);
  ::_exit(0);
}

}  // namespace

result explore_in_workers(const std::function<void()>& body, const options& opts) {
  const auto started = std::chrono::steady_clock::now();
  auto* stop_below = static_cast<std::uint64_t*>(
      ::mmap(nullptr, sizeof(std::uint64_t), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0));
  if (stop_below == MAP_FAILED) throw std::runtime_error("weft: cannot map shared memory for --jobs");
  *stop_below = ~std::uint64_t{0};
  std::vector<std::pair<pid_t, int>> workers;
  for (unsigned w = 0; w < opts.jobs; ++w) {
    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error(std::string("weft: pipe: ") + std::strerror(errno));
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error(std::string("weft: fork: ") + std::strerror(errno));
    if (pid == 0) {
      ::close(fds[0]);
      for (auto& [other, fd] : workers) ::close(fd);
      run_worker(body, opts, w, fds[1], stop_below);
    }
    ::close(fds[1]);
    workers.emplace_back(pid, fds[0]);
  }
  result merged;
  std::vector<iteration_edge> edges;
  std::string error;
  for (auto& [pid, fd] : workers) {
    const std::string data = read_all(fd);
    ::close(fd);
    int status = 0;
    ::waitpid(pid, &status, 0);
    json j = json::parse(data, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      error = "a --jobs worker died" + (WIFSIGNALED(status) ? " on signal " + std::to_string(WTERMSIG(status)) : std::string());
      continue;
    }
    if (j.contains("error")) {
      error = j["error"].get<std::string>();
      continue;
    }
    for (const auto& f : j.at("findings")) merged.findings.push_back(finding_from(f));
    for (const auto& f : j.at("suppressed")) add_distinct(merged.suppressed, {finding_from(f)});
    for (const auto& e : j.at("edges")) edges.push_back(edge_from(e));
    merged.stats.executions += j.at("executions").get<std::uint64_t>();
    merged.stats.steps += j.at("steps").get<std::uint64_t>();
    merged.stats.max_threads = std::max(merged.stats.max_threads, j.at("max_threads").get<std::uint32_t>());
    merged.stats.max_preemptions =
        std::max(merged.stats.max_preemptions, j.at("max_preemptions").get<std::uint64_t>());
  }
  ::munmap(stop_below, sizeof(std::uint64_t));
  if (!error.empty()) throw std::runtime_error(error);

  // The lock-order graph over every worker's edges, in iteration order.
  std::stable_sort(edges.begin(), edges.end(),
                   [](const iteration_edge& a, const iteration_edge& b) { return a.iteration < b.iteration; });
  lock_order_graph graph;
  if (opts.detect.enabled(finding_kind::lock_order_inversion)) {
    for (const auto& e : edges) {
      std::vector<std::vector<std::uint64_t>> executions;
      if (auto f = graph.add(e.edge, e.iteration, &executions); f && reported(opts, *f, merged.suppressed)) {
        f->schedule = encode_schedule({executions});
        merged.findings.push_back(std::move(*f));
        if (!opts.keep_going) break;
      }
    }
  }
  std::stable_sort(merged.findings.begin(), merged.findings.end(),
                   [](const finding& a, const finding& b) { return a.iteration < b.iteration; });
  if (!opts.keep_going && merged.findings.size() > 1) merged.findings.resize(1);
  merged.stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return merged;
}

}  // namespace weft::detail
