// The property loop of weft/prop.hpp: generate, explore, shrink.
#include "weft/prop.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace weft::prop {
namespace {

void add_stats(run_stats& total, const run_stats& more) {
  total.executions += more.executions;
  total.seconds += more.seconds;
  total.steps += more.steps;
  total.max_threads = std::max(total.max_threads, more.max_threads);
  total.max_preemptions = std::max(total.max_preemptions, more.max_preemptions);
}

/// Shrinks a failing workload: RapidCheck's shrinks, most promising first,
/// are tried while one still fails with the same kind of bug.
std::pair<generated_workload, result> shrink(generated_workload failing, result found, const options& o,
                                             run_stats& stats, int& steps) {
  const finding_kind kind = found.findings.front().kind;
  int tries = 0;
  for (bool smaller = true; smaller && failing.shrinks && tries < max_shrink_tries;) {
    smaller = false;
    for (generated_workload& candidate : failing.shrinks()) {
      if (++tries > max_shrink_tries) break;
      result r = check(candidate.body, o);
      add_stats(stats, r.stats);
      if (!r.ok() && r.findings.front().kind == kind) {
        failing = std::move(candidate);
        found = std::move(r);
        ++steps;
        smaller = true;
        break;
      }
    }
  }
  return {std::move(failing), std::move(found)};
}

/// Default workloads per scenario name; filled during static initialisation
/// (WEFT_LINCHECK), so constructed on first use.
struct default_table {
  std::mutex mutex;
  std::map<std::string, unsigned, std::less<>> workloads;  // guarded by mutex
};
default_table& defaults() {
  static default_table table;
  return table;
}

/// The budget of one workload.
options workload_options(const scenario& s, const options& o, unsigned workloads) {
  if (default_workloads(s) == 0 || workloads == 0) return o;
  options each = o;
  each.iterations = std::max<std::uint64_t>(1, (o.iterations + workloads - 1) / workloads);
  if (o.time_budget_seconds > 0) each.time_budget_seconds = o.time_budget_seconds / workloads;
  return each;
}

}  // namespace

void set_default_workloads(const std::string& name, unsigned workloads) {
  default_table& t = defaults();
  std::lock_guard lock(t.mutex);
  t.workloads[name] = workloads;
}

unsigned default_workloads(const scenario& s) {
  default_table& t = defaults();
  std::lock_guard lock(t.mutex);
  const auto it = t.workloads.find(s.name);
  return it == t.workloads.end() ? 0 : it->second;
}

result check_generated(const scenario& s, const options& o, unsigned workloads) {
  run_stats stats;
  const options each = workload_options(s, o, workloads);
  if (s.generate) {
    for (unsigned k = 1; k <= workloads; ++k) {
      const std::uint64_t seed = o.seed * 0x9e3779b97f4a7c15ULL + k;
      generated_workload w = s.generate(seed, static_cast<int>(k * 100 / workloads));
      result r = check(w.body, each);
      add_stats(stats, r.stats);
      if (r.ok()) continue;
      int steps = 0;
      auto [smallest, found] = shrink(std::move(w), std::move(r), each, stats, steps);
      for (finding& f : found.findings) {
        f.details.push_back("workload: " + smallest.description + " (generated workload " + std::to_string(k) +
                            " of " + std::to_string(workloads) + ", shrunk " + std::to_string(steps) +
                            " times; rerun with --generate " + std::to_string(workloads) + " --seed " +
                            std::to_string(o.seed) + ")");
      }
      found.stats = stats;
      return found;
    }
  }
  result r = check(s.checked, each);
  add_stats(stats, r.stats);
  r.stats = stats;
  return r;
}

}  // namespace weft::prop
