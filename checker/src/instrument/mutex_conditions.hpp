// mutex_conditions.hpp — a compiled library's mutex whose holders wait for
// conditions of their own (absl::Mutex's Await and LockWhen, kj's
// MutexGuarded::when): the unlocker, not a condition variable the program
// names, lets the waiters look at their conditions again. Inside an
// execution of weft exec such a mutex is a weft reader-writer lock, kept by
// the library object's address, plus a condition variable of its own at the
// same address, notified at every release while someone awaits; a waiter
// evaluates its condition with the mutex held, as the libraries do
// (absl_sync.cpp, kj_sync.cpp).
#pragma once

#include <optional>

#include "address_objects.hpp"

namespace weft::detail::instrument {

/// One such mutex: the library object's address and weft's lock for it.
struct condition_mutex {
  const void* address;
  mutex_state& lock;

  /// Inside a weft_section: the current thread's hold released (shared or
  /// exclusive, as held); true if it was exclusive. A release lets the
  /// conditions be looked at again, unless `quietly` (the caller woke their
  /// waiters already).
  bool release(const location& where, bool quietly = false) const;
  void acquire(bool exclusive, const location& where) const;
  /// Inside a weft_section, held: waits on `cv`, the mutex released
  /// meanwhile (quietly: see release) and held again after as it was; false
  /// when the deadline passed first.
  bool wait_releasing(cv_state& cv, std::optional<weft::time_point> deadline, bool quietly,
                      const location& where) const;
  /// Inside a weft_section: the waiters of the conditions woken, to look at
  /// them again.
  void conditions_changed(const location& where) const;

  /// Inside a weft_section, held: waits until `holds()` (evaluated with the
  /// mutex held) or the deadline; returns holds() at the end, as Abseil and
  /// KJ do.
  template <class Holds>
  bool await(Holds holds, std::optional<weft::time_point> deadline, const location& where) const {
    for (bool first = true; !holds(); first = false) {
      if (deadline && logical_now() >= *deadline) return false;
      // What this thread did under the mutex before it waits may have made
      // another waiter's condition true: those are woken before this one
      // waits (after, it would wake itself). Woken again, it only looked at
      // its own condition: it waits again without waking the others (they
      // would wake it back, for ever).
      if (first) conditions_changed(where);
      await_once(deadline, where);
    }
    return true;
  }

 private:
  void await_once(std::optional<weft::time_point> deadline, const location& where) const;
};

}  // namespace weft::detail::instrument
