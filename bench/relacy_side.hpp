// relacy_side.hpp — Relacy's half of the engine benchmark, behind a plain
// function so that relacy.hpp (which redefines new, assert, ...) stays inside
// relacy_side.cpp.
#pragma once

#include <cstdint>
#include <initializer_list>

namespace weft::bench {

/// The matrix workloads, the same on both sides (engine_bench.cpp says what each does).
enum class workload { mutex_increment, atomic_increment, condvar_handoff };

/// Relacy fixes the thread count at compile time (rl::test_suite<T, N>):
/// the counts instantiated in relacy_side.cpp.
inline constexpr std::initializer_list<int> relacy_thread_counts{2, 8, 32};

/// Each thread's operations per execution, the same on both sides.
inline constexpr int operations_per_thread = 10;

/// The litmus shapes of the memory-model benchmark (litmus_bench.cpp), with
/// relaxed orders on both sides: SB (store buffering) and MP (message passing);
/// `empty`: the same two threads doing nothing (the fixed cost of an execution).
enum class litmus { sb, mp, empty };

/// Runs `executions` Relacy iterations (random scheduler) of the litmus test;
/// returns how many ended with its weak outcome (SB: r0 = r1 = 0, MP: the flag
/// seen and the data not).
std::uint64_t relacy_litmus(litmus which, std::uint64_t executions);

/// Runs `executions` Relacy iterations (random scheduler) of the case with
/// `threads` threads (one of relacy_thread_counts); returns false if Relacy
/// reported a failure. Throws std::invalid_argument for another thread count.
bool relacy_simulate(workload which, int threads, std::uint64_t executions);

}  // namespace weft::bench
