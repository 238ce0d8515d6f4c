#include "shrink_schedule.hpp"

#include <algorithm>
#include <chrono>
#include <tuple>

#include "../sched/replay.hpp"
#include "schedule_plan.hpp"

namespace weft::detail {
namespace {

using wall = std::chrono::steady_clock;

/// Executions the preemption-bounded search (step 3) may take per finding.
constexpr std::uint64_t max_search_executions = 2000;

/// Zeller's ddmin, complements only: drops chunks of `items` (halves, then
/// quarters, ...) while `keeps` accepts what is left; the result is
/// 1-minimal unless `expired()` cut it short.
template <class T, class Keeps, class Expired>
std::vector<T> ddmin(std::vector<T> items, const Keeps& keeps, const Expired& expired) {
  std::size_t parts = 2;
  while (!items.empty() && !expired()) {
    parts = std::min(parts, items.size());
    const std::size_t chunk = (items.size() + parts - 1) / parts;
    bool dropped = false;
    for (std::size_t start = 0; start < items.size() && !expired(); start += chunk) {
      std::vector<T> rest(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(start));
      rest.insert(rest.end(), items.begin() + static_cast<std::ptrdiff_t>(std::min(items.size(), start + chunk)),
                  items.end());
      if (keeps(rest)) {
        items = std::move(rest);
        parts = std::max<std::size_t>(parts - 1, 2);
        dropped = true;
        break;
      }
    }
    if (dropped) continue;
    if (parts >= items.size()) break;
    parts = std::min(items.size(), parts * 2);
  }
  return items;
}

}  // namespace

bool simpler(const shrink_trial& a, const shrink_trial& b) {
  return std::tuple(a.preemptions, a.steps, a.decisions.size()) < std::tuple(b.preemptions, b.steps, b.decisions.size());
}

std::optional<shrink_outcome> shrink_schedule(const std::vector<std::uint64_t>& decisions, const shrink_runner& run,
                                              double seconds, const std::function<void(const shrink_trial&)>& improved) {
  const auto deadline =
      wall::now() + std::chrono::duration_cast<wall::duration>(std::chrono::duration<double>(seconds));
  bool cut_short = false;
  const auto expired = [&] { return cut_short = cut_short || wall::now() >= deadline; };

  shrink_outcome out;
  replay_strategy exact(decisions);
  out.original = run(exact);
  out.trials = 1;
  if (!out.original.reproduces) return std::nullopt;
  out.best = out.original;
  if (improved) improved(out.best);

  // Tries a candidate run: whether it reproduces; keeps it when it is the simplest yet.
  const auto attempt = [&](strategy& candidate) {
    shrink_trial t = run(candidate);
    ++out.trials;
    if (!t.reproduces) return std::optional<shrink_trial>();
    return std::optional<shrink_trial>(std::move(t));
  };
  const auto keep_if_simpler = [&](shrink_trial&& t) {
    if (!simpler(t, out.best)) return;
    out.best = std::move(t);
    if (improved) improved(out.best);
  };

  const auto delta_debug = [&] {
    for (bool again = true; again && !expired();) {
      const shrink_trial round_start = out.best;

      // 1. Fewest preemptions: drop anchors of the best run's plan.
      plan_recorder recorder(out.best.decisions);
      run(recorder);
      ++out.trials;
      const schedule_plan plan = recorder.plan();
      ddmin(
          plan.preemptions,
          [&](const std::vector<preemption_anchor>& fewer) {
            schedule_plan candidate = plan;
            candidate.preemptions = fewer;
            plan_strategy guided(candidate);
            auto t = attempt(guided);
            if (t) keep_if_simpler(std::move(*t));
            return t.has_value();
          },
          expired);

      // 2. Fewest steps: drop decisions, never trading a preemption or a step for it.
      ddmin(
          out.best.decisions,
          [&](const std::vector<std::uint64_t>& fewer) {
            replay_strategy lenient(fewer);
            auto t = attempt(lenient);
            if (!t || t->preemptions > out.best.preemptions || t->steps > out.best.steps) return false;
            keep_if_simpler(std::move(*t));
            return true;
          },
          expired);

      again = simpler(out.best, round_start);
    }
  };
  delta_debug();

  // 3. Below what delta debugging reached: iterative preemption bounding
  // explores every schedule with 0 preemptions, then 1, ...; the first run
  // that reproduces has the fewest preemptions there are. Bounded: a search
  // that runs out of executions leaves the delta-debugged schedule standing.
  const std::uint64_t reached = out.best.preemptions;
  auto search = make_ipb_strategy();
  for (std::uint64_t i = 0; i < max_search_executions && reached > 0 && !expired(); ++i) {
    if (!search->begin_execution(i) || search->completed_bound() + 1 >= static_cast<int>(reached)) break;
    auto t = attempt(*search);
    if (t && t->preemptions < out.best.preemptions) {
      keep_if_simpler(std::move(*t));
      delta_debug();  // fewest steps at the new count
      break;
    }
  }
  out.complete = !cut_short;
  return out;
}

}  // namespace weft::detail
