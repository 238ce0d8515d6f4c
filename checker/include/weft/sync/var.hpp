// weft/sync/var.hpp — weft::var<T>, a plain shared variable whose accesses
// are checked for data races (happens-before, FastTrack). Accesses are not
// scheduling points: a race is reported whatever the interleaving. Outside a
// checked execution it is a plain T.
//
// It is used like the T it holds: converted to T (a read), assigned from T
// (a write), compound-assigned and incremented (a read and a write), copied
// (a read of the source and the creation of the new variable) and moved (a
// write of the source, which the move may change). The operators record an
// address in the user's code, symbolised to file:line only when a finding or
// a trace shows it; load()/store()/read()/write() take the place from a
// defaulted argument.
#pragma once

#include <concepts>
#include <type_traits>
#include <utility>

#include "weft/detail/runtime.hpp"
#include "weft/sync/value_text.hpp"

namespace weft {

template <class T>
class var {
  using loc = detail::location;

 public:
  var(const loc& born = loc::current()) requires std::default_initializable<T>  // NOLINT(google-explicit-constructor)
      : var(T{}, born) {}
  explicit(false) var(T initial, const loc& born = loc::current()) : value_(std::move(initial)) {
    detail::note_birth(state_, born);
    created();
  }
  /// A variable named for reports: weft::var<int> balance{0, "balance"}.
  var(T initial, const char* name, const loc& born = loc::current()) : var(std::move(initial), born) {
    detail::give_name(state_, name);
  }
  [[gnu::always_inline]] var(const var& other) requires std::copy_constructible<T>
      : value_(other.read(loc::caller(detail::call_site_address()))) {
    created();
  }
  [[gnu::always_inline]] var(var&& other) noexcept(std::is_nothrow_move_constructible_v<T>)
    requires std::move_constructible<T>
      : value_(std::move(other.write(loc::caller(detail::call_site_address())))) {
    created();
  }
  [[gnu::always_inline]] var& operator=(const var& other) requires std::is_copy_assignable_v<T> {
    const loc where = loc::caller(detail::call_site_address());
    if (this != &other) write(where) = other.read(where);
    return *this;
  }
  [[gnu::always_inline]] var& operator=(var&& other) noexcept(std::is_nothrow_move_assignable_v<T>)
    requires std::is_move_assignable_v<T>
  {
    const loc where = loc::caller(detail::call_site_address());
    if (this != &other) write(where) = std::move(other.write(where));
    return *this;
  }

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

  [[gnu::always_inline]] operator T() const requires std::copy_constructible<T> {  // NOLINT(google-explicit-constructor)
    return load(loc::caller(detail::call_site_address()));
  }
  [[gnu::always_inline]] var& operator=(T v) {
    store(std::move(v), loc::caller(detail::call_site_address()));
    return *this;
  }

  // Compound assignment, increment and decrement: a read, then a write.
  [[gnu::always_inline]] var& operator+=(const T& v) { return update(detail::call_site_address(), [&](T& x) { x += v; }); }
  [[gnu::always_inline]] var& operator-=(const T& v) { return update(detail::call_site_address(), [&](T& x) { x -= v; }); }
  [[gnu::always_inline]] var& operator*=(const T& v) { return update(detail::call_site_address(), [&](T& x) { x *= v; }); }
  [[gnu::always_inline]] var& operator/=(const T& v) { return update(detail::call_site_address(), [&](T& x) { x /= v; }); }
  [[gnu::always_inline]] var& operator%=(const T& v) { return update(detail::call_site_address(), [&](T& x) { x %= v; }); }
  [[gnu::always_inline]] var& operator&=(const T& v) { return update(detail::call_site_address(), [&](T& x) { x &= v; }); }
  [[gnu::always_inline]] var& operator|=(const T& v) { return update(detail::call_site_address(), [&](T& x) { x |= v; }); }
  [[gnu::always_inline]] var& operator^=(const T& v) { return update(detail::call_site_address(), [&](T& x) { x ^= v; }); }
  [[gnu::always_inline]] var& operator<<=(const T& v) { return update(detail::call_site_address(), [&](T& x) { x <<= v; }); }
  [[gnu::always_inline]] var& operator>>=(const T& v) { return update(detail::call_site_address(), [&](T& x) { x >>= v; }); }
  [[gnu::always_inline]] var& operator++() { return update(detail::call_site_address(), [](T& x) { ++x; }); }
  [[gnu::always_inline]] var& operator--() { return update(detail::call_site_address(), [](T& x) { --x; }); }
  [[gnu::always_inline]] T operator++(int) {
    T old = value_;
    update(detail::call_site_address(), [](T& x) { ++x; });
    return old;
  }
  [[gnu::always_inline]] T operator--(int) {
    T old = value_;
    update(detail::call_site_address(), [](T& x) { --x; });
    return old;
  }

 private:
  // The operators are kept out of line so that detail::call_site_address()
  // is an address in the user's code, whatever the optimiser inlines there.
  template <class F>
  var& update(const void* return_address, F&& change) {
    const loc where = loc::caller(return_address);
    note_read(where);
    note_write(where);
    change(value_);
    return *this;
  }
  void created() {
    if (detail::current() != nullptr) detail::on_create(state_, detail::object_kind::var);
  }
  void note_read(const loc& where) const {
    if (detail::current() == nullptr) return;
    detail::var_read(state_, where);
    if (detail::tracing()) detail::trace_value(detail::value_text(value_));
  }
  void note_write(const loc& where) {
    if (detail::current() != nullptr) detail::var_write(state_, where);
  }

  friend struct detail::header_access;
  mutable detail::var_state state_;
  T value_;
};

}  // namespace weft
