#include "shrink_finding.hpp"

#include "../runtime/execution.hpp"
#include "shrink_schedule.hpp"

namespace weft::detail {

bool shrinkable(const finding& f, const schedule& s) {
  switch (f.kind) {
    case finding_kind::lock_order_inversion:
    case finding_kind::nondeterminism:
    case finding_kind::crash:
    case finding_kind::exit:
    case finding_kind::hang: return false;
    default: return f.source == finding_source::checked && s.executions.size() == 1;
  }
}

bool shrinkable_in_children(const finding& f, const schedule& s) {
  if (f.kind != finding_kind::crash && f.kind != finding_kind::exit) return shrinkable(f, s);
  return f.source == finding_source::checked && s.executions.size() == 1;
}

shrink_trial trial_of(const execution_outcome& o, const finding& f) {
  shrink_trial t;
  // A captured death is placed from the trace, which candidates do not keep,
  // or at an abort's call in the program (death_capture.hpp): its message,
  // and that place when the candidate has it, tell it.
  const auto same_death = [&] {
    return o.found->message == f.message && (o.found->locations.empty() || o.found->locations == f.locations);
  };
  t.reproduces = o.found && o.found->kind == f.kind &&
                 (is_death(f.kind) ? same_death() : o.found->locations == f.locations);
  t.decisions.assign(o.decisions.begin(), o.decisions.end());
  t.preemptions = o.preemptions;
  t.steps = o.steps;
  return t;
}

std::optional<shrunk_schedule> shrink_finding(const std::function<void()>& body, const schedule& s,
                                              const options& opts, const finding& f,
                                              const std::function<void(const shrunk_schedule&)>& improved) {
  if (!shrinkable(f, s)) return std::nullopt;
  execution exec(settings_of(opts));  // one for every candidate, as exploration reuses one
  const shrink_runner run = [&](strategy& candidate) {
    return trial_of(exec.run(body, candidate, false, edge_recording::none), f);
  };
  return shrink_with(s, opts, run, improved);
}

std::optional<shrunk_schedule> shrink_with(const schedule& s, const options& opts, const shrink_runner& run,
                                           const std::function<void(const shrunk_schedule&)>& improved) {
  std::uint64_t original_preemptions = 0;
  bool first = true;
  const auto as_shrunk = [&](const shrink_trial& t, bool complete) {
    return shrunk_schedule{{{t.decisions}}, t.preemptions, original_preemptions, complete};
  };
  const auto seen = [&](const shrink_trial& t) {
    if (first) {  // the original's own run
      original_preemptions = t.preemptions;
      first = false;
    } else if (improved) {
      improved(as_shrunk(t, false));
    }
  };
  const auto out = shrink_schedule(s.executions.front(), run, opts.shrink_seconds, seen);
  if (!out || !simpler(out->best, out->original)) return std::nullopt;
  return as_shrunk(out->best, out->complete);
}

}  // namespace weft::detail
