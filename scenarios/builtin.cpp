// builtin.cpp — register_builtin_scenarios(): every family of
// weft/scenarios/family_table.hpp, once.
#include "weft/scenarios/builtin.hpp"

#include "weft/registry.hpp"
#include "weft/scenarios/families.hpp"
#include "weft/scenarios/family_table.hpp"

namespace weft {

void register_builtin_scenarios() {
  static const bool done = [] {
#define WEFT_REGISTER_FAMILY(family) scenarios::register_##family();
    WEFT_SCENARIO_FAMILIES(WEFT_REGISTER_FAMILY)
#undef WEFT_REGISTER_FAMILY
    scenarios::register_lincheck();  // generated workloads, not in the family table: no Relacy suites
    return true;
  }();
  (void)done;
}

}  // namespace weft
