#include "deadlock.hpp"

#include <algorithm>
#include <vector>

#include "../runtime/execution.hpp"

namespace weft::detail {
namespace {

/// The thread `t` waits for, or no_thread when its wait has no single owner.
std::uint32_t waits_for(const execution& e, const logical_thread& t) {
  if (e.status(t.id) != thread_status::blocked) return no_thread;
  const wait_kind kind = e.waiting(t.id);
  if (kind == wait_kind::mutex || kind == wait_kind::mutex_shared) {
    return static_cast<const mutex_state*>(e.waiting_on(t.id))->owner;
  }
  if (kind == wait_kind::join) return static_cast<const logical_thread*>(e.waiting_on(t.id))->id;
  return no_thread;
}

std::string describe_wait(const execution& e, const logical_thread& t) {
  std::string s = "thread " + std::to_string(t.id) + " ";
  const wait_kind kind = e.waiting(t.id);
  const void* on = e.waiting_on(t.id);
  switch (kind) {
    case wait_kind::mutex:
    case wait_kind::mutex_shared: {
      const auto* m = static_cast<const mutex_state*>(on);
      s += std::string("waits to lock ") + (kind == wait_kind::mutex_shared ? "(shared) " : "") +
           e.name_of(*m);
      if (m->owner != no_thread) {
        s += ", held by thread " + std::to_string(m->owner) + " (locked at " + file_line(m->acquired_at) + ")";
      } else if (m->readers > 0) {
        s += ", held shared by " + std::to_string(m->readers) + " reader(s)";
      }
      break;
    }
    case wait_kind::condition:
      s += "waits on " + e.name_of(*static_cast<const object_header*>(on)) +
           " and nothing is left to notify it";
      break;
    case wait_kind::semaphore:
      s += "waits to acquire " + e.name_of(*static_cast<const object_header*>(on)) +
           " and nothing is left to release it";
      break;
    case wait_kind::join:
      s += "waits to join thread " + std::to_string(static_cast<const logical_thread*>(on)->id);
      break;
    default:
      s += std::string("waits (") + to_string(kind) + ")";
  }
  return s + " at " + file_line(t.blocked_at);
}

}  // namespace

finding describe_stuck(const execution& e) {
  finding f;
  const std::uint32_t n = e.thread_count();
  // Look for a cycle along the wait-for edges.
  std::vector<std::uint32_t> cycle;
  for (std::uint32_t start = 0; start < n && cycle.empty(); ++start) {
    std::vector<std::uint32_t> path;
    std::vector<bool> on_path(n, false);
    std::uint32_t t = start;
    while (t != no_thread && t < n && !on_path[t]) {
      on_path[t] = true;
      path.push_back(t);
      t = waits_for(e, e.thread(t));
    }
    if (t != no_thread && t < n && on_path[t]) {
      auto first = std::find(path.begin(), path.end(), t);
      cycle.assign(first, path.end());
    }
  }
  if (!cycle.empty()) {
    f.kind = finding_kind::deadlock;
    std::string chain;
    for (std::uint32_t t : cycle) {
      chain += "thread " + std::to_string(t) + " -> ";
      const logical_thread& lt = e.thread(t);
      f.locations.push_back(to_location(lt.blocked_at));
      f.highlight_steps.push_back(lt.blocked_step);
    }
    chain += "thread " + std::to_string(cycle.front());
    f.message = "deadlock: " + chain + " (each waits for the next)";
    f.details.push_back("wait-for cycle:");
    for (std::uint32_t t : cycle) f.details.push_back("  " + describe_wait(e, e.thread(t)));
  } else {
    f.kind = finding_kind::lost_wakeup;
    std::string who;
    for (std::uint32_t t = 0; t < n; ++t) {
      const logical_thread& lt = e.thread(t);
      if (e.status(t) != thread_status::blocked) continue;
      const wait_kind kind = e.waiting(t);
      if (kind == wait_kind::condition || kind == wait_kind::semaphore) {
        if (f.locations.empty()) who = describe_wait(e, lt);
        f.locations.push_back(to_location(lt.blocked_at));
        f.highlight_steps.push_back(lt.blocked_step);
      }
    }
    if (f.locations.empty()) {  // e.g. joins on threads blocked on mutexes held by finished threads
      for (std::uint32_t t = 0; t < n; ++t) {
        const logical_thread& lt = e.thread(t);
        if (e.status(t) != thread_status::blocked) continue;
        if (who.empty()) who = describe_wait(e, lt);
        f.locations.push_back(to_location(lt.blocked_at));
      }
    }
    f.message = "stuck: no thread can run; " + who;
  }
  f.details.push_back("every blocked thread:");
  for (std::uint32_t t = 0; t < n; ++t) {
    const logical_thread& lt = e.thread(t);
    if (e.status(t) == thread_status::blocked) f.details.push_back("  " + describe_wait(e, lt));
  }
  return f;
}

}  // namespace weft::detail
