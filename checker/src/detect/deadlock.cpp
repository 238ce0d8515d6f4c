#include "deadlock.hpp"

#include <algorithm>
#include <vector>

#include "../runtime/execution.hpp"

namespace weft::detail {
namespace {

library_waits known_library_waits;

/// Whether `thread` holds `m` shared.
bool holds_shared(const held_by_thread& held, std::uint32_t thread, const mutex_state* m) {
  if (thread >= held.size()) return false;
  return std::any_of(held[thread].begin(), held[thread].end(),
                     [m](const held_lock& h) { return h.mutex == m && !h.exclusive; });
}

/// The threads `t` waits for: the owner of the lock it waits to take, or,
/// free of an owner, its readers (a writer waits) or the writers waiting
/// before it (a reader of a lock whose writers go first); the thread it joins.
std::vector<std::uint32_t> waits_for(const execution& e, const held_by_thread& held, std::uint32_t t) {
  if (e.status(t) != thread_status::blocked) return {};
  const wait_kind kind = e.waiting(t);
  if (kind == wait_kind::join) return {static_cast<const logical_thread*>(e.waiting_on(t))->id};
  if (kind == wait_kind::condition && known_library_waits.waits_for != nullptr) return known_library_waits.waits_for(t);
  if (kind != wait_kind::mutex && kind != wait_kind::mutex_shared) return {};
  const auto* m = static_cast<const mutex_state*>(e.waiting_on(t));
  if (m->owner != no_thread) return {m->owner};
  std::vector<std::uint32_t> others;
  for (std::uint32_t u = 0; u < e.thread_count(); ++u) {
    // A writer that holds the lock shared itself (an "upgrade") waits for itself.
    const bool reader_of_m = kind == wait_kind::mutex && holds_shared(held, u, m);
    const bool writer_before = kind == wait_kind::mutex_shared && u != t && m->writers_first &&
                               e.status(u) == thread_status::blocked && e.waiting(u) == wait_kind::mutex &&
                               e.waiting_on(u) == m;
    if (reader_of_m || writer_before) others.push_back(u);
  }
  return others;
}

/// A cycle of the wait-for graph, in order, or none.
std::vector<std::uint32_t> wait_cycle(const execution& e, const held_by_thread& held) {
  const std::uint32_t n = e.thread_count();
  enum class mark : std::uint8_t { unseen, on_path, done };
  std::vector<mark> marks(n, mark::unseen);
  std::vector<std::uint32_t> path;
  // Depth first from each thread; a successor on the path closes a cycle.
  const auto visit = [&](const auto& self, std::uint32_t t) -> std::vector<std::uint32_t> {
    marks[t] = mark::on_path;
    path.push_back(t);
    for (const std::uint32_t next : waits_for(e, held, t)) {
      if (next >= n) continue;
      if (marks[next] == mark::on_path) return {std::find(path.begin(), path.end(), next), path.end()};
      if (marks[next] == mark::unseen) {
        if (auto cycle = self(self, next); !cycle.empty()) return cycle;
      }
    }
    marks[t] = mark::done;
    path.pop_back();
    return {};
  };
  for (std::uint32_t start = 0; start < n; ++start) {
    if (marks[start] != mark::unseen) continue;
    if (auto cycle = visit(visit, start); !cycle.empty()) return cycle;
  }
  return {};
}

/// Where `t` waits: the program's place a library model names, else the
/// blocking call's.
location waits_at(const logical_thread& t) {
  if (known_library_waits.waits_at != nullptr) {
    if (const location at = known_library_waits.waits_at(t.id); at.line() != 0) return at;
  }
  return location(t.blocked_at);
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
      if (kind == wait_kind::mutex_shared && m->owner == no_thread && m->writers_first && m->writers_waiting > 0) {
        s += ", behind " + std::to_string(m->writers_waiting) + " waiting writer(s) (writers go first)";
      }
      break;
    }
    case wait_kind::condition:
      if (std::string said = known_library_waits.describe != nullptr ? known_library_waits.describe(t.id) : "";
          !said.empty()) {
        s += said;
        break;
      }
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
  return s + " at " + file_line(waits_at(t));
}

}  // namespace

void set_library_waits(library_waits waits) { known_library_waits = waits; }

finding describe_stuck(const execution& e, const held_by_thread& held) {
  finding f;
  const std::uint32_t n = e.thread_count();
  const std::vector<std::uint32_t> cycle = wait_cycle(e, held);
  if (!cycle.empty()) {
    f.kind = finding_kind::deadlock;
    std::string chain;
    for (std::uint32_t t : cycle) {
      chain += "thread " + std::to_string(t) + " -> ";
      const logical_thread& lt = e.thread(t);
      f.locations.push_back(to_location(waits_at(lt)));
      f.highlight_steps.push_back(lt.blocked_step);
    }
    chain += "thread " + std::to_string(cycle.front());
    f.message = "deadlock: " + chain + (cycle.size() == 1 ? " (it waits for itself)" : " (each waits for the next)");
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
        f.locations.push_back(to_location(waits_at(lt)));
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
