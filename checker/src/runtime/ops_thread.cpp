// Checked threads, time, assertions and trace helpers.
#include <algorithm>
#include <optional>

#include "../detect/misuse.hpp"
#include "execution.hpp"
#include "weft/assert.hpp"

namespace weft::detail {

std::uint32_t thread_spawn(thread_body&& body, const location& where, std::size_t stack_size) {
  execution& e = exec();
  e.check_abort();
  const std::uint32_t id = e.spawn(std::move(body), where, stack_size);
  if (e.tracing()) {
    e.record("spawn", nullptr, where);
    e.record_value("thread " + std::to_string(id));
  }
  // No scheduling point of its own: the parent's next visible operation is
  // one, and nothing the child does can be observed before it.
  return id;
}

namespace {
/// thread_join with an optional deadline: false when it passed first.
bool join_until(std::uint32_t id, const time_point* deadline, const location& where) {
  execution& e = exec();
  // No scheduling point: join only observes the target's end, so it either
  // blocks (letting others run) or commutes with everything else.
  e.check_abort();
  if (e.tracing()) {
    e.record("join", nullptr, where);
    e.record_value("thread " + std::to_string(id));
  }
  if (id == e.current_id()) misuse(finding_subkind::join_self, "a thread joins itself (deadlock)", where);
  if (id >= e.thread_count()) misuse(finding_subkind::join_not_joinable, "join of an unknown thread", where);
  logical_thread& target = e.thread(id);
  if (target.joined) misuse(finding_subkind::join_not_joinable, "thread " + std::to_string(id) + " joined twice", where);
  while (e.status(id) != thread_status::finished) {
    ++target.joiners;
    const bool woken = e.block(wait_kind::join, &target, where, deadline);
    --target.joiners;
    if (e.self().wait_interrupted()) return false;  // cancelled: the thread stays joinable
    if (!woken && e.status(id) != thread_status::finished) return false;
  }
  target.joined = true;
  e.detect().on_join(e.current_id(), id);
  return true;
}
}  // namespace

bool thread_join(std::uint32_t id, const location& where) { return join_until(id, nullptr, where); }

bool thread_join_until(std::uint32_t id, const time_point& deadline, const location& where) {
  return join_until(id, &deadline, where);
}

bool thread_ended(std::uint32_t id) noexcept {
  execution* e = current();
  return e != nullptr && id < e->thread_count() && e->status(id) == thread_status::finished;
}

void thread_interrupt(std::uint32_t id) {
  execution& e = exec();
  if (id < e.thread_count()) e.interrupt(e.thread(id));
}

namespace {
/// The logical thread running now, or null (outside an execution, or weft's own code).
logical_thread* running_thread() noexcept {
  execution* e = current();
  return e != nullptr && e->current_id() < e->thread_count() ? &e->self() : nullptr;
}
}  // namespace

bool thread_interrupted(bool clear) noexcept {
  logical_thread* me = running_thread();
  if (me == nullptr) return false;
  const bool was = me->interrupted;
  if (clear) me->interrupted = false;
  return was;
}

bool thread_wait_interrupted() noexcept {
  const logical_thread* me = running_thread();
  return me != nullptr && me->wait_interrupted();
}

void thread_interruptible(bool at_cancellation_point) noexcept {
  if (logical_thread* me = running_thread()) me->interruptible = at_cancellation_point;
}

void thread_detach(std::uint32_t id, const location& where) {
  execution& e = exec();
  e.check_abort();
  if (e.tracing()) {
    e.record("detach", nullptr, where);
    e.record_value("thread " + std::to_string(id));
  }
  if (id >= e.thread_count()) misuse(finding_subkind::detach_not_joinable, "detach of an unknown thread", where);
  e.thread(id).detached = true;
}

void thread_yield(const location& where) {
  execution& e = exec();
  e.yielded();
  e.schedule("yield", where);
  if (e.tracing()) e.record("yield", nullptr, where);
}

bool thread_wait_outside(bool (*waits_outside)(std::uint32_t thread), const char* what, const location& where,
                         const time_point* also_until) {
  execution& e = exec();
  std::optional<time_point> earliest;
  if (also_until != nullptr) earliest = *also_until;
  for (std::uint32_t id = 0; id < e.thread_count(); ++id) {
    if (id == e.current_id() || waits_outside(id)) continue;
    const thread_status s = e.status(id);
    if (s == thread_status::runnable) {
      thread_give_way(what, where);
      return true;
    }
    const logical_thread& t = e.thread(id);
    if (s == thread_status::blocked && t.has_deadline && (!earliest || t.deadline < *earliest)) earliest = t.deadline;
  }
  if (!earliest) return false;
  thread_sleep_until(*earliest, where);  // virtual time moves on to the sleeper's wake-up
  return true;
}

void thread_give_way(const char* what, const location& where) {
  execution& e = exec();
  e.check_abort();
  e.give_way();
  e.schedule(what, where);
  if (e.tracing()) e.record(what, nullptr, where);
}

void thread_point(const char* what, const location& where) {
  execution& e = exec();
  e.check_abort();
  e.schedule(what, where);
  if (e.tracing()) e.record(what, nullptr, where);
}

void thread_sleep_until(time_point deadline, const location& where) {
  execution& e = exec();
  e.check_abort();
  if (e.tracing()) e.record("sleep", nullptr, where);
  // Not a yield: a thread may not run at all while another sleeps, so the
  // sleeper may wake first. Its wake-up is a failed attempt (fairness.cpp):
  // the next one in a polling loop gives way.
  const time_point until = std::max(deadline, e.now());
  e.block(wait_kind::sleep, nullptr, where, &until);
}

void logical_time_passed(clock::duration waited) noexcept {
  if (current() != nullptr) current()->outside_time_passed(waited);
}

time_point logical_now() noexcept { return current() != nullptr ? current()->now() : clock::now(); }

std::uint32_t current_thread_id() noexcept { return current() != nullptr ? current()->current_id() : no_thread; }

void fail(finding_kind kind, std::string message, const location& where) {
  finding f;
  f.kind = kind;
  f.message = std::move(message);
  f.locations.push_back(to_location(where));
  exec().fail(std::move(f));
}

void misuse(finding_subkind what, std::string message, const location& where) {
  exec().fail(misuse_finding(what, std::move(message), where));
}

void report_misuse(finding_subkind what, std::string message, const location& where) noexcept {
  execution* e = current();
  if (e == nullptr || e->aborting()) return;
  e->report(misuse_finding(what, std::move(message), where));
}

void trace_value(std::string text) { exec().record_value(std::move(text)); }

bool in_checked_execution() noexcept { return current() != nullptr; }

void assertion_failed_checked(const char* expression, std::string message, const location& where) {
  execution& e = exec();
  if (e.tracing()) e.record("assert_failed", nullptr, where);
  finding f;
  f.kind = finding_kind::assertion;
  f.message = message.empty() ? std::string("assertion failed: ") + expression
                              : message + " (" + expression + ")";
  f.message += " in thread " + std::to_string(e.current_id());
  f.locations.push_back(to_location(where));
  if (e.tracing()) f.highlight_steps.push_back(e.last_event());
  e.fail(std::move(f));
}

}  // namespace weft::detail
