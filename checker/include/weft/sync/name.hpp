// weft/sync/name.hpp — weft::name(object, "text"): gives a checked object a
// name of the user's, which reports print instead of its number
// ("accounts.lock (mutex#2)" rather than "mutex#2 (bank.hpp:30)").
//
// Objects can also be named at construction: weft::mutex m{"accounts.lock"},
// weft::var<int> balance{0, "balance"}, weft::atomic<bool> ready{false,
// "ready"}. A name without spaces can be used in a suppression rule.
#pragma once

#include <string_view>

#include "weft/detail/runtime.hpp"

namespace weft {

/// Names a weft::mutex, recursive_mutex, shared_mutex, condition_variable(_any),
/// counting_semaphore, atomic or var for reports; the text is copied.
/// Returns the object, so a member can be named where it is initialised.
template <class Object>
Object& name(Object& object, std::string_view text) {
  detail::give_name(detail::header_access::of(object), text);
  return object;
}

}  // namespace weft
