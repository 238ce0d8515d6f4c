// table.hpp — runs the bug benchmark: every strategy on every program over
// several seeds, and the Markdown table of executions to the first finding.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "programs.hpp"

namespace weft::bugbench {

struct bench_config {
  std::uint64_t budget = 10'000;  // executions per run at most
  std::uint64_t seeds = 5;        // seeds 1..seeds (the systematic searches run once)
  bool skip_independent = false;  // options::skip_independent_points
  unsigned jobs = 1;              // cells computed in parallel (OS threads)
};

/// One program under one strategy: the executions to the first finding per
/// seed (nullopt: not found within the budget).
struct cell {
  std::vector<std::optional<std::uint64_t>> firsts;
  bool exhausted = false;  // a systematic search covered its whole space without finding
  /// The median over the seeds, a miss counting as more than the budget;
  /// nullopt when more than half the seeds missed.
  std::optional<std::uint64_t> median() const;
  std::size_t found() const;
};

std::vector<strategy_kind> table_strategies();
cell run_cell(const program& p, strategy_kind s, const bench_config& c);

/// The whole table (rows of `selected` programs, a summary below) as Markdown.
std::string markdown_table(const std::vector<const program*>& selected, const bench_config& c);

}  // namespace weft::bugbench
