// A compiled library's mutex whose holders wait for conditions of their own
// (mutex_conditions.hpp).
#include "mutex_conditions.hpp"

namespace weft::detail::instrument {

void condition_mutex::conditions_changed(const location& where) const {
  address_tables& t = current_tables();
  if (const auto found = t.condition_awaiters.find(address); found != t.condition_awaiters.end() && found->second > 0) {
    cv_notify(cv_at(t, address), true, where);
  }
}

bool condition_mutex::release(const location& where, bool quietly) const {
  const bool exclusive = lock.owner == current_thread_id();
  if (exclusive) {
    mutex_unlock(lock, where);
  } else {
    mutex_unlock_shared(lock, where);
  }
  if (!quietly) conditions_changed(where);
  return exclusive;
}

void condition_mutex::acquire(bool exclusive, const location& where) const {
  if (exclusive) {
    mutex_lock(lock, where);
  } else {
    mutex_lock_shared(lock, where);
  }
}

bool condition_mutex::wait_releasing(cv_state& cv, std::optional<weft::time_point> deadline, bool quietly,
                                     const location& where) const {
  cv_wait_begin(cv, where);
  const bool exclusive = release(where, quietly);
  const bool in_time = cv_wait_block(cv, deadline ? &*deadline : nullptr, where);
  acquire(exclusive, where);
  return in_time;
}

void condition_mutex::await_once(std::optional<weft::time_point> deadline, const location& where) const {
  address_tables& t = current_tables();
  ++t.condition_awaiters[address];
  wait_releasing(cv_at(t, address), deadline, true, where);
  --t.condition_awaiters[address];
}

}  // namespace weft::detail::instrument
