// The fiber mutexes' waits in weft exec's model of Boost.Fiber
// (boost_fiber.hpp): what the deadlock detector asks when no thread can run
// and a thread waits in its fiber scheduler's condition variable.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "../detect/deadlock.hpp"
#include "../runtime/execution.hpp"
#include "../runtime/symbolize.hpp"
#include "address_objects.hpp"
#include "boost_fiber.hpp"

namespace weft::detail::instrument {
namespace {

/// The fiber mutexes' waits, for the deadlock detector: which thread's fiber
/// holds each fiber mutex, what the fibers of each thread wait to lock (and
/// where the program called lock), and which threads wait in their
/// scheduler for a fiber to become ready; emptied when a new execution
/// begins in the process. Kept in weft's sections.
struct fiber_mutex_waits {
  std::uint64_t generation = 0;  // the execution's (execution::generation)
  struct wanted_lock {
    const void* mutex;
    const void* pc;
  };
  std::map<const void*, std::uint32_t> holder;
  std::multimap<std::uint32_t, wanted_lock> wanted;
  std::set<std::uint32_t> idle;
};
fiber_mutex_waits& mutex_waits() {
  static fiber_mutex_waits w;
  if (const std::uint64_t now = exec().generation(); w.generation != now) {
    w = fiber_mutex_waits{};
    w.generation = now;
  }
  return w;
}
std::uint32_t current_thread() { return exec().self().id; }

/// library_waits: a thread waiting in its scheduler waits for the threads
/// whose fibers hold the mutexes its fibers wait to lock.
std::vector<std::uint32_t> fiber_waits_for(std::uint32_t thread) {
  const fiber_mutex_waits& w = mutex_waits();
  std::vector<std::uint32_t> others;
  if (!w.idle.contains(thread)) return others;
  const auto [first, last] = w.wanted.equal_range(thread);
  for (auto it = first; it != last; ++it) {
    if (const auto held = w.holder.find(it->second.mutex); held != w.holder.end()) others.push_back(held->second);
  }
  return others;
}
std::string fiber_wait_said(std::uint32_t thread) {
  const fiber_mutex_waits& w = mutex_waits();
  if (!w.idle.contains(thread)) return "";
  std::string said;
  const auto [first, last] = w.wanted.equal_range(thread);
  for (auto it = first; it != last; ++it) {
    const std::string name = describe_data(it->second.mutex);
    said += said.empty() ? "runs no fiber (its scheduler waits for one to be ready): its fiber waits" : "; another";
    said += " to lock a boost::fibers::mutex" + (name.empty() ? "" : " (" + name + ")");
    if (const auto held = w.holder.find(it->second.mutex); held != w.holder.end()) {
      said += " held by a fiber of thread " + std::to_string(held->second);
    }
    if (it != first) said += " at " + file_line(location::caller(it->second.pc));
  }
  return said;
}
/// The program's lock the first of those fibers waits in.
location fiber_waits_at(std::uint32_t thread) {
  const fiber_mutex_waits& w = mutex_waits();
  const auto wanted = w.wanted.find(thread);
  if (!w.idle.contains(thread) || wanted == w.wanted.end()) return {};
  return location::caller(wanted->second.pc);
}

}  // namespace

std::uint32_t wants_fiber_mutex(const void* mutex, const void* pc) {
  if (tables() == nullptr) return no_thread;
  const weft_section weft;
  const std::uint32_t me = current_thread();
  mutex_waits().wanted.insert({me, {mutex, pc}});
  return me;
}
void took_fiber_mutex(const void* mutex, std::uint32_t waited_on) {
  if (tables() == nullptr) return;
  const weft_section weft;
  fiber_mutex_waits& w = mutex_waits();
  const auto [first, last] = w.wanted.equal_range(waited_on);
  for (auto it = first; it != last; ++it) {
    if (it->second.mutex == mutex) {
      w.wanted.erase(it);
      break;
    }
  }
  w.holder[mutex] = current_thread();
}
void let_go_fiber_mutex(const void* mutex) {
  if (tables() == nullptr) return;
  const weft_section weft;
  mutex_waits().holder.erase(mutex);
}

void scheduler_idle(bool idle) {
  if (tables() == nullptr) return;
  const weft_section weft;
  if (idle) {
    mutex_waits().idle.insert(current_thread());
  } else {
    mutex_waits().idle.erase(current_thread());
  }
}

void follow_fiber_mutex_waits() { set_library_waits({fiber_waits_for, fiber_wait_said, fiber_waits_at}); }

}  // namespace weft::detail::instrument
