// weft/sync/mutex.hpp — checked mutexes: weft::mutex, weft::recursive_mutex,
// weft::shared_mutex. Inside a checked execution every lock operation is a
// scheduling point and feeds the deadlock, lock-order and misuse detectors;
// outside one they are the std types.
#pragma once

#include <mutex>
#include <shared_mutex>

#include "weft/detail/runtime.hpp"

namespace weft {

namespace detail {
template <class Real, object_kind Kind>
class basic_checked_mutex {
 public:
  // Each derived class declares its own constructors: a defaulted location
  // argument is taken where the constructor is called, and an inherited
  // constructor would take it at the using-declaration.
  explicit basic_checked_mutex(const location& born, const char* name = nullptr) {
    state_.kind = Kind;
    note_birth(state_, born);
    if (name != nullptr) give_name(state_, name);
    if (current() != nullptr) on_create(state_, Kind);
  }
  ~basic_checked_mutex() {
    if (current() != nullptr) on_destroy_mutex(state_);
  }
  basic_checked_mutex(const basic_checked_mutex&) = delete;
  basic_checked_mutex& operator=(const basic_checked_mutex&) = delete;

  void lock(const location& where = location::current()) {
    if (current() != nullptr) return mutex_lock(state_, where);
    real_.lock();
  }
  bool try_lock(const location& where = location::current()) {
    if (current() != nullptr) return mutex_try_lock(state_, where);
    return real_.try_lock();
  }
  void unlock(const location& where = location::current()) {
    if (current() != nullptr) return mutex_unlock(state_, where);
    real_.unlock();
  }

 protected:
  friend struct header_access;
  mutex_state state_;
  Real real_;
};
}  // namespace detail

// A checked mutex may be named for reports: weft::mutex m{"accounts.lock"}.
// Unnamed, reports call it by kind, number and where it was constructed.
#define WEFT_DETAIL_NAMEABLE_CONSTRUCTORS(Class)                                                          \
  Class(const detail::location& born = detail::location::current()) noexcept /* NOLINT */       \
      : basic_checked_mutex(born) {}                                                                      \
  explicit Class(const char* name, const detail::location& born = detail::location::current())         \
      : basic_checked_mutex(born, name) {}

class mutex : public detail::basic_checked_mutex<std::mutex, detail::object_kind::mutex> {
 public:
  WEFT_DETAIL_NAMEABLE_CONSTRUCTORS(mutex)
};
class recursive_mutex
    : public detail::basic_checked_mutex<std::recursive_mutex, detail::object_kind::recursive_mutex> {
 public:
  WEFT_DETAIL_NAMEABLE_CONSTRUCTORS(recursive_mutex)
};

class shared_mutex : public detail::basic_checked_mutex<std::shared_mutex, detail::object_kind::shared_mutex> {
 public:
  WEFT_DETAIL_NAMEABLE_CONSTRUCTORS(shared_mutex)
  void lock_shared(const detail::location& where = detail::location::current()) {
    if (detail::current() != nullptr) return detail::mutex_lock_shared(state_, where);
    real_.lock_shared();
  }
  bool try_lock_shared(const detail::location& where = detail::location::current()) {
    if (detail::current() != nullptr) return detail::mutex_try_lock_shared(state_, where);
    return real_.try_lock_shared();
  }
  void unlock_shared(const detail::location& where = detail::location::current()) {
    if (detail::current() != nullptr) return detail::mutex_unlock_shared(state_, where);
    real_.unlock_shared();
  }
};

#undef WEFT_DETAIL_NAMEABLE_CONSTRUCTORS

}  // namespace weft

// std::lock_guard over a weft mutex captures the caller's source location, so
// traces and deadlock reports name the user's line rather than <mutex>.
// (Specialising a std template for a program-defined type is allowed.)
namespace weft::detail {
template <class Mutex>
class located_lock_guard {
 public:
  using mutex_type = Mutex;
  explicit located_lock_guard(Mutex& m, const location& where = location::current()) : m_(m), where_(where) {
    m_.lock(where);
  }
  located_lock_guard(Mutex& m, std::adopt_lock_t, const location& where = location::current()) noexcept
      : m_(m), where_(where) {}
  ~located_lock_guard() { m_.unlock(where_); }
  located_lock_guard(const located_lock_guard&) = delete;
  located_lock_guard& operator=(const located_lock_guard&) = delete;

 private:
  Mutex& m_;
  location where_;
};
}  // namespace weft::detail

template <>
class std::lock_guard<weft::mutex> : public weft::detail::located_lock_guard<weft::mutex> {
  using located_lock_guard::located_lock_guard;
};
template <>
class std::lock_guard<weft::recursive_mutex> : public weft::detail::located_lock_guard<weft::recursive_mutex> {
  using located_lock_guard::located_lock_guard;
};
template <>
class std::lock_guard<weft::shared_mutex> : public weft::detail::located_lock_guard<weft::shared_mutex> {
  using located_lock_guard::located_lock_guard;
};
