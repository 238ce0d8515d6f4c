#include "explore.hpp"

#include <atomic>
#include <chrono>
#include <cmath>
#include <stdexcept>

#include "../detect/lock_order.hpp"
#include "../detect/suppress.hpp"
#include "../runtime/execution.hpp"
#include "../sched/replay.hpp"
#include "../sched/strategy.hpp"
#include "worker_link.hpp"

namespace weft::detail {
namespace {

/// Executions that measure the execution length PCT draws its change points
/// over and the per-thread lengths SURW weighs threads by. They are ordinary
/// iterations 0..warmup-1, run by random walk, except in the portfolio:
/// there they are POS executions, the member that finds most bugs early (a
/// random warm-up held the portfolio's median on the bug benchmark at random
/// walk's).

constexpr strategy_kind every_strategy[] = {strategy_kind::random, strategy_kind::pct, strategy_kind::pos,
                                            strategy_kind::surw,   strategy_kind::dfs, strategy_kind::ipb,
                                            strategy_kind::idb,    strategy_kind::portfolio};

}  // namespace

bool fresh_process_per_execution = false;
bool capture_program_output = false;
void (*child_process_ended)(pid_t pid) = nullptr;

bool needs_warmup(strategy_kind k) {
  return k == strategy_kind::pct || k == strategy_kind::surw || k == strategy_kind::portfolio;
}

std::uint64_t warmup_iterations(const options& opts) {
  constexpr std::uint64_t warmup = 16;
  return needs_warmup(opts.strategy) ? std::min(warmup, opts.iterations) : 0;
}

bool is_systematic(strategy_kind k) {
  return k == strategy_kind::dfs || k == strategy_kind::ipb || k == strategy_kind::idb;
}

result explore(const std::function<void()>& body, const options& opts, iteration_slice slice,
               std::uint64_t* stop_below, worker_link* link) {
  using wall = std::chrono::steady_clock;
  const auto started = wall::now();
  result out;
  execution exec(settings_of(opts));
  lock_order_graph graph;

  auto warmup = opts.strategy == strategy_kind::portfolio ? make_pos_strategy(opts.seed) : make_random_strategy(opts.seed);
  std::unique_ptr<strategy> main;
  execution_profile profile;
  auto make_main = [&] {
    switch (opts.strategy) {
      case strategy_kind::random: return make_random_strategy(opts.seed);
      case strategy_kind::pct: return make_pct_strategy(opts.seed, opts.pct_depth, profile.longest);
      case strategy_kind::pos: return make_pos_strategy(opts.seed);
      case strategy_kind::surw: return make_surw_strategy(opts.seed, profile);
      case strategy_kind::dfs: return make_dfs_strategy(opts.preemption_bound);
      case strategy_kind::ipb: return make_ipb_strategy();
      case strategy_kind::idb: return make_idb_strategy();
      case strategy_kind::portfolio: return make_portfolio_strategy(opts.seed, profile);
    }
    return make_random_strategy(opts.seed);
  };
  const bool single = fresh_process_per_execution && link != nullptr;  // this process runs one execution
  // In process: every worker warms up first, unreported. One execution per
  // process: the first iterations are the warm-up, reported, and the
  // supervisor hands their profile on to the processes of the others.
  const std::uint64_t warm = single ? 0 : warmup_iterations(opts);
  const std::uint64_t measured = single ? warmup_iterations(opts) : 0;
  if (single && !link->profile.empty()) profile = execution_profile::from_text(link->profile);
  const std::uint64_t first = link != nullptr ? link->first : 0;
  std::optional<recording_strategy> recorder;
  if (link != nullptr) recorder.emplace(*link->slot);
  // What a systematic search may claim so far: the whole space (`ended`, it
  // has nothing left) or the bounds it finished.
  const auto claim = [&out, link](const strategy& s, bool ended) {
    out.stats.exhausted = ended;
    out.stats.completed_bound = s.completed_bound();
    out.stats.diverged = s.diverged();
    withhold_claims_if_diverged(out.stats);
    if (ended && link != nullptr) link->search_ended = true;
  };

  for (std::uint64_t i = 0; i < opts.iterations; ++i) {
    const bool warming = i < warm;
    const bool measuring = i < measured;
    // Every worker runs the warm-up (to measure the same length); only the
    // owner of an iteration reports it.
    const bool ours = slice.owns(i) && i >= first;
    if (!warming && !ours) continue;
    if (stop_below != nullptr && i >= std::atomic_ref<std::uint64_t>(*stop_below).load(std::memory_order_relaxed)) break;
    // Supervised, the supervisor enforces the budget across all workers.
    if (link == nullptr && opts.time_budget_seconds > 0 &&
        std::chrono::duration<double>(wall::now() - started).count() > opts.time_budget_seconds) {
      break;
    }
    if (link != nullptr && link->skipped(i)) continue;  // it killed a worker before
    if (!warming && !measuring && !main) {
      main = make_main();
      if (single && !link->search_state.empty()) main->restore_state(link->search_state);
    }
    strategy* s = warming || measuring ? warmup.get() : main.get();
    if (recorder) {
      recorder->wrap(*s);
      s = &*recorder;
      link->slot->iteration.store(i, std::memory_order_relaxed);
      link->slot->started.fetch_add(1, std::memory_order_relaxed);
      link->slot->running.store(1, std::memory_order_relaxed);
    }
    if (!s->begin_execution(i)) {
      claim(*s, true);
      break;
    }
    execution_outcome& o = exec.run(body, *s, false, ours ? edge_recording::new_in_run : edge_recording::none);
    if (link != nullptr) link->slot->running.store(0, std::memory_order_relaxed);
    if (single) {  // the next execution's process resumes the search from here
      if (std::string state = s->saved_state(); !state.empty()) link->send_search_state(state);
    }
    if (warming) profile.add(o.decisions.size(), o.thread_infos);
    if (measuring) {
      execution_profile one;
      one.add(o.decisions.size(), o.thread_infos);
      link->send_profile(one.to_text());
    }
    if (!ours) continue;

    ++out.stats.executions;
    keep_earliest_divergence(out.stats, i + 1, o.divergence);
    out.stats.steps += o.steps;
    out.stats.max_threads = std::max(out.stats.max_threads, o.threads);
    out.stats.max_preemptions = std::max(out.stats.max_preemptions, o.preemptions);

    std::vector<finding> found;
    if (link == nullptr) {  // a worker's edges go to the parent's graph (after_execution below)
      for (const lock_edge& edge : o.new_edges) {
        std::vector<std::vector<std::uint64_t>> executions;
        if (auto f = graph.add(edge, i, &executions); f && opts.detect.enabled(finding_kind::lock_order_inversion)) {
          f->schedule = encode_schedule({executions});
          found.push_back(std::move(*f));
        }
      }
    }
    if (o.found) {
      o.found->iteration = i;
      o.found->schedule = encode_schedule({{std::vector<std::uint64_t>(o.decisions.begin(), o.decisions.end())}});
      found.push_back(std::move(*o.found));
    }
    add_distinct(out.suppressed, std::move(o.suppressed));
    for (finding& f : found) {
      if (!reported(opts.detect, opts.suppress, f, out.suppressed)) continue;
      const bool seen = std::any_of(out.findings.begin(), out.findings.end(),
                                    [&](const finding& g) { return same_finding(f, g); });
      if (!seen) out.findings.push_back(std::move(f));
    }
    if (link != nullptr) link->after_execution(out, i, o.new_edges);
    if (!out.findings.empty() && !opts.keep_going) {
      if (stop_below != nullptr) {  // tell the other workers (shared memory) to stop below i
        std::atomic_ref<std::uint64_t> stop(*stop_below);
        std::uint64_t seen = stop.load(std::memory_order_relaxed);
        while (i < seen && !stop.compare_exchange_weak(seen, i, std::memory_order_relaxed)) {
        }
      }
      break;
    }
    const bool ended = s->exhausted();
    claim(*s, ended);
    if (ended) break;
    if (single) break;
  }
  out.stats.seconds = std::chrono::duration<double>(wall::now() - started).count();
  return out;
}

result replay_schedule(const std::function<void()>& body, const schedule& s, const options& opts, bool trace) {
  result out;
  execution exec(settings_of(opts));
  lock_order_graph graph;
  std::optional<finding> found;
  std::string divergence;
  bool leftover = false;
  std::vector<trace_event> last_trace;
  std::uint64_t preemptions = 0;
  for (std::size_t k = 0; k < s.executions.size(); ++k) {
    const bool last = k + 1 == s.executions.size();
    replay_strategy r(s.executions[k]);
    r.begin_execution(k);
    // The graph gets the edges each recorded execution showed while it
    // followed its decisions: an execution of a lock-order schedule is the
    // prefix up to its edge, and what it does after the prefix (another
    // schedule) must not add edges the recorded run never had at that point.
    const auto add_edges = [&](const std::vector<lock_edge>& edges) {
      for (const lock_edge& edge : edges) {
        if (edge.decisions.size() > s.executions[k].size()) continue;
        if (auto f = graph.add(edge, k, nullptr); f && last && !found) found = std::move(f);
      }
    };
    if (fresh_process_per_execution && !last) {  // only its lock-order edges matter, from a process of its own
      add_edges(lock_edges_in_child(exec, body, r));
      ++out.stats.executions;
      continue;
    }
    execution_outcome& o = exec.run(body, r, trace && last, edge_recording::every);
    ++out.stats.executions;
    out.stats.steps += o.steps;
    out.stats.max_threads = std::max(out.stats.max_threads, o.threads);
    out.stats.max_preemptions = std::max(out.stats.max_preemptions, o.preemptions);
    preemptions += o.preemptions;
    add_edges(o.new_edges);
    if (!last) continue;
    if (!r.divergence().empty()) divergence = r.divergence();
    leftover = !r.used_all();
    if (o.found) found = std::move(o.found);
    if (found) {
      found->trace = std::move(o.trace);
    } else {
      last_trace = std::move(o.trace);
    }
  }
  if (found && divergence.empty()) {
    found->schedule = encode_schedule(s);
    found->preemptions = preemptions;
    out.findings.push_back(std::move(*found));
  } else {
    finding f;
    f.kind = finding_kind::nondeterminism;
    f.schedule = encode_schedule(s);
    f.message = !divergence.empty()
                    ? "the schedule no longer fits the code under test (" + divergence + ")"
                    : std::string("the schedule ran to the end without reproducing a finding") +
                          (leftover ? " and left decisions unused" : "");
    f.message += ": the code under test behaves differently from when the schedule was recorded";
    if (found) f.details.push_back("replay found instead: " + found->message);
    f.trace = found ? found->trace : std::move(last_trace);  // what the replay did instead
    out.findings.push_back(std::move(f));
  }
  return out;
}

void attach_traces(const std::function<void()>& body, const options& opts, std::vector<finding>& findings) {
  for (finding& f : findings) {
    if (f.schedule.empty()) continue;  // a dead execution whose decisions did not fit the recording
    const schedule s = decode_schedule(f.schedule, decision_limit(opts));
    // A dead execution is replayed in a child even for in-process callers (it came from --jobs workers).
    const bool died = is_death(f.kind);
    const auto traced = [&](const schedule& which) {
      return opts.supervised || died ? replay_supervised(body, which, opts) : replay_schedule(body, which, opts, true);
    };
    // Shrinking runs candidates of the code under test: in a child when exploring did.
    std::optional<shrunk_schedule> shrunk;
    std::optional<result> traced_as_found;
    if (opts.shrink_seconds > 0 && shrinkable(f, s)) {
      shrunk = opts.supervised ? shrink_supervised(body, s, opts, f) : shrink_finding(body, s, opts, f);
    } else if (opts.shrink_seconds > 0 && fresh_process_per_execution && shrinkable_in_children(f, s)) {
      // A death, each candidate in a process of its own (weft exec): they are
      // compared with the death as its replay captures it, in the words a
      // candidate's capture uses (a worker's death was only seen from outside).
      traced_as_found = traced(s);
      const finding& g = traced_as_found->findings.front();
      if (g.kind == f.kind) shrunk = shrink_supervised(body, s, opts, g);
    }
    result r = shrunk ? traced(shrunk->shrunk) : traced_as_found ? std::move(*traced_as_found) : traced(s);
    if (shrunk && r.findings.front().kind != f.kind) {  // cannot happen with deterministic code; keep the original
      shrunk.reset();
      r = traced(s);
    }
    const finding& g = r.findings.front();
    if (g.kind == f.kind) {
      const std::uint64_t iteration = f.iteration;
      const std::string original = f.schedule;
      f = g;
      f.iteration = iteration;
      if (shrunk) {
        f.original_schedule = original;
        f.original_preemptions = shrunk->original_preemptions;
        if (!shrunk->complete) {
          f.details.push_back("schedule shrinking stopped at its time budget (--shrink-time): "
                              "fewer preemptions may do");
        }
      }
    } else {
      f.details.push_back("replaying the schedule did not reproduce this finding: " + g.message);
    }
  }
}

}  // namespace weft::detail

namespace weft {

std::string_view to_string(strategy_kind s) {
  switch (s) {
    case strategy_kind::random: return "random";
    case strategy_kind::pct: return "pct";
    case strategy_kind::dfs: return "dfs";
    case strategy_kind::portfolio: return "portfolio";
    case strategy_kind::pos: return "pos";
    case strategy_kind::surw: return "surw";
    case strategy_kind::ipb: return "ipb";
    case strategy_kind::idb: return "idb";
  }
  return "?";
}

std::optional<strategy_kind> strategy_from_string(std::string_view text) {
  for (auto k : detail::every_strategy) {
    if (to_string(k) == text) return k;
  }
  return std::nullopt;
}

std::string_view to_string(memory_model m) { return m == memory_model::sc ? "sc" : "c11"; }

std::optional<memory_model> memory_model_from_string(std::string_view text) {
  if (text == "c11") return memory_model::c11;
  if (text == "sc") return memory_model::sc;
  return std::nullopt;
}

result check(const std::function<void()>& body, const options& opts) {
  if (detail::current() != nullptr) throw std::logic_error("weft::check called inside a checked execution");
  if (opts.iterations == 0) throw std::invalid_argument("weft::check: iterations must be at least 1");
  if (!(opts.time_budget_seconds >= 0) || !std::isfinite(opts.time_budget_seconds)) {
    throw std::invalid_argument("weft::check: the time budget must be a finite number of seconds >= 0");
  }
  if (!(opts.shrink_seconds >= 0) || !std::isfinite(opts.shrink_seconds)) {
    throw std::invalid_argument("weft::check: the shrink time must be a finite number of seconds >= 0");
  }
  if (opts.store_history > 64) {
    throw std::invalid_argument("weft::check: store_history must be at most 64 (older stores kept per atomic)");
  }
  result r = opts.supervised || (opts.jobs > 1 && !detail::is_systematic(opts.strategy))
                 ? detail::explore_supervised(body, opts)
                 : detail::explore(body, opts, {});
  detail::attach_traces(body, opts, r.findings);
  return r;
}

result replay(const std::function<void()>& body, std::string_view schedule, const options& opts) {
  if (detail::current() != nullptr) throw std::logic_error("weft::replay called inside a checked execution");
  const detail::schedule s = detail::decode_schedule(schedule, detail::decision_limit(opts));
  return opts.supervised ? detail::replay_supervised(body, s, opts) : detail::replay_schedule(body, s, opts, true);
}

}  // namespace weft
