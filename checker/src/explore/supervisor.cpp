// The supervisor: executions run in worker processes (fork), worker w
// exploring one iteration in every `jobs` (iteration_slice), even at --jobs 1, so that
// nothing the code under test does ends the run. A worker publishes the
// execution it runs and that execution's decisions in shared memory, and
// streams findings and lock-order edges as JSON lines. The supervisor
//  - turns a worker's death into a finding for the execution it was running
//    (`crash` on a signal, `exit` on an exit status, `hang` when the watchdog
//    saw no progress), with the decisions recorded so far as its schedule;
//  - enforces the time budget across all workers, to the poll interval;
//  - stops and reaps its workers on SIGINT/SIGTERM (weft::interrupted), and
//    workers die with it (PR_SET_PDEATHSIG);
//  - merges the lock-order edges in iteration order and keeps the earliest of
//    equal findings, so a run's findings do not depend on --jobs.
// Processes, not threads: code under test may keep global state.
#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <iterator>
#include <stdexcept>
#include <string>

#include "../child_process.hpp"
#include "../detect/lock_order.hpp"
#include "../detect/suppress.hpp"
#include "../shrink/shrink_finding.hpp"
#include "death_capture.hpp"
#include "program_output.hpp"
#include "../runtime/weft_fds.hpp"
#include "explore.hpp"
#include "weft/interrupt.hpp"
#include "weft/sync/thread.hpp"
#include "wire.hpp"
#include "worker_link.hpp"

namespace weft::detail {
namespace {

using json = nlohmann::json;
using wall = std::chrono::steady_clock;

/// With --keep-going, a run goes on after this many executions ended their
/// worker (each costs a fork and a new worker), then stops exploring.
constexpr unsigned max_deaths = 8;
/// After the time budget, workers finish the execution they are in for at
/// most this long, then they are killed.
constexpr auto budget_grace = std::chrono::milliseconds(100);
constexpr int poll_interval_ms = 10;

std::chrono::duration<double> seconds(double s) { return std::chrono::duration<double>(s); }

/// A forked child: dies with the supervisor; SIGINT/SIGTERM end it at once.
pid_t fork_child(const std::function<void()>& child) {
  std::cout.flush();  // the child must not flush a copy of the parent's buffers at exit()
  std::cerr.flush();
  std::fflush(nullptr);
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error(std::string("weft: fork: ") + std::strerror(errno));
  if (pid > 0) return pid;
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) ::_exit(0);  // the supervisor died before prctl
  ::signal(SIGINT, SIG_DFL);
  ::signal(SIGTERM, SIG_DFL);
  child();
  ::_exit(0);
}

/// The finding for an execution whose process ended with `status` (or was
/// killed by the watchdog when `hung`).
finding death_finding(int status, bool hung, const options& opts, std::uint64_t iteration, std::string schedule) {
  finding f;
  f.iteration = iteration;
  f.schedule = std::move(schedule);
  if (hung) {
    f.kind = finding_kind::hang;
    f.message = "the execution ran for more than " + std::to_string(opts.watchdog_seconds).substr(0, 4) +
                " s (the watchdog) without finishing: a loop that never reaches a scheduling point, or a real sleep?";
  } else if (WIFSIGNALED(status)) {
    f.kind = finding_kind::crash;
    f.message = "the code under test crashed: " + signal_text(WTERMSIG(status));
  } else {
    f.kind = finding_kind::exit;
    f.message = "the code under test ended the process with exit status " + std::to_string(WEXITSTATUS(status));
  }
  if (f.schedule.empty()) f.details.push_back("its decisions did not fit the recording: no schedule to replay");
  return f;
}

/// A child process and its pipe, read line by line.
struct child_pipe {
  pid_t pid = -1;
  int fd = -1;
  std::string pending;
  bool hung = false, budget_killed = false;
  void kill() const {
    if (pid > 0) ::kill(pid, SIGKILL);
  }
  /// Reads what is there; calls `line` for every complete line. False at EOF.
  template <class F>
  bool read_lines(F&& line) {
    char buf[65536];
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) return true;
    if (n <= 0) return false;
    std::size_t from = pending.size();  // the bytes before have no newline: a long line is not searched again
    pending.append(buf, static_cast<std::size_t>(n));
    for (std::size_t end; (end = pending.find('\n', from)) != std::string::npos; from = 0) {
      line(pending.substr(0, end));
      pending.erase(0, end + 1);
    }
    return true;
  }
  int finish() {
    ::close(fd);
    fd = -1;
    const int status = reap_child(pid, "weft: waitpid");
    if (child_process_ended != nullptr) child_process_ended(pid);
    pid = -1;
    return status;
  }
};

child_pipe spawn(const std::function<void(int fd)>& child, const std::vector<child_pipe*>& others) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error(std::string("weft: pipe: ") + std::strerror(errno));
  child_pipe p;
  p.pid = fork_child([&] {
    ::close(fds[0]);
    for (child_pipe* o : others) {
      if (o->fd >= 0) ::close(o->fd);
    }
    child(fds[1]);
  });
  ::close(fds[1]);
  p.fd = fds[0];
  return p;
}

/// Kills and reaps every child still running, then throws weft::interrupted.
void stop_all_and_throw(std::vector<child_pipe*> children, int sig) {
  for (child_pipe* c : children) c->kill();
  for (child_pipe* c : children) {
    if (c->pid > 0) c->finish();
  }
  throw interrupted(sig);
}

struct worker : child_pipe {
  unsigned index = 0;
  std::uint64_t first = 0;  // the iteration it was started at
  bool ended = false;
  std::uint64_t heartbeat = 0;
  wall::time_point beat_at;
};

/// weft exec forks every execution from this process: one trivial
/// execution here first maps the fiber stacks into the pool's cache,
/// registers the runtime's thread-local caches and the overflow handler's
/// stack, and binds the lazily bound symbols of the execution path, so that
/// every child inherits them instead of paying for them (they were most of
/// a child's time). The body touches nothing of the program.
void warm_fork_server(const options& opts) {
  options o = opts;
  o.iterations = 1;
  o.time_budget_seconds = 0;
  o.strategy = strategy_kind::random;
  (void)explore([] { weft::thread([] {}).join(); }, o, {0, 1}, nullptr, nullptr);
}

}  // namespace

bool same_finding(const finding& a, const finding& b) {
  return a.kind == b.kind && a.locations == b.locations && (!is_death(a.kind) || a.message == b.message);
}

std::uint64_t decision_limit(const options& opts) {
  return std::min<std::uint64_t>(2 * opts.max_steps + 64, std::uint64_t{1} << 22);
}

result explore_supervised(const std::function<void()>& body, const options& opts) {
  const auto started = wall::now();
  const unsigned jobs = is_systematic(opts.strategy) ? 1 : std::max(1u, opts.jobs);  // one search tree
  progress_slots slots(jobs, decision_limit(opts));
  std::atomic_ref<std::uint64_t> stop_below(slots.stop_below());
  std::vector<finding> found, deaths, suppressed;
  std::vector<iteration_edge> edges;
  std::vector<std::uint64_t> dead;  // iterations that ended a worker
  run_stats carried;                // counters of workers that died and were restarted
  bool exhausted = false;
  bool search_ended = false;  // a systematic search has nothing left, whether it may claim so or not
  int completed_bound = -1;
  std::uint64_t diverged = 0;
  run_stats divergence;  // first_divergence*: the earliest a worker reported
  std::string search_state;  // weft exec, dfs/ipb/idb: the search as the last execution's process left it
  // weft exec, pct/surw/portfolio: the first `warm` iterations are the
  // warm-up; the profile they measured, merged (the order they end in does
  // not matter), goes to every later execution, which waits for all of them
  // to end (`held`), so that its schedule is the same for any --jobs.
  const std::uint64_t warm = fresh_process_per_execution ? warmup_iterations(opts) : 0;
  std::uint64_t warm_ended = 0;
  execution_profile warm_profile;
  std::string profile;  // warm_profile as text, once every warm-up iteration ended
  std::vector<std::pair<unsigned, std::uint64_t>> held;  // (worker, iteration) to start after the warm-up
  std::string error;
  std::vector<worker> workers(jobs);

  auto others = [&] {
    std::vector<child_pipe*> all;
    for (worker& w : workers) all.push_back(&w);
    return all;
  };
  // A worker's counters move to `carried` when it ends for good or before it is restarted.
  auto carry = [&](progress_slot& slot) {
    carried.executions += slot.executions;
    carried.steps += slot.steps;
    carried.max_threads = std::max<std::uint32_t>(carried.max_threads, slot.max_threads);
    carried.max_preemptions = std::max<std::uint64_t>(carried.max_preemptions, slot.max_preemptions);
    slot.executions = slot.steps = slot.max_preemptions = 0;
    slot.max_threads = 0;
  };
  const auto deadline = started + std::chrono::duration_cast<wall::duration>(seconds(opts.time_budget_seconds));
  auto start = [&](unsigned w, std::uint64_t first) {
    if (first >= warm && warm_ended < warm) {
      held.emplace_back(w, first);
      return;
    }
    progress_slot& slot = slots.at(w);
    slot.running = 0;
    const std::vector<std::uint64_t> skip = dead;
    static_cast<child_pipe&>(workers[w]) = spawn(
        [&](int fd) {
          weft_fds::keep(fd);  // an instrumented program cannot close it
          worker_link link{&slot, fd, first, skip, search_state, profile};
          try {
            result r = explore(body, opts, {w, jobs}, &slots.stop_below(), &link);
            link.send(wire::line(json{{"end",
                            {{"exhausted", r.stats.exhausted},
                             {"ended", link.search_ended},
                             {"completed_bound", r.stats.completed_bound},
                             {"diverged", r.stats.diverged},
                             {"first_divergence_execution", r.stats.first_divergence_execution},
                             {"first_divergence", r.stats.first_divergence}}}}));
          } catch (const std::exception& e) {
            link.send(wire::line(json{{"error", e.what()}}));
          }
        },
        others());
    workers[w].index = w;
    workers[w].first = first;
    workers[w].ended = false;
    workers[w].heartbeat = slot.started.load();
    workers[w].beat_at = wall::now();
  };
  if (fresh_process_per_execution) warm_fork_server(opts);
  for (unsigned w = 0; w < jobs; ++w) start(w, 0);

  auto on_line = [&](worker& w, const std::string& line) {
    const json j = json::parse(line, nullptr, false);
    if (j.is_discarded()) return;
    if (j.contains("finding")) found.push_back(finding_from_json({j["finding"], "finding"}));
    if (j.contains("suppressed")) suppressed.push_back(finding_from_json({j["suppressed"], "suppressed"}));
    if (j.contains("edge")) edges.push_back(wire::edge_from(j["edge"]));
    if (j.contains("error")) error = j["error"].get<std::string>();
    if (j.contains("search")) search_state = j["search"].get<std::string>();
    if (j.contains("profile")) warm_profile.merge(execution_profile::from_text(j["profile"].get<std::string>()));
    if (j.contains("end")) {
      w.ended = true;
      exhausted = exhausted || j["end"]["exhausted"].get<bool>();
      search_ended = search_ended || j["end"].value("ended", false);
      completed_bound = std::max(completed_bound, j["end"].value("completed_bound", -1));
      // One execution per process: each reports the count its search carried on.
      diverged = std::max(diverged, j["end"].value("diverged", std::uint64_t{0}));
      keep_earliest_divergence(divergence, j["end"].value("first_divergence_execution", std::uint64_t{0}),
                               j["end"].value("first_divergence", std::string()));
    }
  };
  // fresh_process_per_execution: the worker ran one execution; the next of
  // its iterations goes to a new worker, until a finding, the budget or the
  // last iteration.
  auto next_execution = [&](worker& w, std::uint64_t after) {
    progress_slot& slot = slots.at(w.index);
    const iteration_slice slice{w.index, jobs};
    std::uint64_t next = after + 1;
    while (next < opts.iterations && (!slice.owns(next) || std::find(dead.begin(), dead.end(), next) != dead.end())) ++next;
    carry(slot);
    const bool out_of_time = opts.time_budget_seconds > 0 && wall::now() >= deadline;
    if (next < opts.iterations && next < stop_below.load() && !out_of_time && error.empty() && !search_ended) {
      start(w.index, next);
    }
  };
  // A warm-up iteration's process ended: once all have, the held
  // executions start, with the profile.
  auto warm_up_ended = [&] {
    if (++warm_ended < warm) return;
    profile = warm_profile.to_text();
    const bool out_of_time = opts.time_budget_seconds > 0 && wall::now() >= deadline;
    for (const auto& [w, first] : held) {
      if (first < stop_below.load() && !out_of_time && error.empty()) start(w, first);
    }
    held.clear();
  };
  auto on_worker_end = [&](worker& w) {
    if (w.first < warm) warm_up_ended();
    progress_slot& slot = slots.at(w.index);
    const bool hung = w.hung, budget = w.budget_killed;
    const std::uint64_t ran = slot.iteration.load();
    const bool was_running = slot.running.load() != 0;
    const int status = w.finish();
    if (fresh_process_per_execution && !budget && error.empty()) {
      // A program that ends itself with exit(0) (or returns from main
      // through exit) finished its execution.
      const bool clean_exit = !hung && WIFEXITED(status) && WEXITSTATUS(status) == 0;
      if (w.ended || (was_running && clean_exit)) {
        if (!w.ended && is_systematic(opts.strategy)) {
          error = "weft exec: --strategy " + std::string(to_string(opts.strategy)) + " cannot go on: execution " +
                  std::to_string(ran) + " ended its process before weft could save where the search was";
          return;
        }
        if (!w.ended) slot.executions.fetch_add(1);
        next_execution(w, ran);
        return;
      }
    }
    if (w.ended || budget || !error.empty()) return;
    if (slot.running.load() == 0 && !hung) {
      error = "a worker process ended outside an execution (status " + std::to_string(status) + ")";
      return;
    }
    const std::uint64_t i = slot.iteration.load();
    if (std::find(dead.begin(), dead.end(), i) != dead.end()) return;  // a warm-up execution every worker runs
    const auto decisions = slot.recorded();
    const bool fits = slot.decision_count.load() <= slot.capacity;
    deaths.push_back(death_finding(status, hung, opts, i, fits ? encode_schedule({{decisions}}) : std::string()));
    dead.push_back(i);
    slot.executions.fetch_add(1);  // it ran, up to its death: "1 finding in 0 executions" said otherwise
    if (!opts.keep_going) {
      std::uint64_t seen = stop_below.load();
      while (i < seen && !stop_below.compare_exchange_weak(seen, i)) {
      }
      return;
    }
    const bool systematic = is_systematic(opts.strategy);
    if (fresh_process_per_execution && !systematic) {  // every execution has a process of its own: no limit on deaths
      next_execution(w, i);
      return;
    }
    carry(slot);
    if (dead.size() >= max_deaths || systematic) {
      deaths.back().details.push_back(
          "weft stopped exploring after this execution: " +
          std::string(systematic
                          ? "a systematic search (dfs, ipb, idb) cannot go on from an execution whose process died"
                          : std::to_string(max_deaths) + " executions ended their worker"));
      stop_below.store(0);
      return;
    }
    if (i + 1 < opts.iterations) start(w.index, i + 1);
  };

  const auto watchdog = std::chrono::duration_cast<wall::duration>(seconds(opts.watchdog_seconds));
  for (;;) {
    std::vector<pollfd> fds;
    std::vector<worker*> alive;
    for (worker& w : workers) {
      if (w.pid > 0) {
        fds.push_back({w.fd, POLLIN, 0});
        alive.push_back(&w);
      }
    }
    if (alive.empty()) break;
    ::poll(fds.data(), fds.size(), poll_interval_ms);
    if (const int sig = interrupt_signal(); sig != 0) stop_all_and_throw(others(), sig);
    for (std::size_t k = 0; k < alive.size(); ++k) {
      worker& w = *alive[k];
      if ((fds[k].revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
      if (!w.read_lines([&](const std::string& line) { on_line(w, line); })) on_worker_end(w);
    }
    const auto now = wall::now();
    if (opts.time_budget_seconds > 0 && now >= deadline) {
      stop_below.store(0);  // every worker stops at its next execution
      if (now >= deadline + budget_grace) {
        for (worker& w : workers) {
          if (w.pid > 0 && !w.budget_killed) {
            w.budget_killed = true;
            w.kill();
          }
        }
      }
    }
    for (worker& w : workers) {  // the watchdog: an execution that makes no progress
      if (w.pid <= 0 || w.hung) continue;
      const progress_slot& slot = slots.at(w.index);
      const std::uint64_t beat = slot.started.load(std::memory_order_relaxed);
      if (beat != w.heartbeat || slot.running.load(std::memory_order_relaxed) == 0) {
        w.heartbeat = beat;
        w.beat_at = now;
      } else if (now - w.beat_at > watchdog) {
        w.hung = true;
        w.kill();
      }
    }
  }
  if (!error.empty()) throw std::runtime_error(error);

  result merged;
  merged.stats = carried;
  for (unsigned w = 0; w < jobs; ++w) {
    progress_slot& slot = slots.at(w);
    merged.stats.executions += slot.executions;
    merged.stats.steps += slot.steps;
    merged.stats.max_threads = std::max<std::uint32_t>(merged.stats.max_threads, slot.max_threads);
    merged.stats.max_preemptions = std::max<std::uint64_t>(merged.stats.max_preemptions, slot.max_preemptions);
  }
  merged.stats.exhausted = exhausted;
  merged.stats.completed_bound = completed_bound;
  merged.stats.diverged = diverged;
  keep_earliest_divergence(merged.stats, divergence.first_divergence_execution, divergence.first_divergence);
  withhold_claims_if_diverged(merged.stats);  // a worker's bound may be from before the divergence

  // The lock-order graph over every worker's edges, in iteration order; an
  // iteration's lock-order findings come before its other findings, as in
  // the in-process loop.
  std::stable_sort(edges.begin(), edges.end(),
                   [](const iteration_edge& a, const iteration_edge& b) { return a.iteration < b.iteration; });
  std::vector<finding> all;
  lock_order_graph graph;
  add_distinct(merged.suppressed, std::move(suppressed));
  // Each worker sends its first sighting of an edge (a pair of locks taken by
  // one thread under one set of gate locks); the graph keeps the earliest.
  if (opts.detect.enabled(finding_kind::lock_order_inversion)) {
    for (const auto& e : edges) {
      std::vector<std::vector<std::uint64_t>> executions;
      if (auto f = graph.add(e.edge, e.iteration, &executions); f && reported(opts.detect, opts.suppress, *f, merged.suppressed)) {
        f->schedule = encode_schedule({executions});
        all.push_back(std::move(*f));
      }
    }
  }
  all.insert(all.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
  all.insert(all.end(), std::make_move_iterator(deaths.begin()), std::make_move_iterator(deaths.end()));
  std::stable_sort(all.begin(), all.end(), [](const finding& a, const finding& b) { return a.iteration < b.iteration; });
  for (finding& f : all) {
    if (!opts.keep_going && !merged.findings.empty() && f.iteration != merged.findings.front().iteration) break;
    const bool seen = std::any_of(merged.findings.begin(), merged.findings.end(),
                                  [&](const finding& g) { return same_finding(f, g); });
    if (!seen) merged.findings.push_back(std::move(f));
  }
  merged.stats.seconds = std::chrono::duration<double>(wall::now() - started).count();
  return merged;
}

namespace {

/// Reads the child's lines until it ends, killing it (`hung`) when it runs
/// past `seconds_at_most`; returns the last line and the child's status.
std::pair<std::string, int> last_line_of(child_pipe& child, double seconds_at_most) {
  const auto deadline = wall::now() + std::chrono::duration_cast<wall::duration>(seconds(seconds_at_most));
  std::string last;
  for (;;) {
    pollfd p{child.fd, POLLIN, 0};
    ::poll(&p, 1, poll_interval_ms);
    if (const int sig = interrupt_signal(); sig != 0) stop_all_and_throw({&child}, sig);
    if (p.revents != 0 && !child.read_lines([&](const std::string& line) { last = line; })) break;
    if (wall::now() > deadline && !child.hung) {
      child.hung = true;
      child.kill();
    }
  }
  const int status = child.finish();
  return {std::move(last), status};
}

/// fresh_process_per_execution (weft exec): every candidate runs in a
/// process of its own, forked from this one, whose state is still the
/// program's before main. A candidate whose process dies or hangs does not
/// reproduce the finding.
std::optional<shrunk_schedule> shrink_candidates_in_children(const std::function<void()>& body, const schedule& s,
                                                             const options& opts, const finding& f) {
  execution exec(settings_of(opts));
  const shrink_runner run = [&](strategy& candidate) {
    child_pipe child = spawn(
        [&](int fd) {
          capture_deaths(opts.watchdog_seconds);  // a candidate's crash or exit is its finding
          execution_outcome& o = exec.run(body, candidate, false, edge_recording::none);
          if (o.found && is_death(o.found->kind)) locate_captured(*o.found);  // an abort's place, without a trace
          const shrink_trial t = trial_of(o, f);
          wire::write_all(fd, wire::line(json{{"reproduces", t.reproduces},
                                   {"decisions", encode_schedule(schedule{{t.decisions}})},
                                   {"preemptions", t.preemptions},
                                   {"steps", t.steps}}) +
                                  "\n");
        },
        {});
    const auto [last, status] = last_line_of(child, opts.watchdog_seconds * 1.5 + 2);
    const json j = json::parse(last, nullptr, false);
    shrink_trial t;
    if (last.empty() || j.is_discarded()) return t;
    const schedule taken = decode_schedule(j["decisions"].get<std::string>(), decision_limit(opts));
    if (taken.executions.size() != 1) return t;
    t.reproduces = j["reproduces"].get<bool>();
    t.decisions = taken.executions.front();
    t.preemptions = j["preemptions"].get<std::uint64_t>();
    t.steps = j["steps"].get<std::uint64_t>();
    return t;
  };
  return shrink_with(s, opts, run);
}

}  // namespace

std::optional<shrunk_schedule> shrink_supervised(const std::function<void()>& body, const schedule& s,
                                                 const options& opts, const finding& f) {
  if (fresh_process_per_execution) return shrink_candidates_in_children(body, s, opts, f);
  child_pipe child = spawn(
      [&](int fd) {
        const auto send = [fd](const shrunk_schedule& x) {
          wire::write_all(fd, wire::line(json{{"schedule", encode_schedule(x.shrunk)},
                                   {"preemptions", x.preemptions},
                                   {"original_preemptions", x.original_preemptions},
                                   {"complete", x.complete}}) +
                                  "\n");
        };
        if (auto done = shrink_finding(body, s, opts, f, send)) send(*done);
      },
      {});
  // A candidate that hangs is cut at the budget (plus a margin for the fork).
  const auto [last, status] = last_line_of(child, opts.shrink_seconds + 1);
  const json j = json::parse(last, nullptr, false);
  if (last.empty() || j.is_discarded()) return std::nullopt;
  shrunk_schedule out;
  out.shrunk = decode_schedule(j["schedule"].get<std::string>(), decision_limit(opts));
  out.preemptions = j["preemptions"].get<std::uint64_t>();
  out.original_preemptions = j["original_preemptions"].get<std::uint64_t>();
  out.complete = j["complete"].get<bool>() && status == 0;
  return out;
}

std::vector<lock_edge> lock_edges_in_child(execution& exec, const std::function<void()>& body, strategy& s) {
  child_pipe child = spawn(
      [&](int fd) {
        const execution_outcome& o = exec.run(body, s, false, edge_recording::every);
        std::string lines;
        for (const lock_edge& e : o.new_edges) lines += wire::line(wire::to_json(iteration_edge{0, e})) + "\n";
        wire::write_all(fd, lines);
      },
      {});
  std::vector<lock_edge> edges;
  while (child.read_lines([&](const std::string& line) {
    const json j = json::parse(line, nullptr, false);
    if (!j.is_discarded()) edges.push_back(wire::edge_from(j).edge);
  })) {
  }
  child.finish();
  return edges;
}

result replay_supervised(const std::function<void()>& body, const schedule& s, const options& opts) {
  // An unmodified program's output in this replay goes with its finding.
  const program_output output(capture_program_output);
  child_pipe child = spawn(
      [&](int fd) {
        output.redirect();
        capture_deaths(opts.watchdog_seconds);
        result r = replay_schedule(body, s, opts, true);
        output.flush();
        for (finding& f : r.findings) {
          if (is_death(f.kind)) locate_captured(f);
        }
        wire::write_all(fd, wire::line(weft::to_json(r)) + "\n");
      },
      {});
  // The child's own alarm ends a hung execution at the watchdog; this is for
  // a child too damaged to report it.
  const auto [data, status] = last_line_of(child, opts.watchdog_seconds * 1.5 + 2);
  const bool hung = child.hung;
  const json j = json::parse(data, nullptr, false);
  result r;
  if (!j.is_discarded() && !data.empty()) {
    r = result_from_json({j, ""});
  } else {
    r.stats.executions = s.executions.size();
    r.findings.push_back(death_finding(status, hung, opts, 0, encode_schedule(s)));
  }
  if (!r.findings.empty()) {
    std::vector<std::string> printed = output.details();
    auto& details = r.findings.front().details;
    details.insert(details.end(), std::make_move_iterator(printed.begin()), std::make_move_iterator(printed.end()));
  }
  return r;
}

}  // namespace weft::detail
