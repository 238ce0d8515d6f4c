// weft/scenarios/families.hpp — one registration function per model family.
// weft::register_builtin_scenarios() calls them all.
#pragma once

namespace weft::scenarios {

void register_counter();
void register_bank();

}  // namespace weft::scenarios
