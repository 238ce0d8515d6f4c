// weft/model_scenario.hpp — registering a model scenario under every engine.
//
// A scenario template (weft/scenario_shape.hpp) is instantiated with
// checked_sync for the controlled scheduler and with noisy_std_sync for
// stress runs on real threads; one call registers both with its verdict.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "weft/checked_sync.hpp"
#include "weft/noisy_std_sync.hpp"
#include "weft/registry.hpp"
#include "weft/scenario_shape.hpp"

namespace weft {

template <template <class> class S>
struct model_spec {
  using params = typename S<checked_sync>::params;
  static_assert(std::is_same_v<params, typename S<noisy_std_sync>::params>,
                "a scenario's params struct must be declared outside the Sync template");
  std::string name;                    // "family/name"
  std::string seed_ref;                // where the tutorials show it
  std::string summary;                 // one line
  std::vector<finding_kind> expected;  // empty: expected clean
  params checked{};                    // parameters under the controlled scheduler
  params stress{};                     // parameters on real threads (the tutorial's)
  bool real_threads = true;            // false: needs logical time or never ends on real threads
  bool relacy = false;                 // weft-relacy has it
  std::string notes;
};

template <template <class> class S>
void register_model(model_spec<S> spec) {
  scenario s;
  s.name = std::move(spec.name);
  s.seed_ref = std::move(spec.seed_ref);
  s.summary = std::move(spec.summary);
  s.expected = std::move(spec.expected);
  s.notes = std::move(spec.notes);
  s.relacy = spec.relacy;
  s.checked = [p = spec.checked] { run_scenario_once<checked_sync, S>(p); };
  if (spec.real_threads) s.stress = [p = spec.stress] { run_scenario_once<noisy_std_sync, S>(p); };
  registry::instance().add(std::move(s));
}

}  // namespace weft
