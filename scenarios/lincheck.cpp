// The lincheck family: the zoo's object-like models and three classic
// concurrent objects (weft/models/classic_objects.hpp), each checked for
// linearizability against a sequential model with programs drawn by
// RapidCheck (<weft/lincheck.hpp>, docs/lincheck.md). Correct objects are
// expected clean; buggy ones as `linearizability` (or their data race).
// This file: counters, keyed dictionaries and accounts, and the family's
// registration; lincheck_containers.cpp and lincheck_blocking.cpp the rest.
#include <map>
#include <memory>
#include <optional>
#include <utility>

#include "lincheck_family.hpp"
#include "weft/models/bank.hpp"
#include "weft/models/cache.hpp"
#include "weft/models/counter.hpp"
#include "weft/models/dict.hpp"

namespace weft::scenarios {
namespace lincheck_family {
namespace {

// Sequential models.
std::optional<long> lookup(const std::map<int, long>& m, int key) {
  const auto it = m.find(key);
  return it == m.end() ? std::nullopt : std::optional<long>(it->second);
}

bool withdraw_from(long& balance, long amount) {
  if (balance < amount) return false;
  balance -= amount;
  return true;
}

// Specs, one per shape of object.
template <class Counter>
spec<Counter, long> counter_spec() {
  return spec<Counter, long>{}
      .op("increment", [](Counter& c) { c.increment(); }, [](long& m) { ++m; })
      .op("value", [](Counter& c) { return c.value(); }, [](long& m) { return m; });
}

/// A keyed dictionary: every operation names its key, so histories are
/// checked one key at a time (P-compositionality).
template <class Dict>
spec<Dict, std::map<int, long>> dict_spec() {
  using model = std::map<int, long>;
  const auto by_key = [](const int& key) { return key; };
  return spec<Dict, model>{}
      .op("set", rc::gen::pair(rc::gen::inRange(0, 3), rc::gen::inRange<long>(0, 5)),
          [](Dict& d, const std::pair<int, long>& kv) { d.set(kv.first, kv.second); },
          [](model& m, const std::pair<int, long>& kv) { m[kv.first] = kv.second; })
      .key([](const std::pair<int, long>& kv) { return kv.first; })
      .op("get", rc::gen::inRange(0, 3), [](Dict& d, const int& key) { return d.get(key); },
          [](model& m, const int& key) { return lookup(m, key); })
      .key(by_key)
      .op("erase", rc::gen::inRange(0, 3), [](Dict& d, const int& key) { return d.erase(key); },
          [](model& m, const int& key) { return m.erase(key) == 1; })
      .key(by_key);
}

template <class Account>
spec<Account, long> account_spec() {
  return spec<Account, long>{}
      .object([] { return std::make_unique<Account>(100); })
      .model(100)
      .op("withdraw", rc::gen::inRange<long>(1, 80), [](Account& a, const long& n) { return a.withdraw(n); },
          [](long& b, const long& n) { return withdraw_from(b, n); })
      .op("balance", [](Account& a) { return a.balance(); }, [](long& b) { return b; });
}

}  // namespace
}  // namespace lincheck_family

void register_lincheck() {
  using namespace lincheck_family;
  using namespace weft::models;
  using S = weft::checked_sync;
  add("lincheck/counter_locked", "increment and value under one mutex", {}, counter_spec<locked_counter<S>>());
  add("lincheck/counter_atomic", "fetch_add and load on one atomic", {}, counter_spec<atomic_counter<S>>());
  add("lincheck/counter_unsafe", "read, +1, write on a plain variable", {kind::data_race, kind::linearizability},
      counter_spec<unsafe_counter<S>>());
  add("lincheck/counter_split_rmw", "get and set each under the lock, separately", {kind::linearizability},
      counter_spec<split_rmw_counter<S>>());
  add("lincheck/counter_relaxed_load_store", "an atomic load, then a separate atomic store", {kind::linearizability},
      counter_spec<relaxed_load_store_counter<S>>());
  add("lincheck/dict_locked", "get/set/erase under one mutex (checked per key)", {}, dict_spec<locked_dict<S>>());
  add("lincheck/cache_dict", "thread_safe_dict: get/set/erase under one mutex (checked per key)", {},
      dict_spec<thread_safe_dict<S>>());
  add("lincheck/account_locked", "withdraw and balance under one mutex", {}, account_spec<locked_account<S>>());
  add("lincheck/account_check_then_withdraw", "balance checked outside the lock, withdrawn inside it",
      {kind::linearizability}, account_spec<check_then_withdraw_account<S>>());
  register_containers();
  register_blocking();
}

}  // namespace weft::scenarios
