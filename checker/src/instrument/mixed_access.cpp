// mixed_access.cpp — races between atomic and plain accesses of the same
// bytes, by ThreadSanitizer's rule: two accesses race when at least one of
// them writes, happens-before orders neither, and not both are atomic. An
// int updated with __atomic_fetch_add or std::atomic_ref in one thread and
// read or written plainly in another is one.
//
// The plain accesses' state is the byte shadow's (race.hpp's FastTrack
// state per byte), which an atomic access checks against without changing
// it. An atomic access's own is its object's last atomic write and read as
// epochs (address_atomic), and each byte it touched is marked
// (var_state::atomic_too), so that a plain access looks up the atomic only
// where one was.
#include "../detect/race.hpp"
#include "../runtime/execution.hpp"
#include "address_objects.hpp"

namespace weft::detail::instrument {

void check_atomic_against_plain(address_tables& t, address_atomic& a, std::uintptr_t address, std::size_t size,
                                bool write, const char* kind, const location& where) {
  execution& e = *current();
  if (!e.detect().finds_races() || e.aborting()) return;
  const std::uint32_t me = e.current_id();
  const vclock& mine = e.detect().clock(me);
  if (a.accessed_in != t.generation) {  // its first atomic access in this execution
    a.accessed_in = t.generation;
    a.width = 0;
    a.write_thread = no_thread;
    a.read_thread = no_thread;
  }
  for (std::size_t i = 0; i < size; ++i) {
    var_state& byte = byte_at(t, address + i);
    if (e.adopt(byte, object_kind::var, false)) detectors::on_adopt(byte);
    race::check(e, me, mine, byte, write, kind, where);
    byte.atomic_too = true;
  }
  a.width = std::max<std::uint8_t>(a.width, static_cast<std::uint8_t>(size));
  const std::uint64_t event = e.tracing() ? e.last_event() : 0;
  if (write) {
    a.write_thread = me;
    a.write_clock = mine.get(me);
    a.write_at = where;
    a.write_kind = kind;
    a.write_event = event;
  } else {
    a.read_thread = me;
    a.read_clock = mine.get(me);
    a.read_at = where;
    a.read_kind = kind;
    a.read_event = event;
  }
}

void check_atomic_access(address_tables& t, address_atomic& a, std::uintptr_t address, std::size_t size, bool write,
                         const char* kind, const location& where) {
  check_not_freed(t, address, size, write, where, &a, kind);
  check_atomic_against_plain(t, a, address, size, write, kind, where);
}

void check_plain_against_atomic(address_tables& t, std::uintptr_t address, std::size_t size, bool write,
                                const location& where) {
  execution& e = *current();
  if (!e.detect().finds_races() || e.aborting()) return;
  const std::uint32_t me = e.current_id();
  const vclock& mine = e.detect().clock(me);
  const char* now_kind = write ? "write" : "read";
  const auto races = [&](std::uint32_t thread, std::uint32_t clock) {
    return thread != no_thread && thread != me && clock > mine.get(thread);
  };
  constexpr std::uintptr_t widest = 16;  // bytes of the widest atomic access (a 128-bit compare-exchange)
  auto it = t.atomics.lower_bound(address >= widest ? address - (widest - 1) : 0);
  const var_state& named = byte_at(t, address);  // reports name the memory as plain accesses' do
  for (; it != t.atomics.end() && it->first < address + size; ++it) {
    const address_atomic& a = it->second;
    if (a.accessed_in != t.generation || it->first + a.width <= address) continue;
    if (races(a.write_thread, a.write_clock)) {
      race::report(e, named, now_kind, where, a.write_thread, a.write_kind, to_location(a.write_at), a.write_event);
    }
    if (write && races(a.read_thread, a.read_clock)) {
      race::report(e, named, now_kind, where, a.read_thread, a.read_kind, to_location(a.read_at), a.read_event);
    }
  }
}

}  // namespace weft::detail::instrument
