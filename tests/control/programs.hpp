// programs.hpp — the control suite: correct concurrent programs written the
// way people write them (not only the way weft's own models are), each with
// a buggy twin where one exists. Every correct program must be clean under
// every strategy; every twin must be found with one of its expected kinds.
// Only weft's public API (<weft/weft.hpp>) is used.
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "weft/weft.hpp"

namespace control {

struct program {
  std::string name;
  void (*correct)() = nullptr;
  void (*buggy)() = nullptr;                  // null: no twin
  std::vector<weft::finding_kind> bug_kinds;  // what finding the twin as a bug looks like
};

/// gtest prints a parameter by its name.
inline void PrintTo(const program& p, std::ostream* os) { *os << p.name; }

std::vector<program> lock_programs();
std::vector<program> wait_programs();
std::vector<program> atomic_programs();
std::vector<program> timing_programs();

/// Every program of the suite.
inline std::vector<program> all_programs() {
  std::vector<program> all;
  for (auto part : {lock_programs, wait_programs, atomic_programs, timing_programs}) {
    for (auto& p : part()) all.push_back(std::move(p));
  }
  return all;
}

/// `p.correct` is clean under strategy `s` with `executions` executions (or
/// fewer when bounded DFS exhausts its space first).
void expect_clean(const program& p, weft::strategy_kind s, std::uint64_t executions);

/// Runs body(i) in `n` weft::threads and joins them.
inline void run_threads(int n, const std::function<void(int)>& body) {
  std::vector<weft::thread> threads;
  threads.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) threads.emplace_back(body, i);
  for (auto& t : threads) t.join();
}

}  // namespace control
