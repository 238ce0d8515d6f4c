// rwlock_suites.cpp — the rwlock family under Relacy (a Relacy translation
// unit: weft headers first, then suite.hpp).
#include <atomic>
#include <map>
#include <vector>

#include "weft/scenarios/rwlock.hpp"

#include "suite.hpp"

namespace weft::relacy_program {
namespace {

using scenarios::rwlock_params;
// The controlled scheduler's parameters (weft's registry, scenarios/rwlock.cpp).
constexpr rwlock_params one_each{.readers = 1, .writers = 1, .reads = 1, .writes = 1, .keys = 1};
constexpr rwlock_params two_readers{.readers = 2, .writers = 1, .reads = 1, .writes = 1, .keys = 2};
constexpr rwlock_params small{.readers = 2, .writers = 2, .reads = 1, .writes = 1, .keys = 2};

template <template <class> class Scenario, rwlock_params P>
entry rwlock_entry(const char* name) {
  return suite_entry<Scenario, P, P.readers + P.writers>(name);
}

}  // namespace

void add_rwlock_suites(std::vector<entry>& out) {
  out.push_back(rwlock_entry<scenarios::rwlock_seed_two_conditions, one_each>("rwlock/seed_two_conditions"));
  out.push_back(
      rwlock_entry<scenarios::rwlock_cache_stats_under_read_lock, two_readers>("rwlock/cache_stats_under_read_lock"));
  out.push_back(rwlock_entry<scenarios::rwlock_reader_preferring, small>("rwlock/reader_preferring"));
  out.push_back(rwlock_entry<scenarios::rwlock_writer_preferring, small>("rwlock/writer_preferring"));
  out.push_back(rwlock_entry<scenarios::rwlock_std_shared_mutex, small>("rwlock/std_shared_mutex"));
}

}  // namespace weft::relacy_program
