// relacy_side.hpp — Relacy's half of the engine benchmark, behind a plain
// function so that relacy.hpp (which redefines new, assert, ...) stays inside
// relacy_side.cpp.
#pragma once

#include <cstdint>

namespace weft::bench {

enum class relacy_case { mutex_increment, atomic_increment };

/// Runs `executions` Relacy iterations (random scheduler) of the case;
/// returns false if Relacy reported a failure.
bool relacy_simulate(relacy_case which, std::uint64_t executions);

}  // namespace weft::bench
