// race.hpp — the data race detector: FastTrack (Flanagan & Freund) on plain
// shared variables (weft::var). The last write is kept as an epoch, the
// reads as an epoch or, once two reads are concurrent, a vector clock; an
// access races with an earlier one that does not happen before it
// (happens_before.hpp). Found by happens-before whatever the interleaving.
//
// The per-variable state is inline in the variable (var_state in
// weft/detail/runtime.hpp); the checks are inline here, the report is not.
#pragma once

#include <cstdint>

#include "weft/detail/runtime.hpp"
#include "weft/detail/vclock.hpp"
#include "weft/result.hpp"

namespace weft::detail {

class execution;

namespace race {

/// Reports a race between the current access (`now_kind` at `where`) and an
/// earlier one, and ends the execution, unless a suppression rule matches
/// it: then the execution goes on, as on real threads under ThreadSanitizer.
void report(execution& e, const var_state& v, const char* now_kind, const location& where,
            std::uint32_t other_thread, const char* other_kind, const location& other_where);
/// The same for any object (an atomic one whose memory was freed), with the
/// earlier access's trace step (`other_event`, tracing only).
void report(execution& e, const object_header& object, const char* now_kind, const location& where,
            std::uint32_t other_thread, const char* other_kind, const source_location& other_where,
            std::uint64_t other_event);

/// The state of a variable first used in this execution.
inline void reset(var_state& v) {
  v.write_thread = no_thread;
  v.write_clock = 0;
  v.read_thread = no_thread;
  v.read_clock = 0;
  v.read_by = no_thread;
  v.shared_reads = false;
  v.atomic_too = false;
  v.reads.clear();
}

/// Whether the last write to `v` is unordered with thread `me` (clock `mine`).
inline bool write_races(const var_state& v, std::uint32_t me, const vclock& mine) {
  return v.write_thread != no_thread && v.write_thread != me && v.write_clock > mine.get(v.write_thread);
}

/// Reports the earlier accesses of `v` an access by thread `me` (clock
/// `mine`, `now_kind` at `where`) races with, without recording it: the
/// last write, and when the access writes (`writes`), the reads.
inline void check(execution& e, std::uint32_t me, const vclock& mine, const var_state& v, bool writes,
                  const char* now_kind, const location& where) {
  if (write_races(v, me, mine)) report(e, v, now_kind, where, v.write_thread, "write", v.write_at);
  if (!writes) return;
  if (v.shared_reads) {
    for (std::uint32_t t = 0; t < v.reads.size(); ++t) {
      if (t != me && v.reads.get(t) > mine.get(t)) report(e, v, now_kind, where, t, "read", v.read_at);
    }
  } else if (v.read_thread != no_thread && v.read_thread != me && v.read_clock > mine.get(v.read_thread)) {
    report(e, v, now_kind, where, v.read_thread, "read", v.read_at);
  }
}
/// A read of `v` by thread `me` whose clock is `mine`; `event` is its trace
/// index (read only when the execution is traced). Returns whether `me` had
/// not read `v` at this epoch yet (nor written it since).
inline bool read(execution& e, std::uint32_t me, const vclock& mine, var_state& v, const location& where,
                 std::uint64_t event) {
  check(e, me, mine, v, false, "read", where);
  const std::uint32_t now = mine.get(me);
  const bool fresh = v.shared_reads ? v.reads.get(me) != now : v.read_thread != me || v.read_clock != now;
  if (v.shared_reads) {
    v.reads.set(me, now);
  } else if (v.read_thread == no_thread || v.read_thread == me || v.read_clock <= mine.get(v.read_thread)) {
    v.read_thread = me;  // the previous read happens before this one: keep one epoch
    v.read_clock = now;
  } else {  // concurrent reads: switch to a read vector clock
    v.shared_reads = true;
    v.reads.clear();
    v.reads.set(v.read_thread, v.read_clock);
    v.reads.set(me, now);
  }
  v.read_at = where;
  v.read_by = me;
  v.read_event = event;
  return fresh;
}

/// A write of `v` by thread `me` whose clock is `mine` (see read()).
inline void write(execution& e, std::uint32_t me, const vclock& mine, var_state& v, const location& where,
                  std::uint64_t event) {
  check(e, me, mine, v, true, "write", where);
  v.write_thread = me;
  v.write_clock = mine.get(me);
  v.write_at = where;
  v.write_event = event;
  v.shared_reads = false;
  v.read_thread = no_thread;
  v.reads.clear();
}

}  // namespace race
}  // namespace weft::detail
