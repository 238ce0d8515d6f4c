#include "weft/registry.hpp"
#include "weft/scenarios/families.hpp"

namespace weft {

void register_builtin_scenarios() {
  static const bool done = [] {
    scenarios::register_counter();
    scenarios::register_bank();
    scenarios::register_rwlock();
    scenarios::register_deadlock();
    scenarios::register_bounded_buffer();
    scenarios::register_semaphore();
    scenarios::register_event();
    scenarios::register_barrier();
    scenarios::register_pool();
    scenarios::register_once();
    scenarios::register_cache();
    scenarios::register_dict();
    scenarios::register_list();
    scenarios::register_limiter();
    scenarios::register_actor();
    scenarios::register_pipeline();
    scenarios::register_pipe();
    scenarios::register_lincheck();
    return true;
  }();
  (void)done;
}

}  // namespace weft
