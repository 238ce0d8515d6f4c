// weft/lincheck.hpp — property-based testing of concurrent objects for
// linearizability.
//
// Describe the object's operations once, each next to its sequential model:
//
//   WEFT_LINCHECK("lincheck/my_queue",
//       weft::spec<my_queue, std::deque<int>>{}
//           .op("push", rc::gen::inRange(0, 10),
//               [](my_queue& q, int v) { q.push(v); },
//               [](std::deque<int>& m, int v) { m.push_back(v); })
//           .op("pop", [](my_queue& q) { return q.try_pop(); },
//                      [](std::deque<int>& m) -> std::optional<int> { ... }));
//
// `weft run` then draws parallel programs with RapidCheck (a sequential
// prefix, 2-4 threads of 1-6 operations, a suffix), runs each under the
// controlled scheduler with every detector on, records every operation's
// invocation and response (each a scheduling point), and checks that some
// sequential order of the model explains the results (weft/lincheck/search.hpp).
// A failing program is shrunk and reported as a `linearizability` finding
// (or as the race, deadlock... that happened first). docs/lincheck.md.
#pragma once

#include <rapidcheck.h>

#include <algorithm>
#include <atomic>
#include <iterator>
#include <concepts>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "weft/checked_sync.hpp"
#include "weft/detail/location.hpp"
#include "weft/lincheck/history.hpp"
#include "weft/lincheck/search.hpp"
#include "weft/noisy_std_sync.hpp"
#include "weft/prop.hpp"
#include "weft/registry.hpp"
#include "weft/weft.hpp"

namespace weft {
namespace lincheck {

/// The printable form of an argument or result.
template <class T>
std::string show(const T& v) {
  if constexpr (std::is_same_v<T, bool>) {
    return v ? "true" : "false";
  } else if constexpr (std::is_arithmetic_v<T>) {
    return std::to_string(v);
  } else if constexpr (std::is_convertible_v<const T&, std::string_view>) {
    return '"' + std::string(std::string_view(v)) + '"';
  } else if constexpr (requires { v.has_value(); *v; }) {
    return v.has_value() ? show(*v) : std::string("none");
  } else if constexpr (requires { v.first; v.second; }) {
    return "(" + show(v.first) + ", " + show(v.second) + ")";
  } else if constexpr (requires(std::ostream& o) { o << v; }) {
    std::ostringstream out;
    out << v;
    return out.str();
  } else if constexpr (requires { v.begin(); v.end(); }) {
    std::string out = "[";
    for (const auto& e : v) out += (out.size() > 1 ? ", " : "") + show(e);
    return out + "]";
  } else {
    return "?";
  }
}

namespace detail {

/// Calls fn(target) or fn(target, argument).
template <class Arg, class Fn, class Target>
decltype(auto) call_with(Fn& fn, Target& target, const void* arg) {
  if constexpr (std::is_void_v<Arg>) {
    return fn(target);
  } else {
    return fn(target, *static_cast<const Arg*>(arg));
  }
}

/// The parameter type of a one-argument lambda (a partition key function).
template <class F>
struct argument_of;
template <class C, class R, class A>
struct argument_of<R (C::*)(A) const> {
  using type = std::remove_cvref_t<A>;
};

/// What one operation did on the object, and how a model state is checked
/// against it.
template <class Model>
struct outcome {
  std::string text;                      // the result, printed ("ok" for void)
  std::function<bool(Model&)> matches;   // applies the operation to a model; true: same result
  bool self_equal = true;                // false: the result is not even == to itself (a NaN)
};

template <class Object, class Model>
struct operation {
  std::string name;
  rc::Gen<call> draw;
  std::function<outcome<Model>(Object&, const std::shared_ptr<const void>&)> on_object;
  std::function<std::string(Model&, const void*)> on_model;  // applies; returns the result printed
  std::function<bool(const Model&)> precondition;              // null: always
  std::function<bool(const Model&)> ready;                     // null: never blocks (blocks_until)
  std::function<std::uint64_t(const void*)> key;               // null: no partition key
};

/// Thrown for a spec that cannot work (a model that throws, a result not
/// equal to itself, no operation generable); `weft` exits 2 with the message.
inline std::invalid_argument spec_error(const std::string& operation, const std::string& what) {
  return std::invalid_argument("operation '" + operation + "': " + what);
}

}  // namespace detail
}  // namespace lincheck

/// A concurrent `Object` under test and the sequential `Model` (a copyable
/// value with ==; std::hash<Model> speeds up the search where it exists)
/// whose behaviour every parallel run must be explained by.
template <class Object, class Model>
class spec {
 public:
  using object_factory = std::function<std::unique_ptr<Object>()>;

  spec() : data_(std::make_shared<data>()) {
    if constexpr (std::is_default_constructible_v<Object>) data_->make = [] { return std::make_unique<Object>(); };
  }

  /// An operation without an argument: object_fn(Object&) and model_fn(Model&)
  /// return the same type (or void).
  template <class ObjectFn, class ModelFn>
  spec& op(std::string name, ObjectFn object_fn, ModelFn model_fn) {
    return add<void>(name, rc::gen::just(lincheck::call{ops().size(), nullptr, name + "()"}), std::move(object_fn),
                     std::move(model_fn));
  }

  /// An operation with an argument drawn by `gen`: object_fn(Object&, const T&)
  /// and model_fn(Model&, const T&).
  template <class T, class ObjectFn, class ModelFn>
  spec& op(std::string name, rc::Gen<T> gen, ObjectFn object_fn, ModelFn model_fn) {
    const std::size_t index = ops().size();
    auto draw = rc::gen::map(std::move(gen), [index, name](T arg) {
      lincheck::call c{index, nullptr, name + "(" + lincheck::show(arg) + ")"};
      c.arg = std::make_shared<const T>(std::move(arg));
      return c;
    });
    return add<T>(name, std::move(draw), std::move(object_fn), std::move(model_fn));
  }

  /// The last operation is drawn only where `pre(model)` holds.
  spec& when(std::function<bool(const Model&)> pre) {
    last().precondition = std::move(pre);
    return *this;
  }

  /// The last operation blocks until `ready(model)` holds (a put on a full
  /// buffer, an acquire without permits): a history places it only where it
  /// is ready, and programs are drawn so that no order of their calls leaves
  /// a thread blocked forever in the model (docs/lincheck.md, "Blocking
  /// operations"). The model function is only ever called where it is ready.
  spec& blocks_until(std::function<bool(const Model&)> ready) {
    last().ready = std::move(ready);
    return *this;
  }

  /// The partition key of the last operation, from its argument: when every
  /// operation has one, operations on different keys are independent and the
  /// history is checked one key at a time (P-compositionality).
  template <class KeyFn>
  spec& key(KeyFn key_fn) {
    last().key = [key_fn](const void* arg) {
      using T = typename lincheck::detail::argument_of<decltype(&KeyFn::operator())>::type;
      return static_cast<std::uint64_t>(key_fn(*static_cast<const T*>(arg)));
    };
    return *this;
  }

  spec& object(object_factory make) { return data_->make = std::move(make), *this; }
  spec& model(Model initial) { return data_->initial = std::move(initial), *this; }
  /// Parallel threads per program (default 2-4) and operations per thread (1-6).
  spec& threads(unsigned lo, unsigned hi) { return data_->threads = {lo, hi}, *this; }
  spec& ops_per_thread(unsigned lo, unsigned hi) { return data_->per_thread = {lo, hi}, *this; }
  /// Operations at most in the sequential prefix and suffix (default 2 and 1).
  spec& sequential(unsigned prefix, unsigned suffix) { return data_->prefix = prefix, data_->suffix = suffix, *this; }
  /// The verdict `weft run` expects (default: clean).
  spec& expect(std::vector<finding_kind> kinds) { return data_->expected = std::move(kinds), *this; }
  spec& summary(std::string text) { return data_->summary = std::move(text), *this; }
  /// Programs `weft run` draws per scenario (default 20; --generate N overrides).
  spec& programs(unsigned n) { return data_->programs = n, *this; }
  unsigned program_count() const { return data_->programs; }

  /// Parallel programs, from small to large with the RapidCheck size.
  rc::Gen<lincheck::program> program_generator() const {
    return rc::gen::exec([d = data_] { return d->draw_program(); });
  }

  /// Runs `p` sequentially on a fresh object and the model, outside any
  /// checked execution: the operation whose result differs, if any. Throws
  /// std::invalid_argument for a model that throws or a result not equal to itself.
  std::optional<std::string> sequential_mismatch(const lincheck::program& p) const {
    return data_->sequential_mismatch(p);
  }

  /// Whether every call of `p` may be drawn where it stands (preconditions,
  /// judged as when drawing).
  bool satisfies_preconditions(const lincheck::program& p) const { return data_->satisfies_preconditions(p); }
  std::size_t min_threads() const { return data_->thread_range().first; }

  /// One execution of `p` (inside weft::check): threads run their calls,
  /// the history is recorded and checked; not linearizable ends the
  /// execution with a `linearizability` finding located at `where`.
  void run(const lincheck::program& p, bool sequentially, const weft::detail::location& where) const {
    data_->run(p, sequentially, where);
  }

  /// The scenario `WEFT_LINCHECK` registers.
  scenario to_scenario(std::string name, const weft::detail::location& where) const;

 private:
  struct data {
    object_factory make;
    Model initial{};
    std::vector<lincheck::detail::operation<Object, Model>> ops;
    std::pair<unsigned, unsigned> threads{2, 4}, per_thread{1, 6};
    unsigned prefix = 2, suffix = 1, programs = 20;
    std::vector<finding_kind> expected;
    std::string summary;

    std::string apply_model(Model& m, const lincheck::call& c) const {
      try {
        return ops[c.op].on_model(m, c.arg.get());
      } catch (const std::exception& e) {
        throw lincheck::detail::spec_error(ops[c.op].name, std::string("the model threw: ") + e.what());
      }
    }

    /// The spec's ranges, or the command line's (lincheck::program_shape).
    std::pair<unsigned, unsigned> thread_range() const {
      const auto& o = lincheck::current_program_shape().threads;
      return o ? std::pair{o->lo, o->hi} : threads;
    }
    std::pair<unsigned, unsigned> ops_range() const {
      const auto& o = lincheck::current_program_shape().ops_per_thread;
      return o ? std::pair{o->lo, o->hi} : per_thread;
    }

    bool enabled(std::size_t i, const Model& m) const {
      return !ops[i].precondition || ops[i].precondition(m);
    }

    /// False where operation i would block (blocks_until) in `m`.
    bool ready(std::size_t i, const Model& m) const { return !ops[i].ready || ops[i].ready(m); }
    bool can_block() const {
      return std::any_of(ops.begin(), ops.end(), [](const auto& o) { return bool(o.ready); });
    }

    /// Applies `c` to `m` where it does not block; false where it would.
    bool apply_if_ready(Model& m, const lincheck::call& c) const {
      if (!ready(c.op, m)) return false;
      apply_model(m, c);
      return true;
    }

    /// One call whose precondition holds in `m` (inside rc::gen::exec); on
    /// the main thread (`sequential`) also one that does not block there.
    std::optional<lincheck::call> draw_call(const Model& m, bool sequential = false) const {
      std::vector<std::size_t> candidates;
      for (std::size_t i = 0; i < ops.size(); ++i) {
        if (enabled(i, m) && (!sequential || ready(i, m))) candidates.push_back(i);
      }
      if (candidates.empty()) return std::nullopt;
      return *ops[*rc::gen::elementOf(candidates)].draw;
    }

    lincheck::program draw_program() const {
      lincheck::program p;
      Model m = initial;
      const auto count = [](unsigned lo, unsigned hi) { return *rc::gen::inRange<unsigned>(lo, hi + 1); };
      for (unsigned n = count(0, prefix); n > 0; --n) {
        if (auto c = draw_call(m, true)) apply_model(m, *c), p.prefix.push_back(std::move(*c));
      }
      // Parallel calls must be enabled where the parallel part starts; the
      // suffix is drawn against the threads' calls applied in thread order
      // (those that would block there skipped).
      Model after = m;
      const auto [threads_lo, threads_hi] = thread_range();
      const auto [ops_lo, ops_hi] = ops_range();
      p.threads.resize(count(threads_lo, threads_hi));
      for (auto& t : p.threads) {
        for (unsigned n = count(ops_lo, ops_hi); n > 0; --n) {
          if (auto c = draw_call(m)) apply_if_ready(after, *c), t.push_back(std::move(*c));
        }
      }
      for (unsigned n = count(0, suffix); n > 0; --n) {
        if (auto c = draw_call(after, true)) apply_model(after, *c), p.suffix.push_back(std::move(*c));
      }
      if (can_block()) never_blocked_forever(p);
      return p;
    }

    /// Where a call of `p` is blocked forever in some order of its calls on
    /// the model (nullopt: in none): the prefix, then every interleaving of
    /// the threads (memoised on (positions, model)), then the suffix.
    std::optional<lincheck::call_position> blocked_forever(const lincheck::program& p) const {
      Model m = initial;
      for (std::size_t i = 0; i < p.prefix.size(); ++i) {
        if (!apply_if_ready(m, p.prefix[i])) return lincheck::call_position{lincheck::call_position::prefix, 0, i};
      }
      struct state {
        std::vector<std::size_t> next;  // per thread: its next call
        Model model;
      };
      std::map<std::vector<std::size_t>, std::vector<Model>> seen;
      std::vector<state> todo{{std::vector<std::size_t>(p.threads.size(), 0), m}};
      while (!todo.empty()) {
        state s = std::move(todo.back());
        todo.pop_back();
        auto& models = seen[s.next];
        if (std::find(models.begin(), models.end(), s.model) != models.end()) continue;
        models.push_back(s.model);
        bool finished = true, moved = false;
        for (std::size_t t = 0; t < p.threads.size(); ++t) {
          if (s.next[t] == p.threads[t].size()) continue;
          finished = false;
          state after = s;
          if (!apply_if_ready(after.model, p.threads[t][s.next[t]])) continue;
          ++after.next[t];
          todo.push_back(std::move(after));
          moved = true;
        }
        if (finished) {
          Model end = s.model;
          for (std::size_t i = 0; i < p.suffix.size(); ++i) {
            if (!apply_if_ready(end, p.suffix[i])) return lincheck::call_position{lincheck::call_position::suffix, 0, i};
          }
        } else if (!moved) {  // every unfinished thread waits, and nobody is left to wake it
          for (std::size_t t = 0; t < p.threads.size(); ++t) {
            if (s.next[t] < p.threads[t].size()) return lincheck::call_position{lincheck::call_position::thread, t, s.next[t]};
          }
        }
      }
      return std::nullopt;
    }

    /// Drops calls from `p` until no order of them blocks a thread forever
    /// (each time one that would be blocked), then threads left empty.
    void never_blocked_forever(lincheck::program& p) const {
      while (const auto b = blocked_forever(p)) lincheck::erase(p, *b);
      for (std::size_t t = p.threads.size(); t-- > 0 && p.threads.size() > thread_range().first;) {
        if (p.threads[t].empty()) p.threads.erase(p.threads.begin() + std::ptrdiff_t(t));
      }
    }

    bool satisfies_preconditions(const lincheck::program& p) const {
      Model m = initial;
      // A sequential call must also not block; a parallel one may wait for another thread.
      const auto fits = [&](const lincheck::call& c, Model& state, Model& apply_to, bool sequential) {
        if (!enabled(c.op, state) || (sequential && !ready(c.op, state))) return false;
        apply_if_ready(apply_to, c);
        return true;
      };
      for (const auto& c : p.prefix) {
        if (!fits(c, m, m, true)) return false;
      }
      Model after = m;
      for (const auto& t : p.threads) {
        for (const auto& c : t) {
          if (!fits(c, m, after, false)) return false;
        }
      }
      for (const auto& c : p.suffix) {
        if (!fits(c, after, after, true)) return false;
      }
      return !can_block() || !blocked_forever(p);
    }

    /// The calls of `p` in one sequential order: the prefix, the threads one
    /// after another, the suffix — where a call would block in the model, the
    /// next thread's call that does not goes first (a program drawn never
    /// blocks forever, so one always exists).
    std::vector<const lincheck::call*> in_sequence(const lincheck::program& p) const {
      std::vector<const lincheck::call*> out;
      for (const auto& c : p.prefix) out.push_back(&c);
      if (!can_block()) {
        for (const auto& t : p.threads) {
          for (const auto& c : t) out.push_back(&c);
        }
      } else {
        Model m = initial;
        for (const auto& c : p.prefix) apply_if_ready(m, c);
        std::vector<std::size_t> next(p.threads.size(), 0);
        for (bool left = true; left;) {
          left = false;
          std::optional<std::size_t> go, waiting;
          for (std::size_t t = 0; t < p.threads.size() && !go; ++t) {
            if (next[t] == p.threads[t].size()) continue;
            left = true;
            if (ready(p.threads[t][next[t]].op, m)) go = t;
            else if (!waiting) waiting = t;
          }
          if (!left) break;
          const std::size_t t = go ? *go : *waiting;  // none ready: the object would block too
          apply_if_ready(m, p.threads[t][next[t]]);
          out.push_back(&p.threads[t][next[t]++]);
        }
      }
      for (const auto& c : p.suffix) out.push_back(&c);
      return out;
    }

    std::optional<std::string> sequential_mismatch(const lincheck::program& p) const {
      auto object = make();
      Model m = initial;
      for (const lincheck::call* c : in_sequence(p)) {
        const auto got = ops[c->op].on_object(*object, c->arg);
        if (!got.self_equal) {
          throw lincheck::detail::spec_error(ops[c->op].name, "its result " + got.text +
                                                                  " is not equal to itself, so no model result can match it");
        }
        Model before = m;
        bool same = false;
        try {
          same = got.matches(m);
        } catch (const std::exception& e) {
          throw lincheck::detail::spec_error(ops[c->op].name, std::string("the model threw: ") + e.what());
        }
        if (!same) return c->text + " -> " + got.text + " (the model returns " + apply_model(before, *c) + ")";
      }
      return std::nullopt;
    }

    /// Runs `p` on a fresh object and checks its history: under the
    /// controlled scheduler (weft run), or on real threads (weft stress),
    /// where the threads wait at a start line so that their operations
    /// overlap, and a noise point (a yield, rarely a short sleep) before and
    /// after each operation widens the interleavings real threads reach.
    void run(const lincheck::program& p, bool sequentially, const weft::detail::location& where) const {
      auto object = make();
      const bool real_threads = !weft::detail::in_checked_execution();
      // The history's clock orders the events; the order is what
      // "returned before it was called" means. Under the controlled
      // scheduler an operation that returned before another was called must
      // happen before it, or the C++ memory model would let the later one
      // read older values, with no way for real code to tell it was later:
      // the clock's read-modify-writes acquire and release. A race inside
      // overlapping operations stays visible (an operation's body comes after
      // its call's release). On real threads the clock is relaxed, so that
      // it adds nothing ThreadSanitizer would take as synchronisation (one
      // location's read-modify-writes are totally ordered in real time).
      weft::atomic<std::uint64_t> history_clock{0};
      const std::memory_order clock_order = real_threads ? std::memory_order_relaxed : std::memory_order_acq_rel;
      struct performed {
        lincheck::recorded_op op;
        const lincheck::call* call;
        std::function<bool(Model&)> matches;  // the model check of its result
      };
      // One list per thread (0: the main thread), so that real threads do
      // not share one; merged in the order the operations returned.
      std::vector<std::vector<performed>> by_thread(p.threads.size() + 1);
      const auto perform = [&](std::uint32_t thread, const lincheck::call& c) {
        if (real_threads) weft::noisy::detail::noise();
        const std::uint64_t called = history_clock.fetch_add(1, clock_order);
        auto got = ops[c.op].on_object(*object, c.arg);
        const std::uint64_t returned = history_clock.fetch_add(1, clock_order);
        if (real_threads) weft::noisy::detail::noise();
        by_thread[thread].push_back({{thread, c.text, std::move(got.text), {called, returned}}, &c, std::move(got.matches)});
      };
      if (sequentially) {
        for (const lincheck::call* c : in_sequence(p)) perform(0, *c);
      } else {
        for (const auto& c : p.prefix) perform(0, c);
        std::atomic<bool> start_line{!real_threads};
        std::vector<weft::thread> running;
        for (std::uint32_t t = 0; t < p.threads.size(); ++t) {
          running.emplace_back([&, t] {
            while (!start_line.load(std::memory_order_acquire)) std::this_thread::yield();
            for (const auto& c : p.threads[t]) perform(t + 1, c);
          });
        }
        start_line.store(true, std::memory_order_release);
        for (auto& t : running) t.join();
        for (const auto& c : p.suffix) perform(0, c);
      }
      std::vector<performed> all;
      for (auto& list : by_thread) std::move(list.begin(), list.end(), std::back_inserter(all));
      std::sort(all.begin(), all.end(), [](const performed& a, const performed& b) { return a.op.when.ret < b.op.when.ret; });
      std::vector<lincheck::recorded_op> history;
      std::vector<const lincheck::call*> calls;
      std::vector<std::function<bool(Model&)>> outcomes;
      for (performed& e : all) {
        history.push_back(std::move(e.op));
        calls.push_back(e.call);
        outcomes.push_back(std::move(e.matches));
      }
      check_history(history, calls, outcomes, where, real_threads ? lincheck::describe(p) : std::string());
    }

    void check_history(const std::vector<lincheck::recorded_op>& history,
                       const std::vector<const lincheck::call*>& calls,
                       const std::vector<std::function<bool(Model&)>>& outcomes,
                       const weft::detail::location& where, const std::string& real_threads_program = {}) const {
      std::vector<lincheck::interval> when;
      for (const auto& h : history) when.push_back(h.when);
      // A blocking operation takes effect only where the model lets it through.
      auto apply = [&](Model& m, std::size_t i) { return ready(calls[i]->op, m) && outcomes[i](m); };
      bool keyed = !ops.empty();
      for (const auto& o : ops) keyed = keyed && o.key;
      const auto v = keyed ? lincheck::check_partitioned(
                                 std::span<const lincheck::interval>(when), initial, apply,
                                 [&](std::size_t i) { return ops[calls[i]->op].key(calls[i]->arg.get()); })
                           : lincheck::check_linearizable(std::span<const lincheck::interval>(when), initial, apply);
      if (v.linearizable) return;
      Model m = initial;
      for (std::size_t i : v.longest_prefix) outcomes[i](m);
      const std::string model_result =
          ready(calls[v.stuck]->op, m) ? apply_model(m, *calls[v.stuck]) : std::string("nothing: it blocks");
      finding f = lincheck::not_linearizable(history, v, model_result);
      if (!real_threads_program.empty()) {
        f.details.push_back("on real threads (weft stress), program: " + real_threads_program);
      }
      lincheck::detail::fail_execution(std::move(f), where);
    }
  };

  lincheck::detail::operation<Object, Model>& last() {
    if (ops().empty()) throw std::logic_error("weft::spec: when()/key() before any op()");
    return data_->ops.back();
  }
  const std::vector<lincheck::detail::operation<Object, Model>>& ops() const { return data_->ops; }

  template <class Arg, class ObjectFn, class ModelFn>
  spec& add(const std::string& name, rc::Gen<lincheck::call> draw, ObjectFn object_fn, ModelFn model_fn) {
    using R = decltype(lincheck::detail::call_with<Arg>(object_fn, std::declval<Object&>(), nullptr));
    using MR = decltype(lincheck::detail::call_with<Arg>(model_fn, std::declval<Model&>(), nullptr));
    static_assert(std::is_same_v<std::decay_t<R>, std::decay_t<MR>>,
                  "weft::spec::op: object_fn and model_fn must return the same type");
    static_assert(std::is_void_v<R> || std::equality_comparable<std::decay_t<R>>,
                  "weft::spec::op: an operation's result must be comparable with ==");
    lincheck::detail::operation<Object, Model> o{name, std::move(draw), {}, {}, {}, {}, {}};
    o.on_object = [object_fn, model_fn](Object& object, const std::shared_ptr<const void>& arg) mutable {
      lincheck::detail::outcome<Model> out;
      if constexpr (std::is_void_v<R>) {
        lincheck::detail::call_with<Arg>(object_fn, object, arg.get());
        out.text = "ok";
        out.matches = [model_fn, arg](Model& m) mutable {
          lincheck::detail::call_with<Arg>(model_fn, m, arg.get());
          return true;
        };
      } else {
        std::decay_t<R> got = lincheck::detail::call_with<Arg>(object_fn, object, arg.get());
        out.text = lincheck::show(got);
        out.self_equal = got == got;
        out.matches = [model_fn, arg, got](Model& m) mutable {
          return lincheck::detail::call_with<Arg>(model_fn, m, arg.get()) == got;
        };
      }
      return out;
    };
    o.on_model = [model_fn](Model& m, const void* arg) mutable -> std::string {
      if constexpr (std::is_void_v<MR>) {
        lincheck::detail::call_with<Arg>(model_fn, m, arg);
        return "ok";
      } else {
        return lincheck::show(lincheck::detail::call_with<Arg>(model_fn, m, arg));
      }
    };
    data_->ops.push_back(std::move(o));
    return *this;
  }

  std::shared_ptr<data> data_;
};

namespace lincheck {

/// A program as a workload of the property loop (weft/prop.hpp): its body,
/// its description and its shrinks — rearrangements of its calls first,
/// then RapidCheck's shrinks of the draw (`drawn`, when it came from one).
template <class Object, class Model>
generated_workload to_workload(const spec<Object, Model>& s, program p,
                               std::optional<rc::Shrinkable<program>> drawn, const weft::detail::location& where) {
  generated_workload w;
  // A program whose sequential run already differs from the model is run
  // sequentially: a plain sequential bug is reported without concurrency.
  const bool sequentially = s.sequential_mismatch(p).has_value();
  w.description = (sequentially ? "sequential " : "") + describe(p);
  w.body = [s, p, sequentially, where] { s.run(p, sequentially, where); };
  w.shrinks = [s, p, drawn, where] {
    std::vector<generated_workload> smaller;
    for (program& q : rearrangements(p, s.min_threads())) {
      if (s.satisfies_preconditions(q)) smaller.push_back(to_workload(s, std::move(q), std::nullopt, where));
    }
    if (!drawn) return smaller;
    auto seq = drawn->shrinks();
    for (int n = 0; n < 64; ++n) {  // the first shrinks are the big steps
      auto next = seq.next();
      if (!next) break;
      smaller.push_back(to_workload(s, next->value(), *next, where));
    }
    return smaller;
  };
  return w;
}

template <class Object, class Model>
bool register_spec(const char* name, const spec<Object, Model>& s, const weft::detail::location& where) {
  registry::instance().add(s.to_scenario(name, where));
  prop::set_default_workloads(name, s.program_count());
  return true;
}

}  // namespace lincheck

template <class Object, class Model>
scenario spec<Object, Model>::to_scenario(std::string name, const weft::detail::location& where) const {
  scenario sc;
  sc.name = std::move(name);
  sc.summary = data_->summary.empty() ? "linearizability of a concurrent object against its sequential model"
                                      : data_->summary;
  sc.expected = data_->expected;
  const spec self = *this;
  const std::string scenario_name = sc.name;
  const auto draw = [self, scenario_name, where](std::uint64_t seed, int size) {
    try {
      bool any = false;
      for (std::size_t i = 0; i < self.ops().size(); ++i) any = any || self.data_->enabled(i, self.data_->initial);
      if (!any) throw std::invalid_argument("no operation can be drawn: every precondition is false on the initial model");
      const rc::Random random(rc::Random::Key{seed, seed ^ 0x9e3779b97f4a7c15ULL, ~seed, seed * 31});
      const rc::Shrinkable<lincheck::program> drawn = self.program_generator()(random, size);
      return lincheck::to_workload(self, drawn.value(), drawn, where);
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(scenario_name + ": " + e.what());
    }
  };
  sc.generate = draw;
  // Without the property loop (weft replay of s.checked): one fixed mid-sized
  // program, drawn once per process (drawing only runs RapidCheck and the model).
  auto fixed = std::make_shared<std::optional<lincheck::program>>();
  sc.checked = [self, fixed, where] {
    if (!fixed->has_value()) {
      const rc::Random random(rc::Random::Key{1, 2, 3, 4});
      *fixed = self.program_generator()(random, 50).value();
    }
    self.run(**fixed, false, where);
  };
  // On real threads (weft stress): each iteration draws its program from
  // the iteration's noise seed, at a size that varies with it.
  sc.stress = [self, where] {
    const std::uint64_t seed = weft::noisy::detail::process_seed.load(std::memory_order_relaxed);
    const rc::Random random(rc::Random::Key{seed, ~seed, seed ^ 0x5eedULL, 7});
    const lincheck::program p = self.program_generator()(random, static_cast<int>(seed % 101)).value();
    self.run(p, self.sequential_mismatch(p).has_value(), where);
  };
  return sc;
}

/// Checks `s` as `weft run` would, without registering it: `programs`
/// programs (0: the spec's count) drawn and explored, sharing `o`'s budget,
/// the first failing one shrunk. Throws std::invalid_argument for a spec
/// that cannot work.
template <class Object, class Model>
result check(const spec<Object, Model>& s, const options& o = {}, unsigned programs = 0,
             const weft::detail::location& where = weft::detail::location::current()) {
  const unsigned n = programs > 0 ? programs : s.program_count();
  const scenario sc = s.to_scenario("lincheck/check", where);
  prop::set_default_workloads(sc.name, n);  // share o's budget among the programs, as weft run does
  return prop::check_generated(sc, o, n);
}

}  // namespace weft

/// WEFT_LINCHECK("family/name", spec) registers a lincheck scenario: `weft
/// list` shows it and `weft run` draws programs from it (expected clean
/// unless the spec says .expect({...})).
#define WEFT_LINCHECK(name, ...)                                                                       \
  [[maybe_unused]] static const bool WEFT_DETAIL_CONCAT(weft_lincheck_registered_, __LINE__) =         \
      ::weft::lincheck::register_spec(name, __VA_ARGS__, ::weft::detail::location::current())
