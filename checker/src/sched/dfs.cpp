// Systematic search: stateless depth-first search over the scheduling
// decisions, replaying the prefix of the previous execution and taking the
// next untried alternative at the deepest decision. Each alternative has a
// cost, and schedules whose total cost exceeds the bound are skipped:
//
// - preemption bounding (Musuvathi & Qadeer, PLDI 2007): the current thread
//   first; switching away from a thread that could go on costs 1;
// - delay bounding (Emmi, Qadeer & Rakamarić, POPL 2011): the options in
//   the order a deterministic round-robin scheduler would take them (the
//   current thread while it can go on, else the next thread after the last
//   one that ran); the k-th option costs k delays.
//
// `dfs` runs one preemption bound. `ipb` and `idb` iterate the bound 0, 1,
// 2, …, each level exhausted before the next (as the SCTBench study, Thomson
// et al. TOPC 2016, found best: most bugs need few preemptions/delays, and
// the search reaches them without first going deep). A level that skipped
// nothing for its bound covered the whole space: the search is exhausted.
#include <algorithm>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "rng.hpp"
#include "strategy.hpp"

namespace weft::detail {
namespace {

enum class cost_model : std::uint8_t { preemptions, delays };

class bounded_search final : public strategy {
  struct decision {
    std::vector<std::uint32_t> options;  // thread ids in the model's order; or 0..n-1 for values
    std::uint32_t chosen = 0;
    bool current_enabled = false;
    bool is_value = false;
    unsigned cost_before = 0;
  };

 public:
  bounded_search(cost_model model, unsigned bound, bool iterative)
      : model_(model), bound_(bound), iterative_(iterative) {}

  bool begin_execution(std::uint64_t) override {
    pos_ = 0;
    last_ran_ = 0;
    off_prefix_ = false;
    at_random_ = false;
    left_prefix.clear();
    return !exhausted_;
  }

  // A livelock suspected (strategy::on_livelock_suspected): the rest of the
  // execution is not searched but completed by pseudo-random picks, each
  // kept as a decision with that one option (no alternative to come back
  // to; a real decision always has two or more), so that replaying the
  // prefix picks the same again.
  void on_livelock_suspected() override { at_random_ = true; }

  std::uint32_t pick_thread(std::span<const std::uint32_t> enabled, std::uint32_t current,
                            std::span<const thread_info>) override {
    // The point as the cost model sees it; a replayed decision was recorded
    // from the same, unless the code under test went another way.
    decision here;
    here.current_enabled = std::find(enabled.begin(), enabled.end(), current) != enabled.end();
    here.options = model_ == cost_model::preemptions ? current_first(enabled, current, here.current_enabled)
                                                     : round_robin(enabled, current, here.current_enabled);
    std::uint32_t next;
    if (pos_ < stack_.size()) {
      const decision& d = stack_[pos_++];
      const bool picked_at_random = d.options.size() == 1;
      if (!off_prefix_ && !picked_at_random &&
          (d.is_value || d.current_enabled != here.current_enabled || d.options != here.options)) {
        leave_prefix(at_decision() + describe(d) + "; now " + describe(here));
      }
      next = enabled_or_instead(d.options[d.chosen], enabled, current);
    } else if (at_random_) {
      here.options = {enabled[splitmix64(stack_.size()) % enabled.size()]};
      next = push(std::move(here));
    } else {
      next = push(std::move(here));
    }
    last_ran_ = next;
    return next;
  }

  std::uint64_t pick_value(std::uint64_t bound) override {
    // A recorded value out of this execution's range: see enabled_or_instead.
    if (pos_ < stack_.size()) {
      const decision& d = stack_[pos_++];
      if (!off_prefix_ && (!d.is_value || d.options.size() != bound)) {
        leave_prefix(at_decision() + describe(d) + "; now a value of " + std::to_string(bound) + " choices");
      }
      return std::min<std::uint64_t>(d.chosen, bound - 1);
    }
    decision d;
    d.is_value = true;
    d.options.resize(bound);
    return push(std::move(d));
  }

  void end_execution(std::uint64_t, std::span<const thread_info>) override {
    if (!off_prefix_ && pos_ < stack_.size()) {
      leave_prefix("the execution ended after " + std::to_string(pos_) + " of the " + std::to_string(stack_.size()) +
                   " decisions it replayed");
    }
    if (off_prefix_) ++diverged_;
    stack_.resize(std::min<std::size_t>(stack_.size(), pos_));
    while (!stack_.empty()) {
      decision& d = stack_.back();
      for (std::uint32_t next = d.chosen + 1; next < d.options.size(); ++next) {
        if (d.cost_before + cost(d, next) <= bound_) {
          d.chosen = next;
          return;
        }
        cut_ = true;
      }
      stack_.pop_back();
    }
    // This bound's space is done.
    if (!iterative_ || !cut_) {
      exhausted_ = true;
      if (iterative_) completed_ = static_cast<int>(bound_);
      return;
    }
    completed_ = static_cast<int>(bound_);
    ++bound_;
    cut_ = false;
  }

  bool exhausted() const override { return exhausted_; }
  int completed_bound() const override { return completed_; }
  std::uint64_t diverged() const override { return diverged_; }

  // The state between executions: the bound, its flags, the executions that
  // diverged so far, then the stack,
  // one decision after another (chosen, whether the current thread could go
  // on, whether it is a value, its cost before, its options), all numbers.
  std::string saved_state() const override {
    std::ostringstream out;
    out << "bounded-search " << bound_ << ' ' << cut_ << ' ' << exhausted_ << ' ' << completed_ << ' ' << diverged_ << ' '
        << stack_.size();
    for (const decision& d : stack_) {
      out << ' ' << d.chosen << ' ' << d.current_enabled << ' ' << d.is_value << ' ' << d.cost_before << ' '
          << d.options.size();
      for (std::uint32_t o : d.options) out << ' ' << o;
    }
    return out.str();
  }

  void restore_state(std::string_view state) override {
    std::istringstream in{std::string(state)};
    std::string tag;
    std::size_t depth = 0;
    in >> tag >> bound_ >> cut_ >> exhausted_ >> completed_ >> diverged_ >> depth;
    const auto bad = [] { throw std::invalid_argument("weft: not a saved systematic search state"); };
    if (!in || tag != "bounded-search") bad();
    std::vector<decision> stack;
    for (std::size_t i = 0; i < depth; ++i) {
      decision d;
      std::size_t options = 0;
      in >> d.chosen >> d.current_enabled >> d.is_value >> d.cost_before >> options;
      if (!in || options == 0 || d.chosen >= options) bad();
      d.options.resize(options);
      for (std::uint32_t& o : d.options) in >> o;
      if (!in) bad();
      stack.push_back(std::move(d));
    }
    stack_ = std::move(stack);
  }

 private:
  // The recorded choice, when it is enabled. Otherwise the code under test
  // went another way than in the execution the prefix was recorded from (it
  // reads something the schedule does not decide: real time, addresses; under
  // weft exec a library's own code runs too), and the recorded thread may be
  // blocked or finished: switching to a finished one jumped to a fiber that
  // had left (a crash). The current thread, or the first enabled one, runs
  // instead, and the recorded search goes on unchanged, so it still ends.
  static std::uint32_t enabled_or_instead(std::uint32_t recorded, std::span<const std::uint32_t> enabled,
                                          std::uint32_t current) {
    const auto has = [&enabled](std::uint32_t t) {
      return std::find(enabled.begin(), enabled.end(), t) != enabled.end();
    };
    if (has(recorded)) return recorded;
    return has(current) ? current : enabled[0];
  }

  static std::vector<std::uint32_t> current_first(std::span<const std::uint32_t> enabled, std::uint32_t current,
                                                  bool current_enabled) {
    std::vector<std::uint32_t> options;
    options.reserve(enabled.size());
    if (current_enabled) options.push_back(current);
    for (std::uint32_t t : enabled) {
      if (t != current) options.push_back(t);
    }
    return options;
  }

  /// `enabled` rotated to start where round-robin would: the current thread,
  /// or the first enabled thread after the last one that ran.
  std::vector<std::uint32_t> round_robin(std::span<const std::uint32_t> enabled, std::uint32_t current,
                                         bool current_enabled) const {
    std::size_t start = 0;
    if (current_enabled) {
      start = static_cast<std::size_t>(std::find(enabled.begin(), enabled.end(), current) - enabled.begin());
    } else {
      const auto after = std::find_if(enabled.begin(), enabled.end(), [&](std::uint32_t t) { return t > last_ran_; });
      start = after == enabled.end() ? 0 : static_cast<std::size_t>(after - enabled.begin());
    }
    std::vector<std::uint32_t> options(enabled.begin() + static_cast<std::ptrdiff_t>(start), enabled.end());
    options.insert(options.end(), enabled.begin(), enabled.begin() + static_cast<std::ptrdiff_t>(start));
    return options;
  }

  /// The execution diverged here, the first time: strategy::left_prefix says how.
  void leave_prefix(std::string how) {
    off_prefix_ = true;
    left_prefix = std::move(how);
  }
  /// The decision just replayed (0-based, as a replay's divergence counts).
  std::string at_decision() const { return "decision " + std::to_string(pos_ - 1) + " recorded "; }

  /// A decision as its point offered it: "threads 0, 1 (thread 0 could go
  /// on)", "a value of 3 choices".
  static std::string describe(const decision& d) {
    if (d.is_value) return "a value of " + std::to_string(d.options.size()) + " choices";
    std::string text = d.options.size() == 1 ? "thread " : "threads ";
    for (std::size_t i = 0; i < d.options.size(); ++i) text += (i > 0 ? ", " : "") + std::to_string(d.options[i]);
    return text + (d.current_enabled ? " (the current thread could go on)" : " (the current thread could not go on)");
  }

  unsigned cost(const decision& d, std::uint32_t index) const {
    if (d.is_value || index == 0) return 0;
    return model_ == cost_model::delays ? index : (d.current_enabled ? 1 : 0);
  }

  std::uint32_t push(decision d) {
    d.cost_before = stack_.empty() ? 0 : stack_.back().cost_before + cost(stack_.back(), stack_.back().chosen);
    stack_.push_back(std::move(d));
    ++pos_;
    const decision& top = stack_.back();
    return top.is_value ? top.chosen : top.options[top.chosen];
  }

  cost_model model_;
  unsigned bound_;
  bool iterative_;
  std::vector<decision> stack_;
  std::size_t pos_ = 0;
  std::uint32_t last_ran_ = 0;
  bool cut_ = false;  // some alternative was skipped for exceeding the current bound
  bool off_prefix_ = false;  // this execution left the prefix it replayed
  bool at_random_ = false;   // a livelock suspected: see on_livelock_suspected
  std::uint64_t diverged_ = 0;
  bool exhausted_ = false;
  int completed_ = -1;
};

}  // namespace

std::unique_ptr<strategy> make_dfs_strategy(unsigned preemption_bound) {
  return std::make_unique<bounded_search>(cost_model::preemptions, preemption_bound, false);
}

std::unique_ptr<strategy> make_ipb_strategy() {
  return std::make_unique<bounded_search>(cost_model::preemptions, 0, true);
}

std::unique_ptr<strategy> make_idb_strategy() {
  return std::make_unique<bounded_search>(cost_model::delays, 0, true);
}

}  // namespace weft::detail
