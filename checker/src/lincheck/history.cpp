// Programs and histories in words, and the `linearizability` finding.
#include "weft/lincheck/history.hpp"

#include <algorithm>
#include <numeric>

namespace weft::lincheck {
namespace {

std::string join_calls(const std::vector<call>& calls) {
  std::string out;
  for (const call& c : calls) out += (out.empty() ? "" : ", ") + c.text;
  return out;
}

std::string thread_name(std::uint32_t thread) { return thread == 0 ? "main" : "t" + std::to_string(thread); }

}  // namespace

std::size_t program::size() const {
  std::size_t n = prefix.size() + suffix.size();
  for (const auto& t : threads) n += t.size();
  return n;
}

void erase(program& p, const call_position& at) {
  std::vector<call>& calls = at.part == call_position::prefix   ? p.prefix
                             : at.part == call_position::suffix ? p.suffix
                                                                : p.threads.at(at.thread_index);
  calls.erase(calls.begin() + std::ptrdiff_t(at.index));
}

std::string describe(const program& p) {
  std::string out;
  const auto part = [&](const std::string& name, const std::vector<call>& calls) {
    if (calls.empty()) return;
    out += (out.empty() ? "" : " | ") + name + ": " + join_calls(calls);
  };
  part("prefix", p.prefix);
  for (std::size_t t = 0; t < p.threads.size(); ++t) part(thread_name(std::uint32_t(t + 1)), p.threads[t]);
  part("suffix", p.suffix);
  return out;
}

std::vector<program> rearrangements(const program& p, std::size_t min_threads) {
  std::vector<program> out;
  const std::size_t n = p.threads.size();
  const auto without_thread = [&](std::size_t t) {
    program q = p;
    q.threads.erase(q.threads.begin() + std::ptrdiff_t(t));
    return q;
  };
  if (n > min_threads) {
    for (std::size_t t = 0; t < n; ++t) out.push_back(without_thread(t));
  }
  const auto without_call = [&](std::vector<call> program::*part) {
    for (std::size_t i = 0; i < (p.*part).size(); ++i) {
      program q = p;
      (q.*part).erase((q.*part).begin() + std::ptrdiff_t(i));
      out.push_back(std::move(q));
    }
  };
  without_call(&program::prefix);
  for (std::size_t t = 0; t < n; ++t) {
    for (std::size_t i = 0; i < p.threads[t].size() && p.threads[t].size() > 1; ++i) {
      program q = p;
      q.threads[t].erase(q.threads[t].begin() + std::ptrdiff_t(i));
      out.push_back(std::move(q));
    }
  }
  without_call(&program::suffix);
  if (n > min_threads) {
    for (std::size_t t = 0; t + 1 < n; ++t) {
      program q = without_thread(t + 1);
      q.threads[t].insert(q.threads[t].end(), p.threads[t + 1].begin(), p.threads[t + 1].end());
      out.push_back(std::move(q));
    }
  }
  for (std::size_t t = 0; t < n; ++t) {
    if (p.threads[t].size() < 2) continue;
    program first = p;
    first.prefix.push_back(first.threads[t].front());
    first.threads[t].erase(first.threads[t].begin());
    out.push_back(std::move(first));
    program last = p;
    last.suffix.insert(last.suffix.begin(), last.threads[t].back());
    last.threads[t].pop_back();
    out.push_back(std::move(last));
  }
  return out;
}

std::string describe(const recorded_op& op) { return thread_name(op.thread) + ": " + op.call + " -> " + op.result; }

finding not_linearizable(std::span<const recorded_op> history, const verdict& v, const std::string& model_result) {
  const bool sequential = std::all_of(history.begin(), history.end(),
                                      [&](const recorded_op& op) { return op.thread == history.front().thread; });
  std::string prefix;
  for (std::size_t i : v.longest_prefix) prefix += (prefix.empty() ? "" : ", ") + describe(history[i]);
  std::vector<std::size_t> order(history.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return history[a].when.call < history[b].when.call; });
  std::string whole;
  for (std::size_t i : order) whole += (whole.empty() ? "" : ", ") + describe(history[i]);

  finding f;
  f.kind = finding_kind::linearizability;
  f.message = std::string(sequential ? "sequential run differs from the model: " : "not linearizable: ") +
              describe(history[v.stuck]) + " cannot be placed after [" + prefix + "] (the model returns " +
              model_result + " there); history: " + whole;
  f.details.push_back(std::string("history (invocation order; [call, return] on one clock):"));
  for (std::size_t i : order) {
    const recorded_op& op = history[i];
    f.details.push_back("  " + describe(op) + "   [" + std::to_string(op.when.call) + ", " +
                        std::to_string(op.when.ret) + "]" + (i == v.stuck ? "   <- cannot be placed" : ""));
  }
  f.details.push_back("longest linearizable prefix: " + (prefix.empty() ? std::string("(none)") : prefix));
  // The same history, structured for the report's timeline (in invocation order).
  std::vector<std::int32_t> placed(history.size(), -1);
  for (std::size_t k = 0; k < v.longest_prefix.size(); ++k) placed[v.longest_prefix[k]] = std::int32_t(k);
  for (std::size_t i : order) {
    const recorded_op& op = history[i];
    f.operations.push_back({op.thread, op.call, op.result, op.when.call, op.when.ret, placed[i], i == v.stuck});
  }
  return f;
}

}  // namespace weft::lincheck
