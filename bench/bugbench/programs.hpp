// programs.hpp — the bug benchmark: small programs written against weft's
// public API from the classic bug patterns of the concurrency-testing
// literature (SCTBench, ConVul, the PCT and POS papers). Each program is
// correct except for one bug that shows only under a specific interleaving;
// `weft-bugbench` runs every strategy on each and tabulates how many
// executions each needs to find it (docs/strategies.md).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "weft/weft.hpp"

namespace weft::bugbench {

struct program {
  std::string name;     // "family/variant"
  std::string pattern;  // the bug pattern, one line
  unsigned threads;     // logical threads including the main one
  unsigned depth;       // ordering constraints the bug needs (PCT's bug depth)
  std::function<void()> body;
};

/// Every program, in table order.
const std::vector<program>& programs();

// The families (one source file each) append their programs.
void add_order_programs(std::vector<program>& out);
void add_atomicity_programs(std::vector<program>& out);
void add_lock_programs(std::vector<program>& out);
void add_structure_programs(std::vector<program>& out);

}  // namespace weft::bugbench
