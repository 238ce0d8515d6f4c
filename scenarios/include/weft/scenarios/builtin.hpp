// weft/scenarios/builtin.hpp — registering weft's built-in scenarios (the
// model families under scenarios/) in the scenario registry
// (weft/registry.hpp). Part of the scenarios library, not of the installed
// weft::weft headers: a user's program registers its own scenarios.
#pragma once

namespace weft {

/// Registers the built-in model scenarios (scenarios/); idempotent.
void register_builtin_scenarios();

}  // namespace weft
