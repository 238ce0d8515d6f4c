// effect.hpp — what pending-operation awareness (options::
// skip_independent_points) changes: decisions per execution under random
// walk, with and without it, per program.
#pragma once

#include <string>
#include <vector>

#include "programs.hpp"

namespace weft::bugbench {

std::string effect_table(const std::vector<const program*>& selected);

}  // namespace weft::bugbench
