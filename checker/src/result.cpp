#include "weft/result.hpp"

#include <array>
#include <utility>

namespace weft {
namespace {
/// Each kind: its JSON spelling and one sentence saying what it means. The one
/// table of kinds (spelling, JSON, --detect, suppressions, every reporter).
struct kind_entry {
  finding_kind kind;
  std::string_view name;
  std::string_view meaning;
};
constexpr std::array<kind_entry, 17> kind_table{{
    {finding_kind::assertion, "assertion",
     "A WEFT_ASSERT or the scenario's final check failed."},
    {finding_kind::data_race, "data_race",
     "Two accesses to a shared variable, at least one a write, not ordered by happens-before."},
    {finding_kind::deadlock, "deadlock",
     "No thread can run while some are unfinished: a cycle of threads waiting for each other."},
    {finding_kind::lost_wakeup, "lost_wakeup",
     "A thread waits on a condition variable, semaphore or join that nobody will signal."},
    {finding_kind::lock_order_inversion, "lock_order_inversion",
     "Two mutexes are taken in opposite orders on different paths: a potential deadlock."},
    {finding_kind::livelock, "livelock",
     "An execution exceeded the step bound: threads keep running without finishing."},
    {finding_kind::misuse, "misuse",
     "A synchronisation primitive was used against its contract (unlock not owned, double join, ...)."},
    {finding_kind::uncaught_exception, "uncaught_exception",
     "An exception escaped a thread of the scenario."},
    {finding_kind::linearizability, "linearizability",
     "The recorded history has no valid sequential order matching the model."},
    {finding_kind::crash, "crash",
     "The code under test crashed (signal or abort)."},
    {finding_kind::exit, "exit",
     "The code under test ended the process (exit, _exit or quick_exit) during an execution."},
    {finding_kind::hang, "hang",
     "An execution ran past the watchdog without reaching its end (a loop that never reaches a scheduling point, a real sleep)."},
    {finding_kind::nondeterminism, "nondeterminism",
     "Replaying the schedule did not reproduce the execution: the code depends on something weft does not control."},
    {finding_kind::stress_timeout, "stress_timeout",
     "A stress run on real threads did not finish in time (likely a deadlock or livelock)."},
    {finding_kind::tsan_data_race, "tsan_data_race",
     "ThreadSanitizer reported a data race."},
    {finding_kind::tsan_lock_order_inversion, "tsan_lock_order_inversion",
     "ThreadSanitizer reported a lock-order inversion (potential deadlock)."},
    {finding_kind::tsan_other, "tsan_other",
     "ThreadSanitizer reported a problem."},
}};

/// Each sub-kind: its kind, its spelling and what it means. The one table of
/// sub-kinds (spelling, JSON, SARIF rule ids, --detect, suppressions, reports).
struct subkind_entry {
  finding_subkind subkind;
  finding_kind kind;
  std::string_view name;
  std::string_view meaning;
};
constexpr std::array<subkind_entry, 11> subkind_table{{
    {finding_subkind::relock, finding_kind::misuse, "misuse/relock",
     "A thread locked a non-recursive mutex it already holds: it deadlocks on itself."},
    {finding_subkind::unlock_not_held, finding_kind::misuse, "misuse/unlock_not_held",
     "A thread unlocked a mutex it does not hold (not locked, or held by another thread)."},
    {finding_subkind::destroy_held, finding_kind::misuse, "misuse/destroy_held",
     "A mutex was destroyed while a thread still held it."},
    {finding_subkind::held_at_end, finding_kind::misuse, "misuse/held_at_end",
     "A thread ended while holding a lock; every later taker would wait forever."},
    {finding_subkind::join_self, finding_kind::misuse, "misuse/join_self", "A thread joined itself: it can never end."},
    {finding_subkind::join_not_joinable, finding_kind::misuse, "misuse/join_not_joinable",
     "A thread that is not joinable (already joined or detached, or never started) was joined."},
    {finding_subkind::detach_not_joinable, finding_kind::misuse, "misuse/detach_not_joinable",
     "A thread that is not joinable (already joined or detached, or never started) was detached."},
    {finding_subkind::destroy_joinable, finding_kind::misuse, "misuse/destroy_joinable",
     "A thread object was destroyed while still joinable (std::thread would call std::terminate)."},
    {finding_subkind::over_release, finding_kind::misuse, "misuse/over_release",
     "A semaphore was released beyond its maximum count."},
    {finding_subkind::double_free, finding_kind::misuse, "misuse/double_free",
     "A heap block was freed (free, delete, realloc) after it had been freed already."},
    {finding_subkind::use_after_free, finding_kind::misuse, "misuse/use_after_free",
     "A heap block was read or written after it had been freed, the free happening before the access."},
}};

const kind_entry* entry_of(finding_kind kind) {
  for (const kind_entry& e : kind_table) {
    if (e.kind == kind) return &e;
  }
  return nullptr;
}

const subkind_entry* entry_of(finding_subkind subkind) {
  for (const subkind_entry& e : subkind_table) {
    if (e.subkind == subkind) return &e;
  }
  return nullptr;
}

constexpr std::array<std::pair<finding_source, std::string_view>, 4> source_names{{
    {finding_source::checked, "checked"},
    {finding_source::stress, "stress"},
    {finding_source::tsan, "tsan"},
    {finding_source::relacy, "relacy"},
}};

/// The name of `value` in `table`, or `fallback`.
template <class Enum, std::size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum value,
                         std::string_view fallback) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return fallback;
}

/// The value named `text` in `table`, or nullopt.
template <class Enum, std::size_t N>
std::optional<Enum> value_named(const std::array<std::pair<Enum, std::string_view>, N>& table, std::string_view text) {
  for (const auto& [v, name] : table) {
    if (name == text) return v;
  }
  return std::nullopt;
}
}  // namespace

std::string_view to_string(finding_kind kind) {
  const kind_entry* e = entry_of(kind);
  return e != nullptr ? e->name : "unknown";
}

std::optional<finding_kind> finding_kind_from_string(std::string_view text) {
  for (const kind_entry& e : kind_table) {
    if (e.name == text) return e.kind;
  }
  return std::nullopt;
}

std::string_view describe(finding_kind kind) {
  const kind_entry* e = entry_of(kind);
  return e != nullptr ? e->meaning : "A finding.";
}

std::string_view to_string(finding_subkind subkind) {
  const subkind_entry* e = entry_of(subkind);
  return e != nullptr ? e->name : std::string_view{};
}

std::optional<finding_subkind> finding_subkind_from_string(std::string_view text) {
  for (const subkind_entry& e : subkind_table) {
    if (e.name == text) return e.subkind;
  }
  return std::nullopt;
}

finding_kind kind_of(finding_subkind subkind) {
  const subkind_entry* e = entry_of(subkind);
  return e != nullptr ? e->kind : finding_kind::assertion;
}

std::string_view describe(finding_subkind subkind) {
  const subkind_entry* e = entry_of(subkind);
  return e != nullptr ? e->meaning : std::string_view{};
}

const std::vector<finding_subkind>& all_finding_subkinds() {
  static const std::vector<finding_subkind> subkinds = [] {
    std::vector<finding_subkind> v;
    for (const subkind_entry& e : subkind_table) v.push_back(e.subkind);
    return v;
  }();
  return subkinds;
}

std::string_view kind_name(const finding& f) {
  return f.subkind != finding_subkind::none ? to_string(f.subkind) : to_string(f.kind);
}

std::string_view to_string(finding_source source) { return name_of(source_names, source, "checked"); }

std::optional<finding_source> finding_source_from_string(std::string_view text) {
  return value_named(source_names, text);
}

const std::vector<finding_kind>& all_finding_kinds() {
  static const std::vector<finding_kind> kinds = [] {
    std::vector<finding_kind> v;
    for (const kind_entry& e : kind_table) v.push_back(e.kind);
    return v;
  }();
  return kinds;
}

}  // namespace weft
