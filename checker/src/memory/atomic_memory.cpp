// The C++ memory model of weft::atomic (see atomic_memory.hpp for what is
// modelled and why). The accesses are called right after their scheduling
// point, by the thread that runs.
#include "atomic_memory.hpp"

#include "../detect/happens_before.hpp"
#include "../runtime/execution.hpp"
#include "value_bytes.hpp"

namespace weft::detail {
namespace {

constexpr bool is_seq_cst(std::memory_order o) { return o == std::memory_order_seq_cst; }

std::uint32_t epoch_of(const vclock& clock, std::uint32_t thread) { return clock.get(thread); }

/// Whether some thread saw `seen`'s store at an epoch that happens before `clock`.
bool seen_before(const vclock& seen, const vclock& clock) {
  for (std::uint32_t u = 0; u < seen.size(); ++u) {
    const std::uint32_t at = seen.get(u);
    if (at != 0 && at <= clock.get(u)) return true;
  }
  return false;
}

}  // namespace

void atomic_memory::begin_execution() {
  used_ = 0;
  // Only the threads whose fence clocks were set need clearing: most never
  // have any (no fences, no relaxed reads of a release), and cost nothing here.
  for (const std::uint32_t t : dirty_threads_) {
    threads_[t].fence_release.clear();
    threads_[t].pending_acquire.clear();
    threads_[t].dirty = false;
  }
  dirty_threads_.clear();
  fences_.clear();
  seq_ = 0;
}

std::uint32_t atomic_memory::add_object() {
  if (used_ == objects_.size()) [[unlikely]]
    add_object_room();
  object& o = objects_[used_];
  o.stores.forget();  // object_of() sizes it at the first access
  o.version = ++stamp_;
  return used_++;
}

void atomic_memory::add_object_room() { objects_.emplace_back(); }

// The per-access helpers below are inlined into the accesses (each runs at
// every atomic access; their calls cost as much as their common paths), and
// their first-use paths are kept out of line.

[[gnu::noinline]] void atomic_memory::add_threads(std::uint32_t upto) {
  threads_.resize(upto + 1);  // pooled across executions; new ones start clear
}

[[gnu::always_inline]] inline atomic_memory::thread_state& atomic_memory::thread_of(std::uint32_t thread) {
  if (thread >= threads_.size()) [[unlikely]]
    add_threads(thread);
  return threads_[thread];
}

void atomic_memory::dirtied(std::uint32_t thread) {
  thread_state& s = threads_[thread];
  if (s.dirty) return;
  s.dirty = true;
  dirty_threads_.push_back(thread);
}

[[gnu::noinline]] void atomic_memory::first_access(object& o, const void* newest, std::size_t size) {
  // The value the object holds is its first store, seen by every thread.
  o.tracked = size <= max_tracked;
  o.size = o.tracked ? static_cast<std::uint8_t>(size) : 0;
  o.stores.reset(o.tracked ? history_ + 1 : 1, o.tracked ? history_slots_ : 1);
  store_record& first = o.stores.insert(0);
  first.seen.clear();
  first.sync.clear();
  first.sc_seq = no_seq;
  first.event = -1;
  first.rmw = false;
  first.unwritten = false;
  first.initial = true;
  if (o.tracked) copy_bytes(first.bytes.data(), newest, size);
}

[[gnu::noinline]] void atomic_memory::mixed_widths(object& o) {
  // Its newest store stays, the way an object of untracked values keeps one
  // (first_access): a one-store ring, read as the newest by every load,
  // continued by every read-modify-write (a release sequence across widths).
  store_record newest = o.stores.back();
  o.tracked = false;
  o.size = 0;
  o.stores.reset(1, 1);
  o.stores.insert(0) = std::move(newest);
}

[[gnu::noinline]] void atomic_memory::renew(object& o, const void* newest, std::size_t size) {
  o.stores.forget();
  o.version = ++stamp_;
  first_access(o, newest, size);
}

[[gnu::always_inline]] inline atomic_memory::object& atomic_memory::object_of(atomic_state& a, const void* newest,
                                                                              std::size_t size) {
  object& o = objects_[a.history];
  if (o.stores.size() == 0) {
    first_access(o, newest, size);
  } else if (o.tracked && size != o.size) [[unlikely]] {
    mixed_widths(o);
  } else if (history_ > 0 && o.tracked && !same_bytes(o.stores.back().bytes.data(), newest, size)) [[unlikely]] {
    store_record& last = o.stores.back();
    if (last.unwritten) {  // a volatile store (store_unwritten): memory holds its value now
      copy_bytes(last.bytes.data(), newest, size);
      last.unwritten = false;
      return o;
    }
    // The object holds a value no store of its history wrote: code weft
    // does not see wrote it (weft exec: a new std::atomic constructed with
    // an uninstrumented store in a stack slot an earlier one used, a
    // library's own store). A new object, from that value: no load may read
    // a store of the old one.
    renew(o, newest, size);
  }
  return o;
}

bool atomic_memory::stale_allowed(const object& o, std::uint32_t thread) const {
  return thread >= o.stale_at.size() || o.stale_at[thread] != o.version;
}

void atomic_memory::mark_stale(object& o, std::uint32_t thread) {
  if (o.stale_at.size() <= thread) [[unlikely]]
    o.stale_at.resize(thread + 1, 0);
  o.stale_at[thread] = o.version;
}

std::size_t atomic_memory::floor(const object& o, const vclock& clock, bool seq_cst) const {
  const store_ring& s = o.stores;
  std::size_t lo = 0;
  // The newest store at or above `lo` for which `holds` is true raises lo.
  const auto raise = [&](auto&& holds) {
    for (std::size_t j = s.size() - 1; j > lo; --j) {
      if (holds(s[j])) {
        lo = j;
        return;
      }
    }
  };
  // [atomics.order]/4.1: a seq_cst access is coherence-after every seq_cst
  // access earlier in S (S is execution order).
  if (seq_cst) raise([](const store_record& r) { return r.sc_seq != no_seq; });
  // Coherence: not before a store that this thread, or one that happens
  // before it, has seen (written or read).
  raise([&](const store_record& r) { return seen_before(r.seen, clock); });
  if (fences_.empty()) return lo;
  // The newest seq_cst fence X that happens before this access.
  std::size_t x = fences_.size();
  while (x-- > 0) {
    const sc_fence& f = fences_[x];
    if (f.epoch <= clock.get(f.thread)) break;
  }
  if (x < fences_.size()) {
    const std::uint64_t x_seq = fences_[x].seq;
    // /4.3: coherence-after every seq_cst access before X in S.
    raise([&](const store_record& r) { return r.sc_seq < x_seq; });
    // /4.4: coherence-after what happens before a seq_cst fence before X.
    if (x > 0) raise([&](const store_record& r) { return seen_before(r.seen, fences_[x - 1].upto); });
  }
  // /4.2: a seq_cst access is coherence-after what happens before any
  // earlier seq_cst fence.
  if (seq_cst) raise([&](const store_record& r) { return seen_before(r.seen, fences_.back().upto); });
  return lo;
}

[[gnu::always_inline]] inline void atomic_memory::read(execution& e, store_record& s, std::uint32_t thread,
                                                       std::memory_order order, std::uint64_t seq) {
  detectors& d = e.detect();
  if (weak_) {
    if (s.seen.get(thread) == 0) s.seen.set(thread, epoch_of(d.clock(thread), thread));
    if (seq != no_seq && s.sc_seq == no_seq) s.sc_seq = seq;
  }
  if (s.sync.size() == 0) return;
  if (happens_before::is_acquire(order)) {
    d.on_atomic_acquire(thread, s.sync);
  } else {
    thread_of(thread).pending_acquire.join(s.sync);  // an acquire fence later synchronises
    dirtied(thread);
  }
}

atomic_memory::store_record& atomic_memory::insert(object& o, std::size_t at) {
  o.version = ++stamp_;
  store_record& s = o.stores.insert(at);
  s.initial = false;
  return s;
}

[[gnu::always_inline]] inline void atomic_memory::written(execution& e, store_record& s, std::uint32_t thread,
                                                          const void* value, std::size_t size, bool tracked) {
  s.event = e.tracing() ? static_cast<std::int64_t>(e.last_event()) : -1;
  s.seen.clear();
  s.seen.set(thread, epoch_of(e.detect().clock(thread), thread));
  s.unwritten = false;
  if (tracked) copy_bytes(s.bytes.data(), value, size);
}

void atomic_memory::load(execution& e, atomic_state& a, std::memory_order order, void* value, std::size_t size) {
  object& o = object_of(a, value, size);
  const std::uint32_t t = e.current_id();
  store_ring& s = o.stores;
  const std::size_t newest = s.size() - 1;
  std::size_t pick = newest;
  if (weak_ && newest > 0 && stale_allowed(o, t)) {
    const std::size_t lo = floor(o, e.detect().clock(t), is_seq_cst(order));
    if (lo < newest) pick = newest - e.choose(newest - lo + 1);  // 0: the newest
  }
  if (pick != newest) {
    copy_bytes(value, s[pick].bytes.data(), size);
    mark_stale(o, t);
    if (e.tracing()) e.note_read_from(s[pick].event, static_cast<std::uint32_t>(newest - pick));
  }
  read(e, s[pick], t, order, is_seq_cst(order) ? next_seq() : no_seq);
}

bool atomic_memory::store(execution& e, atomic_state& a, std::memory_order order, const void* newest,
                          const void* value, std::size_t size) {
  object& o = object_of(a, newest, size);
  const std::uint32_t t = e.current_id();
  const std::size_t n = o.stores.size();
  std::size_t at = n;
  if (weak_ && o.tracked && n > 1) {  // one store: the newest place is the only one
    // After every store this thread must be coherence-after; not between a
    // read-modify-write and the store it read. 0: the newest.
    const std::size_t lo = floor(o, e.detect().clock(t), is_seq_cst(order));
    if (n - 1 > lo) {  // else the newest place is the only one
      choices_.clear();
      choices_.push_back(n);
      for (std::size_t p = n - 1; p > lo; --p) {
        if (!o.stores[p].rmw) choices_.push_back(p);
      }
      if (choices_.size() > 1) at = choices_[e.choose(choices_.size())];
    }
  }
  const bool is_newest = at == n;
  store_record& s = insert(o, at);
  if (weak_) {  // the sc model reads only the newest store's sync clock
    written(e, s, t, value, size, o.tracked);
    s.rmw = false;
    s.sc_seq = is_seq_cst(order) ? next_seq() : no_seq;
  }
  if (happens_before::is_release(order)) {
    e.detect().on_atomic_release(t, s.sync);
  } else {
    s.sync = thread_of(t).fence_release;  // empty without a release fence before
  }
  return is_newest;
}

void atomic_memory::rmw(execution& e, atomic_state& a, std::memory_order order, const void* old,
                        const void* desired, std::size_t size) {
  object& o = object_of(a, old, size);
  const std::uint32_t t = e.current_id();
  const std::uint64_t seq = is_seq_cst(order) ? next_seq() : no_seq;
  store_record* prev = &o.stores.back();
  // What it reads: only the sync clock matters. That this thread saw the
  // store it read, and the read's place in S, need no record: the RMW's own
  // store, next in modification order, records both (its thread's epoch,
  // which an acquire does not change, and the same place in S), so every
  // coherence floor (floor()) that the older record would raise, the newer
  // one raises as high or higher.
  if (prev->sync.size() != 0) {
    if (happens_before::is_acquire(order)) {
      e.detect().on_atomic_acquire(t, prev->sync);
    } else {
      thread_of(t).pending_acquire.join(prev->sync);  // an acquire fence later synchronises
      dirtied(t);
    }
  }
  if (prev->initial && unseen_code_released != nullptr && happens_before::is_acquire(order)) [[unlikely]] {
    if (const vclock* released = unseen_code_released(); released != nullptr && released->size() != 0) {
      e.detect().on_atomic_acquire(t, *released);
    }
  }
  // Appending moves no store: prev stays where it is (the same slot when the
  // history keeps one store).
  store_record& s = insert(o, o.stores.size());
  if (weak_) {
    written(e, s, t, desired, size, o.tracked);
    s.rmw = true;
    s.sc_seq = seq;
  }
  // The release sequence goes on through an RMW: its sync clock is the one it
  // read plus its own release. An acquire-release RMW has just joined the one
  // it read, so its own clock is both.
  const bool acquires = happens_before::is_acquire(order);
  const bool releases = happens_before::is_release(order);
  if (acquires && releases) {
    e.detect().on_atomic_release(t, s.sync);
    return;
  }
  if (&s != prev) s.sync = prev->sync;
  if (releases) {
    e.detect().on_atomic_release_join(t, s.sync);
  } else if (const vclock& fence = thread_of(t).fence_release; fence.size() != 0) {
    s.sync.join(fence);  // a release fence before it: its clock goes on the sequence too
  }
}

bool atomic_memory::compare_exchange(execution& e, atomic_state& a, std::memory_order success,
                                     std::memory_order failure, const void* newest, void* expected,
                                     const void* desired, std::size_t size, bool weak) {
  object& o = object_of(a, newest, size);
  const std::uint32_t t = e.current_id();
  store_ring& s = o.stores;
  const std::size_t last = s.size() - 1;
  const bool equal = same_bytes(newest, expected, size);
  // What it reads: the newest (success when equal), an older store whose
  // value differs (a failure), or, weak and equal, a spurious failure
  // (written as s.size()). 0: the newest.
  std::size_t pick = last;
  if (weak_ && o.tracked && stale_allowed(o, t)) {
    choices_.clear();
    choices_.push_back(last);
    const std::size_t lo = floor(o, e.detect().clock(t), is_seq_cst(failure));
    for (std::size_t j = last; j-- > lo;) {
      if (!same_bytes(s[j].bytes.data(), expected, size)) choices_.push_back(j);
    }
    if (weak && equal) choices_.push_back(s.size());
    if (choices_.size() > 1) pick = choices_[e.choose(choices_.size())];
  }
  if (pick == last && equal) {
    rmw(e, a, success, newest, desired, size);
    return true;
  }
  if (pick != last) mark_stale(o, t);
  if (pick > last) pick = last;  // a spurious failure reads the newest
  copy_bytes(expected, pick == last ? newest : s[pick].bytes.data(), size);
  if (pick != last && e.tracing()) e.note_read_from(s[pick].event, static_cast<std::uint32_t>(last - pick));
  read(e, s[pick], t, failure, is_seq_cst(failure) ? next_seq() : no_seq);
  return false;
}

void atomic_memory::load_newest(execution& e, atomic_state& a, const void* value, std::size_t size) {
  object& o = object_of(a, value, size);
  read(e, o.stores.back(), e.current_id(), std::memory_order_relaxed, no_seq);
}

bool atomic_memory::acquire_before_unseen_write(execution& e, atomic_state& a, const void* value) {
  if (!weak_ || a.history >= objects_.size()) return false;  // values not kept; never accessed
  object& o = objects_[a.history];
  if (o.stores.size() == 0 || !o.tracked) return false;
  const store_record& newest = o.stores.back();
  if (newest.unwritten || same_bytes(newest.bytes.data(), value, o.size)) return false;
  if (newest.sync.size() != 0) e.detect().on_atomic_acquire(e.current_id(), newest.sync);
  return true;
}

void atomic_memory::store_unwritten(execution& e, atomic_state& a, const void* newest, std::size_t size) {
  object& o = object_of(a, newest, size);
  const std::uint32_t t = e.current_id();
  store_record& s = insert(o, o.stores.size());
  if (weak_) {
    written(e, s, t, newest, size, o.tracked);  // a placeholder: object_of() reads the value written
    s.unwritten = o.tracked;
    s.rmw = false;
    s.sc_seq = no_seq;
  }
  s.sync = thread_of(t).fence_release;  // relaxed: what a release fence before it published
}

void atomic_memory::fence(execution& e, std::memory_order order) {
  const std::uint32_t t = e.current_id();
  thread_state& me = thread_of(t);
  detectors& d = e.detect();
  if (happens_before::is_acquire(order) && me.pending_acquire.size() != 0) {
    d.on_atomic_acquire(t, me.pending_acquire);
    me.pending_acquire.clear();
  }
  if (weak_ && is_seq_cst(order)) {
    sc_fence& f = fences_.emplace_back();
    f.seq = next_seq();
    f.thread = t;
    f.epoch = epoch_of(d.clock(t), t);
    if (fences_.size() > 1) f.upto = fences_[fences_.size() - 2].upto;
    f.upto.join(d.clock(t));
  }
  if (happens_before::is_release(order)) {
    d.on_atomic_release(t, me.fence_release);
    dirtied(t);
  }
}

}  // namespace weft::detail
