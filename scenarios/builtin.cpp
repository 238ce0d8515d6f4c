#include "weft/registry.hpp"
#include "weft/scenarios/families.hpp"

namespace weft {

void register_builtin_scenarios() {
  static const bool done = [] {
    scenarios::register_counter();
    scenarios::register_bank();
    return true;
  }();
  (void)done;
}

}  // namespace weft
