// The `weft` program: weft::main over the built-in scenarios.
#include "weft/scenarios/builtin.hpp"

namespace {
const bool registered = (weft::register_builtin_scenarios(), true);
}
