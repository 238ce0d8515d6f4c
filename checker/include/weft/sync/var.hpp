// weft/sync/var.hpp — weft::var<T>, a plain shared variable whose accesses
// are checked for data races (happens-before, FastTrack). Accesses are not
// scheduling points: a race is reported whatever the interleaving. Outside a
// checked execution it is a plain T.
#pragma once

#include <utility>

#include "weft/detail/runtime.hpp"
#include "weft/sync/value_text.hpp"

namespace weft {

template <class T>
class var {
  using loc = detail::location;

 public:
  var() : var(T{}) {}
  explicit(false) var(T initial) : value_(std::move(initial)) {
    if (detail::current() != nullptr) detail::on_create(state_, detail::object_kind::var);
  }
  var(const var&) = delete;
  var& operator=(const var&) = delete;

  /// Reads the value (a checked read).
  T load(const loc& where = loc::current()) const {
    note_read(where);
    return value_;
  }
  /// Writes the value (a checked write).
  void store(T v, const loc& where = loc::current()) {
    note_write(where);
    value_ = std::move(v);
  }
  /// A checked read, for containers and other compound values.
  const T& read(const loc& where = loc::current()) const {
    note_read(where);
    return value_;
  }
  /// A checked write: the caller modifies the value through the reference.
  T& write(const loc& where = loc::current()) {
    note_write(where);
    return value_;
  }
  operator T() const { return load(); }  // NOLINT(google-explicit-constructor)
  var& operator=(T v) {
    store(std::move(v));
    return *this;
  }

 private:
  void note_read(const loc& where) const {
    if (detail::current() == nullptr) return;
    detail::var_read(state_, where);
    if (detail::tracing()) detail::trace_value(detail::value_text(value_));
  }
  void note_write(const loc& where) {
    if (detail::current() != nullptr) detail::var_write(state_, where);
  }

  mutable detail::var_state state_;
  T value_;
};

}  // namespace weft
