// What the warm-up executions measured of a scenario (strategy.hpp's
// execution_profile): the longest execution in decisions, for PCT's change
// points, and the most scheduling points each thread passed, for surw's
// weights. weft exec measures it across processes and hands it on as text.
#include <algorithm>
#include <charconv>
#include <stdexcept>
#include <string>

#include "strategy.hpp"

namespace weft::detail {

void execution_profile::add(std::uint64_t decisions, std::span<const thread_info> threads) {
  execution_profile one;
  one.longest = decisions;
  for (const thread_info& t : threads) one.thread_steps.push_back(t.steps);
  merge(one);
}

void execution_profile::merge(const execution_profile& other) {
  longest = std::max(longest, other.longest);
  if (thread_steps.size() < other.thread_steps.size()) thread_steps.resize(other.thread_steps.size(), 0);
  for (std::size_t t = 0; t < other.thread_steps.size(); ++t) {
    thread_steps[t] = std::max(thread_steps[t], other.thread_steps[t]);
  }
}

std::string execution_profile::to_text() const {
  std::string text = std::to_string(longest);
  for (std::uint64_t steps : thread_steps) text += " " + std::to_string(steps);
  return text;
}

execution_profile execution_profile::from_text(std::string_view text) {
  execution_profile p;
  std::vector<std::uint64_t> numbers;
  while (!text.empty()) {
    std::uint64_t n = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (error != std::errc{} || end == text.data()) throw std::invalid_argument("not an execution profile");
    numbers.push_back(n);
    text.remove_prefix(static_cast<std::size_t>(end - text.data()));
    if (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  }
  if (numbers.empty()) throw std::invalid_argument("not an execution profile");
  p.longest = std::max<std::uint64_t>(numbers.front(), 1);
  p.thread_steps.assign(numbers.begin() + 1, numbers.end());
  return p;
}

}  // namespace weft::detail
