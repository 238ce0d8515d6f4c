// weft/relacy_runner.hpp — running a scenario under Relacy, from any weft program.
//
// Relacy replaces the global allocator of its process, so Relacy runs live in
// a program of their own, weft-relacy (scenarios/relacy/). run_relacy starts
// it for one scenario, reads the JSON it writes and returns weft findings.
// This header does not include Relacy.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "weft/result.hpp"

namespace weft {

/// Relacy's schedulers: random walk, context-bound (systematic, the useful
/// exhaustive mode), full search (exhaustive; ignores the iteration count).
enum class relacy_search { random, context_bound, full };

/// "random", "context-bound" or "full"; nullopt for anything else.
std::optional<relacy_search> relacy_search_from_string(std::string_view text);
/// The spelling relacy_search_from_string reads.
std::string_view to_string(relacy_search search);

struct relacy_options {
  relacy_search search = relacy_search::random;
  /// Random search only: context-bound and full search ignore it (they end
  /// when their whole space is explored).
  std::uint64_t iterations = 100000;
  /// Wall-clock limit of the run, in seconds; 0: no limit. Context-bound and
  /// full search can run for many minutes on scenarios with 3-4 threads.
  /// When the limit passes, weft-relacy is killed and run_relacy throws
  /// relacy_timeout. Negative or NaN: std::invalid_argument.
  double timeout_seconds = 0;
  /// Path of weft-relacy; empty: $WEFT_RELACY, else next to the running
  /// executable (/proc/self/exe's directory: installed and built there), then PATH.
  std::string program;
};

/// No verdict within relacy_options::timeout_seconds. The message is one
/// line naming the scenario, the limit and the search: "weft-relacy:
/// bounded_buffer/two_conditions: no verdict within 60 s (context-bound
/// search; try --search random or a longer --timeout)".
struct relacy_timeout : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Runs scenario `name` through weft-relacy in its own process and returns
/// its findings (engine "relacy", Relacy's history attached, stats.executions
/// and stats.seconds filled). Throws std::invalid_argument (one-line message)
/// when the scenario has no Relacy version or the program is missing, and
/// std::runtime_error when weft-relacy fails for another reason, and
/// relacy_timeout (a std::runtime_error) when the time limit passes: the
/// child is killed and reaped first, and nothing is left in TMPDIR. A
/// weft-relacy killed by another signal is reported as a `crash` finding.
result run_relacy(const std::string& name, const relacy_options& opts);

}  // namespace weft
