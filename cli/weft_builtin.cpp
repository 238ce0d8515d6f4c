// The `weft` program: weft::main over the built-in scenarios.
#include "weft/registry.hpp"

namespace {
const bool registered = (weft::register_builtin_scenarios(), true);
}
