#include "table.hpp"

#include <algorithm>
#include <atomic>
#include <limits>
#include <sstream>
#include <thread>

namespace weft::bugbench {
namespace {

bool systematic(strategy_kind s) {
  return s == strategy_kind::dfs || s == strategy_kind::ipb || s == strategy_kind::idb;
}

constexpr std::uint64_t missed = std::numeric_limits<std::uint64_t>::max();

std::string grouped(std::uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string cell_text(const cell& c) {
  const auto m = c.median();
  const std::size_t seeds = c.firsts.size();
  std::string text = m ? grouped(*m) : (c.exhausted ? "miss (exhaustive)" : "miss");
  if (c.found() < seeds && seeds > 1) text += " (" + std::to_string(c.found()) + "/" + std::to_string(seeds) + ")";
  return text;
}

/// The median of per-program medians, misses counting as above the budget.
std::string median_of(std::vector<std::uint64_t> medians, std::uint64_t budget) {
  if (medians.empty()) return "—";
  std::sort(medians.begin(), medians.end());
  const std::uint64_t m = medians[(medians.size() - 1) / 2];
  return m == missed ? "> " + grouped(budget) : grouped(m);
}

}  // namespace

std::optional<std::uint64_t> cell::median() const {
  std::vector<std::uint64_t> v;
  for (const auto& f : firsts) v.push_back(f ? *f : missed);
  if (v.empty()) return std::nullopt;
  std::sort(v.begin(), v.end());
  const std::uint64_t m = v[(v.size() - 1) / 2];
  if (m == missed) return std::nullopt;
  return m;
}

std::size_t cell::found() const {
  return static_cast<std::size_t>(std::count_if(firsts.begin(), firsts.end(), [](const auto& f) { return f.has_value(); }));
}

std::vector<strategy_kind> table_strategies() {
  return {strategy_kind::random, strategy_kind::pct, strategy_kind::pos, strategy_kind::surw,
          strategy_kind::dfs,    strategy_kind::ipb, strategy_kind::idb, strategy_kind::portfolio};
}

cell run_cell(const program& p, strategy_kind s, const bench_config& c) {
  cell out;
  const std::uint64_t seeds = systematic(s) ? 1 : c.seeds;
  for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
    options o;
    o.strategy = s;
    o.iterations = c.budget;
    o.seed = seed;
    // The deadlock itself must be reached: a lock-order cycle would give
    // lock cycles away on the first execution whatever the strategy.
    o.detect.disable(weft::finding_kind::lock_order_inversion);
    o.skip_independent_points = c.skip_independent;
    const result r = check(p.body, o);
    if (r.findings.empty()) {
      out.firsts.push_back(std::nullopt);
      out.exhausted = out.exhausted || r.stats.exhausted;
    } else {
      out.firsts.push_back(r.findings.front().iteration + 1);
    }
  }
  return out;
}

/// Portfolio candidates estimated from the single-strategy cells: a mix of k
/// members runs each on 1/k of the iterations, so a bug member m finds with
/// probability p_m per execution takes about k / Σ p_m executions (p_m from
/// the median, or from the share of seeds that found it when the median
/// missed). Ranked by programs found within the budget, then by the median
/// on depth ≥ 2.
static std::string portfolio_estimates(const std::vector<const program*>& selected, const std::vector<strategy_kind>& strategies,
                                 const std::vector<cell>& cells, const bench_config& c) {
  std::vector<std::size_t> randomised;
  for (std::size_t k = 0; k < strategies.size(); ++k) {
    if (!systematic(strategies[k]) && strategies[k] != strategy_kind::portfolio) randomised.push_back(k);
  }
  struct candidate {
    std::string name;
    std::size_t found = 0;
    std::uint64_t median = missed;
  };
  std::vector<candidate> ranked;
  for (unsigned mask = 1; mask < (1u << randomised.size()); ++mask) {
    if (__builtin_popcount(mask) < 2) continue;
    candidate cand;
    std::vector<std::uint64_t> deep;
    for (std::size_t row = 0; row < selected.size(); ++row) {
      double rate = 0;
      for (std::size_t j = 0; j < randomised.size(); ++j) {
        if ((mask & (1u << j)) == 0) continue;
        const cell& x = cells[row * strategies.size() + randomised[j]];
        const auto m = x.median();
        rate += m ? 1.0 / double(*m) : double(x.found()) / double(x.firsts.size()) / double(c.budget);
      }
      const double expected = rate > 0 ? double(__builtin_popcount(mask)) / rate : 1e18;
      const std::uint64_t e = expected <= double(c.budget) ? static_cast<std::uint64_t>(expected + 0.5) : missed;
      cand.found += e != missed ? 1 : 0;
      if (selected[row]->depth >= 2) deep.push_back(e);
    }
    for (std::size_t j = 0; j < randomised.size(); ++j) {
      if (mask & (1u << j)) cand.name += (cand.name.empty() ? "" : " + ") + std::string(to_string(strategies[randomised[j]]));
    }
    std::sort(deep.begin(), deep.end());
    if (!deep.empty()) cand.median = deep[(deep.size() - 1) / 2];
    ranked.push_back(cand);
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const candidate& a, const candidate& b) {
    return a.found != b.found ? a.found > b.found : a.median < b.median;
  });
  std::ostringstream out;
  out << "| portfolio (estimated) | found within " << grouped(c.budget) << " | median, depth ≥ 2 |\n|---|--:|--:|\n";
  for (std::size_t i = 0; i < std::min<std::size_t>(ranked.size(), 6); ++i) {
    out << "| " << ranked[i].name << " | " << ranked[i].found << "/" << selected.size() << " | "
        << (ranked[i].median == missed ? "> " + grouped(c.budget) : grouped(ranked[i].median)) << " |\n";
  }
  return out.str();
}

std::string markdown_table(const std::vector<const program*>& selected, const bench_config& c) {
  const auto strategies = table_strategies();
  std::vector<cell> cells(selected.size() * strategies.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < cells.size(); i = next++) {
      cells[i] = run_cell(*selected[i / strategies.size()], strategies[i % strategies.size()], c);
    }
  };
  std::vector<std::thread> pool;
  for (unsigned j = 1; j < std::max(1u, c.jobs); ++j) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();

  std::ostringstream out;
  out << "| program | threads | depth |";
  for (auto s : strategies) out << ' ' << to_string(s) << " |";
  out << "\n|---|--:|--:|";
  for (std::size_t k = 0; k < strategies.size(); ++k) out << "--:|";
  out << '\n';
  for (std::size_t row = 0; row < selected.size(); ++row) {
    const program& p = *selected[row];
    out << "| `" << p.name << "` | " << p.threads << " | " << p.depth << " |";
    for (std::size_t k = 0; k < strategies.size(); ++k) out << ' ' << cell_text(cells[row * strategies.size() + k]) << " |";
    out << '\n';
  }
  out << "| **found within " << grouped(c.budget) << "** | | |";
  for (std::size_t k = 0; k < strategies.size(); ++k) {
    std::size_t found = 0;
    for (std::size_t row = 0; row < selected.size(); ++row) found += cells[row * strategies.size() + k].median() ? 1 : 0;
    out << " **" << found << "/" << selected.size() << "** |";
  }
  out << "\n| **median, depth ≥ 2** | | |";
  for (std::size_t k = 0; k < strategies.size(); ++k) {
    std::vector<std::uint64_t> medians;
    for (std::size_t row = 0; row < selected.size(); ++row) {
      if (selected[row]->depth < 2) continue;
      medians.push_back(cells[row * strategies.size() + k].median().value_or(missed));
    }
    out << " **" << median_of(medians, c.budget) << "** |";
  }
  out << "\n" << portfolio_estimates(selected, strategies, cells, c);
  return out.str();
}

}  // namespace weft::bugbench
