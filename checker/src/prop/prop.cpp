// The property loop of weft/prop.hpp: generate, explore, shrink.
#include "weft/prop.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <utility>

#include "../explore/explore.hpp"
#include "program_token.hpp"

namespace weft::prop {
namespace {

void add_stats(run_stats& total, const run_stats& more) {
  total.executions += more.executions;
  total.seconds += more.seconds;
  total.steps += more.steps;
  total.max_threads = std::max(total.max_threads, more.max_threads);
  total.max_preemptions = std::max(total.max_preemptions, more.max_preemptions);
  total.diverged += more.diverged;
  weft::detail::keep_earliest_divergence(total, total.executions - more.executions + more.first_divergence_execution,
                                         more.first_divergence);
}

/// Shrinks a failing workload: RapidCheck's shrinks, most promising first,
/// are tried while one still fails with the same kind of bug. `path` gets
/// the index of the shrink taken at each step (replay_program follows it).
std::pair<generated_workload, result> shrink(generated_workload failing, result found, const options& o,
                                             run_stats& stats, std::vector<std::size_t>& path) {
  const finding_kind kind = found.findings.front().kind;
  int tries = 0;
  for (bool smaller = true; smaller && failing.shrinks && tries < max_shrink_tries;) {
    smaller = false;
    std::vector<generated_workload> candidates = failing.shrinks();
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      if (++tries > max_shrink_tries) break;
      result r = check(candidates[i].body, o);
      add_stats(stats, r.stats);
      if (!r.ok() && r.findings.front().kind == kind) {
        failing = std::move(candidates[i]);
        found = std::move(r);
        path.push_back(i);
        smaller = true;
        break;
      }
    }
  }
  return {std::move(failing), std::move(found)};
}

/// Workload `k` of `n` drawn with `seed`: sizes grow from small to large.
generated_workload draw(const scenario& s, std::uint64_t seed, unsigned k, unsigned n) {
  return s.generate(seed * 0x9e3779b97f4a7c15ULL + k, static_cast<int>(k * 100 / n));
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

generated_run run_generated(const scenario& s, const options& o, unsigned workloads) {
  run_stats stats;
  const options each = workload_options(s, o, workloads);
  if (s.generate) {
    // The program is shrunk first, then the schedule of the smallest one,
    // once: shrinking the schedule of every failing candidate is wasted.
    options program_only = each;
    program_only.shrink_seconds = 0;
    for (unsigned k = 1; k <= workloads; ++k) {
      generated_workload w = draw(s, o.seed, k, workloads);
      result r = check(w.body, program_only);
      add_stats(stats, r.stats);
      if (r.ok()) continue;
      detail::program_token token{o.seed, k, workloads, {}, 0};
      auto [smallest, found] = shrink(std::move(w), std::move(r), program_only, stats, token.shrink_path);
      if (each.shrink_seconds > 0) weft::detail::attach_traces(smallest.body, each, found.findings);
      token.check = detail::program_check(s.name, smallest.description);
      for (finding& f : found.findings) {
        f.details.push_back("workload: " + smallest.description + " (generated workload " + std::to_string(k) +
                            " of " + std::to_string(workloads) + ", shrunk " + std::to_string(token.shrink_path.size()) +
                            " times; rerun with --generate " + std::to_string(workloads) + " --seed " +
                            std::to_string(o.seed) + ")");
      }
      found.stats = stats;
      return {std::move(found), detail::to_string(token)};
    }
  }
  result r = check(s.checked, each);
  add_stats(stats, r.stats);
  r.stats = stats;
  return {std::move(r), {}};
}

result check_generated(const scenario& s, const options& o, unsigned workloads) {
  return run_generated(s, o, workloads).outcome;
}

generated_workload replay_program(const scenario& s, std::string_view program) {
  if (!s.generate) {
    throw std::invalid_argument(s.name + " draws no programs: --program replays a program of a lincheck scenario "
                                         "or of weft run --generate");
  }
  const detail::program_token token = detail::parse_program_token(program);
  const auto mismatch = [&] {
    return std::invalid_argument("program token '" + std::string(program) + "' does not name a program of " + s.name +
                                 " (printed for another scenario, or by another build of it)");
  };
  generated_workload w = draw(s, token.seed, token.program, token.programs);
  for (const std::size_t step : token.shrink_path) {
    std::vector<generated_workload> smaller = w.shrinks ? w.shrinks() : std::vector<generated_workload>{};
    if (step >= smaller.size()) throw mismatch();
    w = std::move(smaller[step]);
  }
  if (detail::program_check(s.name, w.description) != token.check) throw mismatch();
  return w;
}

}  // namespace weft::prop
