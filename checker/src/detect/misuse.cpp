// misuse.cpp — the text of every misuse finding the runtime raises.
#include "misuse.hpp"

#include <cstddef>
#include <cstdio>

#include "../runtime/execution.hpp"

namespace weft::detail {

finding misuse_finding(finding_subkind what, std::string message, const location& where) {
  finding f;
  f.kind = finding_kind::misuse;
  f.subkind = what;
  f.message = std::move(message);
  f.locations.push_back(to_location(where));
  return f;
}

finding relock_misuse(const execution& e, const mutex_state& m, const location& where) {
  finding f = misuse_finding(finding_subkind::relock,
                             "thread " + std::to_string(e.current_id()) + " locks " + e.name_of(m) +
                                 ", which it already holds (a non-recursive mutex: self-deadlock)",
                             where);
  f.locations.push_back(to_location(m.acquired_at));
  f.details.push_back("first locked at " + file_line(m.acquired_at));
  return f;
}

finding destroy_held_misuse(const execution& e, const mutex_state& m) {
  return misuse_finding(
      finding_subkind::destroy_held,
      e.name_of(m) + " destroyed while held" +
          (m.owner != no_thread ? " by thread " + std::to_string(m.owner) : std::string(" by readers")),
      m.acquired_at);
}

finding unlock_not_held_misuse(const execution& e, const mutex_state& m, bool shared, const location& where) {
  const std::string who = "thread " + std::to_string(e.current_id());
  if (shared) {
    return misuse_finding(finding_subkind::unlock_not_held,
                          who + " calls unlock_shared on " + e.name_of(m) + ", which no reader holds", where);
  }
  return misuse_finding(
      finding_subkind::unlock_not_held,
      who + " unlocks " + e.name_of(m) + ", which it does not hold" +
          (m.owner == no_thread ? " (it is not locked)" : " (held by thread " + std::to_string(m.owner) + ")"),
      where);
}

finding over_release_misuse(const execution& e, const semaphore_state& s, std::ptrdiff_t n, const location& where) {
  return misuse_finding(finding_subkind::over_release,
                        e.name_of(s) + " released beyond its maximum (" + std::to_string(s.count) + " + " +
                            std::to_string(n) + " > " + std::to_string(s.max) + ")",
                        where);
}

namespace {

std::string address_text(const void* address) {
  char text[32];
  std::snprintf(text, sizeof text, "%p", address);
  return text;
}

std::string block_text(const void* block, std::size_t size) {
  return "the heap block at " + address_text(block) + " (" + std::to_string(size) + " usable bytes)";
}

}  // namespace

finding double_free_misuse(const execution& e, const char* how, const void* block, std::size_t size,
                           std::uint32_t first_by, const location& first_at, const location& where) {
  const std::string what = block_text(block, size);
  finding f = misuse_finding(finding_subkind::double_free,
                             "thread " + std::to_string(e.current_id()) + " calls " + how + " on " + what +
                                 ", which thread " + std::to_string(first_by) + " freed already at " +
                                 file_line(first_at),
                             where);
  f.locations.push_back(to_location(first_at));
  f.details.push_back("first freed by thread " + std::to_string(first_by) + " at " + file_line(first_at));
  return f;
}

finding use_after_free_misuse(const execution& e, bool write, const void* address, std::size_t size,
                              const void* block, std::size_t block_size, std::uint32_t freed_by,
                              const location& freed_at, const location& where) {
  const auto offset = static_cast<const std::byte*>(address) - static_cast<const std::byte*>(block);
  finding f = misuse_finding(finding_subkind::use_after_free,
                             "thread " + std::to_string(e.current_id()) + (write ? " writes " : " reads ") +
                                 std::to_string(size) + (size == 1 ? " byte" : " bytes") + " at offset " +
                                 std::to_string(offset) + " of " + block_text(block, block_size) +
                                 ", which thread " + std::to_string(freed_by) + " freed at " +
                                 file_line(freed_at) + " before it (a use after free)",
                             where);
  f.locations.push_back(to_location(freed_at));
  f.details.push_back("freed by thread " + std::to_string(freed_by) + " at " + file_line(freed_at) +
                      ", which happens before the access");
  return f;
}

// Like Relacy: a lock must be released by the thread that holds it; a thread
// ending with one held would leave every other taker blocked forever.
void report_held_at_end(execution& e, std::uint32_t thread, std::span<const held_lock> held) {
  const held_lock& first = held.front();
  finding f;
  f.kind = finding_kind::misuse;
  f.subkind = finding_subkind::held_at_end;
  f.message = "thread " + std::to_string(thread) + " ended while holding " + e.name_of(*first.mutex) +
              (first.exclusive ? "" : " (shared)") + ", locked at " + file_line(first.where) +
              " (a lock must be released by the thread that holds it)";
  for (const held_lock& h : held) {
    f.locations.push_back(to_location(h.where));
    f.details.push_back(e.name_of(*h.mutex) + (h.exclusive ? "" : " (shared)") + " locked at " +
                        file_line(h.where) + " and never unlocked by thread " + std::to_string(thread));
  }
  e.report(std::move(f));
}

}  // namespace weft::detail
