// weft/model_scenario.hpp — registering a model scenario under every backend.
//
// A scenario template (weft/scenario_shape.hpp) is instantiated with
// checked_sync for the controlled scheduler and with noisy_std_sync for
// stress runs on real threads; one call registers both with its verdict.
//
// Compiled with WEFT_MODELS_ON_STD_TYPES defined (scenarios/std_types/, a
// program built with weft's instrumentation for `weft exec`), the same call
// registers the template on the real std types instead (weft::std_sync):
// its `checked` body runs Scenario<std_sync> with the controlled scheduler's
// parameters, and nothing else is registered.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "weft/checked_sync.hpp"
#include "weft/noisy_std_sync.hpp"
#include "weft/registry.hpp"
#include "weft/scenario_shape.hpp"
#ifdef WEFT_MODELS_ON_STD_TYPES
#include "weft/std_sync.hpp"
#endif

namespace weft {

/// Parameters drawn by a generator, with their shrinks (see
/// weft/scenarios/generate.hpp, which adapts RapidCheck generators).
template <class P>
struct params_sample {
  P value;
  std::string description;
  std::function<std::vector<params_sample>()> shrinks;
};
template <class P>
using params_source = std::function<params_sample<P>(std::uint64_t seed, int size)>;

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
  std::string stress_notes;            // why real threads may not show the expected verdict
  /// Workloads for `weft run --generate`; by default the
  /// weft_params_generator(std::type_identity<params>) found by ADL, if any.
  params_source<params> generate;
};

namespace detail {
template <template <class> class S, class P>
generated_workload to_workload(const params_sample<P>& sample) {
  generated_workload w;
  w.body = [p = sample.value] { run_scenario_once<checked_sync, S>(p); };
  w.description = sample.description;
  if (sample.shrinks) {
    w.shrinks = [shrinks = sample.shrinks] {
      std::vector<generated_workload> out;
      for (const auto& smaller : shrinks()) out.push_back(to_workload<S>(smaller));
      return out;
    };
  }
  return w;
}
}  // namespace detail

template <template <class> class S>
void register_model(model_spec<S> spec) {
  scenario s;
  s.name = std::move(spec.name);
  s.summary = std::move(spec.summary);
  s.expected = std::move(spec.expected);
#ifdef WEFT_MODELS_ON_STD_TYPES
  s.checked = [p = spec.checked] { run_scenario_once<std_sync, S>(p); };
#else
  s.seed_ref = std::move(spec.seed_ref);
  s.notes = std::move(spec.notes);
  s.stress_notes = std::move(spec.stress_notes);
  s.relacy = spec.relacy;
  s.checked = [p = spec.checked] { run_scenario_once<checked_sync, S>(p); };
  if (spec.real_threads) s.stress = [p = spec.stress] { run_scenario_once<noisy_std_sync, S>(p); };
  using params = typename model_spec<S>::params;
  if (!spec.generate) {
    if constexpr (requires { weft_params_generator(std::type_identity<params>{}); }) {
      spec.generate = weft_params_generator(std::type_identity<params>{});
    }
  }
  if (spec.generate) {
    s.generate = [source = std::move(spec.generate)](std::uint64_t seed, int size) {
      return detail::to_workload<S>(source(seed, size));
    };
  }
#endif
  registry::instance().add(std::move(s));
}

}  // namespace weft
