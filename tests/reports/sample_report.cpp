#include "sample_report.hpp"

namespace weft::reports::testing {
namespace {

source_location at(std::string file, std::uint32_t line, std::string function) {
  return {std::move(file), line, std::move(function)};
}

trace_event ev(std::uint32_t thread, std::uint64_t step, std::string op, std::string object, std::string value,
               source_location where) {
  return {thread, step, std::move(op), std::move(object), std::move(value), std::move(where)};
}

scenario_report deadlock_scenario() {
  scenario_report s;
  s.name = "bank/transfer_unordered";
  s.family = "bank";
  s.seed_ref = "000 §4.1, 001 §9.2";
  s.summary = "two transfers lock the two accounts in opposite orders";
  s.expected = {finding_kind::deadlock, finding_kind::lock_order_inversion};
  s.strategy = "portfolio";
  s.seed = 42;
  s.as_expected = true;
  s.replay_command = "weft replay bank/transfer_unordered";
  s.outcome.stats = {.executions = 1843, .seconds = 0.0121, .steps = 40233, .max_threads = 2, .max_preemptions = 2};
  const std::string bank = "models/include/weft/models/bank.hpp";
  finding f;
  f.kind = finding_kind::deadlock;
  f.message = "deadlock: thread 1 and thread 2 wait for each other's account mutex";
  f.locations = {at(bank, 41, "Bank<checked_sync>::transfer"), at(bank, 42, "Bank<checked_sync>::transfer")};
  f.schedule = "p2.s7.0011010";
  f.preemptions = 1;
  f.original_schedule = "p2.s9.001101011";
  f.original_preemptions = 4;
  f.iteration = 17;
  f.details = {
      "wait-for cycle: thread 1 -> mutex#1 (held by thread 2) -> thread 2 -> mutex#0 (held by thread 1) -> thread 1",
      "thread 1 blocked in lock(mutex#1) at bank.hpp:42, holding mutex#0",
      "thread 2 blocked in lock(mutex#0) at bank.hpp:42, holding mutex#1",
  };
  f.trace = {
      ev(0, 1, "spawn", "thread#1", "", at("scenarios/bank.cpp", 30, "transfer_unordered")),
      ev(0, 2, "spawn", "thread#2", "", at("scenarios/bank.cpp", 31, "transfer_unordered")),
      ev(1, 3, "lock", "mutex#0", "", at(bank, 41, "transfer")),
      ev(2, 4, "lock", "mutex#1", "", at(bank, 41, "transfer")),
      ev(1, 5, "load", "var#0", "100", at(bank, 43, "transfer")),
      ev(2, 6, "load", "var#1", "100", at(bank, 43, "transfer")),
      ev(1, 7, "lock", "mutex#1", "blocked", at(bank, 42, "transfer")),
      ev(2, 8, "lock", "mutex#0", "blocked", at(bank, 42, "transfer")),
  };
  f.highlight_steps = {3, 4, 7, 8};
  s.outcome.findings = {f};
  return s;
}

scenario_report race_scenario() {
  scenario_report s;
  s.name = "counter/unsafe";
  s.family = "counter";
  s.seed_ref = "000 §2.2";
  s.summary = "two threads increment a plain int without a lock";
  s.expected = {finding_kind::data_race, finding_kind::assertion};
  s.strategy = "portfolio";
  s.seed = 42;
  s.as_expected = true;
  s.replay_command = "weft replay counter/unsafe";
  s.outcome.stats = {.executions = 3, .seconds = 0.0004, .steps = 31, .max_threads = 3, .max_preemptions = 1};
  const std::string counter = "models/include/weft/models/counter.hpp";
  finding f;
  f.kind = finding_kind::data_race;
  f.message = "data race on var#0: store by thread 2 and load by thread 1 are not ordered";
  f.locations = {at(counter, 18, "UnsafeCounter::increment"), at(counter, 17, "UnsafeCounter::increment")};
  f.schedule = "r1.s3.101";
  f.iteration = 2;
  f.details = {"thread 1: load var#0 (value 0) at counter.hpp:17",
               "thread 2: store var#0 (value 1) at counter.hpp:18",
               "no happens-before edge: no lock, no atomic release/acquire between them"};
  f.trace = {
      ev(0, 1, "spawn", "thread#1", "", at("scenarios/counter.cpp", 12, "unsafe")),
      ev(0, 2, "spawn", "thread#2", "", at("scenarios/counter.cpp", 12, "unsafe")),
      ev(2, 3, "load", "var#0", "0", at(counter, 17, "increment")),
      ev(1, 4, "load", "var#0", "0", at(counter, 17, "increment")),
      ev(2, 5, "store", "var#0", "1", at(counter, 18, "increment")),
      ev(1, 6, "store", "var#0", "1", at(counter, 18, "increment")),
      ev(0, 7, "join", "thread#1", "", at("scenarios/counter.cpp", 14, "unsafe")),
      ev(0, 8, "join", "thread#2", "", at("scenarios/counter.cpp", 14, "unsafe")),
  };
  f.highlight_steps = {4, 5};
  s.outcome.findings = {f};
  finding accepted;  // a second race, suppressed by the user's rule: counted, not reported
  accepted.kind = finding_kind::data_race;
  accepted.message = "data race on var#1: store by thread 1 and store by thread 2 are not ordered";
  accepted.locations = {at(counter, 30, "UnsafeCounter::reset")};
  accepted.details = {"suppressed by rule 'data_race:*reset*'"};
  s.outcome.suppressed = {accepted};
  return s;
}

scenario_report clean_scenario(std::string name, std::string summary, std::uint64_t executions, double seconds) {
  scenario_report s;
  s.name = std::move(name);
  s.family = s.name.substr(0, s.name.find('/'));
  s.summary = std::move(summary);
  s.strategy = "portfolio";
  s.seed = 42;
  s.replay_command = "weft replay " + s.name;
  s.outcome.stats = {.executions = executions, .seconds = seconds, .steps = executions * 14, .max_threads = 2,
                     .max_preemptions = 3, .exhausted = false};
  return s;
}

scenario_report lost_wakeup_scenario() {
  scenario_report s = clean_scenario("queue/bounded_if_wait", "consumer waits with `if` instead of `while`", 20511, 0.41);
  s.as_expected = false;  // expected clean: this is a regression
  const std::string queue = "models/include/weft/models/py_queue.hpp";
  finding f;
  f.kind = finding_kind::lost_wakeup;
  f.message = "thread 2 waits on condvar#0 forever: the only notify happened before it started waiting";
  f.locations = {at(queue, 58, "BoundedQueue::pop"), at(queue, 44, "BoundedQueue::push")};
  f.schedule = "p3.s11.00101110";
  f.iteration = 20510;
  f.details = {"thread 2 blocked in wait(condvar#0) at py_queue.hpp:58; nobody left to notify it",
               "thread 1 finished after notify_one(condvar#0) at step 6"};
  f.trace = {
      ev(0, 1, "spawn", "thread#1", "", at("scenarios/queue.cpp", 40, "bounded_if_wait")),
      ev(0, 2, "spawn", "thread#2", "", at("scenarios/queue.cpp", 41, "bounded_if_wait")),
      ev(1, 3, "lock", "mutex#0", "", at(queue, 40, "push")),
      ev(1, 4, "store", "var#2", "1", at(queue, 42, "push")),
      ev(1, 5, "unlock", "mutex#0", "", at(queue, 43, "push")),
      ev(1, 6, "notify_one", "condvar#0", "no waiter", at(queue, 44, "push")),
      ev(2, 7, "lock", "mutex#0", "", at(queue, 55, "pop")),
      ev(2, 8, "load", "var#2", "1", at(queue, 56, "pop")),
      ev(2, 9, "store", "var#2", "0", at(queue, 57, "pop")),
      ev(2, 10, "unlock", "mutex#0", "", at(queue, 57, "pop")),
      ev(2, 11, "lock", "mutex#0", "", at(queue, 55, "pop")),
      ev(2, 12, "load", "var#2", "0", at(queue, 56, "pop")),
      ev(2, 13, "wait", "condvar#0", "blocked", at(queue, 58, "pop")),
      ev(0, 14, "join", "thread#1", "", at("scenarios/queue.cpp", 44, "bounded_if_wait")),
      ev(0, 15, "join", "thread#2", "blocked", at("scenarios/queue.cpp", 45, "bounded_if_wait")),
  };
  f.highlight_steps = {6, 13};
  s.outcome.findings = {f};
  return s;
}

scenario_report missed_bug_scenario() {
  scenario_report s = clean_scenario("rwlock/writer_starvation", "readers keep a writer waiting forever", 100000, 2.93);
  s.expected = {finding_kind::livelock};
  s.as_expected = false;  // expected a bug, none found
  return s;
}

scenario_report tsan_scenario() {
  scenario_report s = clean_scenario("bank/transfer_racy_audit", "an audit reads balances without the lock", 250, 3.8);
  s.engine = "stress";
  s.strategy = "";
  s.expected = {finding_kind::data_race, finding_kind::tsan_data_race};
  s.as_expected = true;
  finding f;
  f.kind = finding_kind::tsan_data_race;
  f.source = weft::finding_source::tsan;
  f.message = "ThreadSanitizer: data race (read of size 8 / previous write of size 8)";
  f.locations = {at("models/include/weft/models/bank.hpp", 77, "Bank::audit"),
                 at("models/include/weft/models/bank.hpp", 44, "Bank::transfer")};
  f.iteration = 91;
  f.details = {"read of size 8 at 0x7b0c00000010 by thread T2", "previous write of size 8 by thread T1 (mutex M1 held)"};
  f.history = "WARNING: ThreadSanitizer: data race (pid=4242)\n  Read of size 8 at 0x7b0c00000010 by thread T2:\n"
              "    #0 Bank::audit() bank.hpp:77\n  Previous write of size 8 at 0x7b0c00000010 by thread T1:\n"
              "    #0 Bank::transfer() bank.hpp:44\n";
  s.outcome.findings = {f};
  return s;
}

}  // namespace

scenario_report lincheck_scenario() {
  scenario_report s = clean_scenario("lincheck/stack_pop_split", "a stack whose pop reads top and next apart", 22276, 0.9);
  s.expected = {finding_kind::linearizability};
  s.as_expected = true;
  finding f;
  f.kind = finding_kind::linearizability;
  f.message = "not linearizable: t1: pop() -> 1 cannot be placed after [main: push(1) -> ok, t2: pop() -> 1] "
              "(the model returns none there); history: main: push(1) -> ok, t2: pop() -> 1, t1: pop() -> 1, "
              "t3: size() -> 0";
  f.locations = {at("scenarios/lincheck_containers.cpp", 61, "register_containers")};
  f.schedule = "w1-b_ccbc_cb_ca";
  f.preemptions = 1;
  f.iteration = 311;
  f.details = {"history (invocation order; [call, return] on one clock):", "  main: push(1) -> ok   [0, 1]",
               "  t2: pop() -> 1   [2, 4]", "  t1: pop() -> 1   [3, 5]   <- cannot be placed",
               "  t3: size() -> 0   [6, 7]", "longest linearizable prefix: main: push(1) -> ok, t2: pop() -> 1"};
  f.operations = {{0, "push(1)", "ok", 0, 1, 0, false},
                  {2, "pop()", "1", 2, 4, 1, false},
                  {1, "pop()", "1", 3, 5, -1, true},
                  {3, "size()", "0", 6, 7, -1, false}};
  const std::string stack = "models/include/weft/models/classic_objects.hpp";
  f.trace = {
      ev(2, 5, "load", "top (atomic#0)", "node#1", at(stack, 61, "split_stack::pop")),
      ev(1, 6, "load", "top (atomic#0)", "node#1", at(stack, 61, "split_stack::pop")),
      ev(2, 7, "store", "top (atomic#0)", "null", at(stack, 63, "split_stack::pop")),
      ev(1, 8, "store", "top (atomic#0)", "null", at(stack, 63, "split_stack::pop")),
      ev(0, 9, "linearizability_check", "", "", at("scenarios/lincheck_containers.cpp", 61, "register_containers")),
  };
  f.highlight_steps = {9};
  s.outcome.findings = {f};
  return s;
}

scenario_report weak_memory_scenario() {
  scenario_report s = clean_scenario("memory/mp_relaxed_flag", "data published with a relaxed flag", 57, 0.004);
  s.expected = {finding_kind::assertion};
  s.as_expected = true;
  const std::string mp = "models/include/weft/models/message_passing.hpp";
  finding f;
  f.kind = finding_kind::assertion;
  f.message = "WEFT_ASSERT(data.load(std::memory_order_relaxed) == 42) failed";
  f.locations = {at(mp, 31, "MessagePassing::consume")};
  f.schedule = "w1-e_dd_f1";
  f.iteration = 56;
  f.trace = {
      ev(0, 1, "store", "data (atomic#0)", "0", at(mp, 14, "MessagePassing")),
      ev(0, 2, "store", "ready (atomic#1)", "false", at(mp, 15, "MessagePassing")),
      ev(0, 3, "spawn", "thread#1", "", at("scenarios/memory.cpp", 20, "mp_relaxed_flag")),
      ev(0, 4, "spawn", "thread#2", "", at("scenarios/memory.cpp", 21, "mp_relaxed_flag")),
      ev(1, 5, "store", "data (atomic#0)", "42", at(mp, 21, "produce")),
      ev(1, 6, "store", "ready (atomic#1)", "true", at(mp, 22, "produce")),
      ev(2, 7, "load", "ready (atomic#1)", "true", at(mp, 28, "consume")),
      ev(2, 8, "load", "data (atomic#0)", "0", at(mp, 31, "consume")),
  };
  f.trace[7].read_from = 1;
  f.trace[7].newer_stores = 1;
  f.highlight_steps = {7, 8};
  s.outcome.findings = {f};
  return s;
}

scenario_report hostile_scenario() {
  const std::string evil = "<script>document.body.setAttribute('data-pwned','1')</script>";
  const std::string img = "\"><img src=\"https://evil.example/x.png\" onerror=\"document.body.setAttribute('data-pwned','1')\">";
  scenario_report s = clean_scenario("user/hostile_strings", "summary " + evil + img, 7, 0.002);
  s.expected = {finding_kind::assertion};
  s.as_expected = true;
  finding f;
  f.kind = finding_kind::assertion;
  f.message = "WEFT_ASSERT(x == \"</textarea>\" && y < 3 & 'quoted') failed " + evil + img;
  f.locations = {at("src/<evil>&\"file'.cpp", 9, "ns::f<std::vector<int>>() " + evil)};
  f.schedule = "r0.s1.1";
  f.iteration = 6;
  f.details = {"detail " + evil, "detail with control \x01\x1b[31m chars and bad utf-8 \xff\xfe", img};
  f.trace = {
      ev(1, 1, "store<script>", "var#0\"'", evil, at("a<b>.cpp", 1, img)),
      ev(2, 2, "load", "var#0", "\"/><script>alert(1)</script>", at("a.cpp", 2, "f")),
  };
  f.highlight_steps = {2};
  f.history = "history " + evil + img;
  s.outcome.findings = {f};
  return s;
}

run_report sample_report() {
  run_report r;
  r.weft_version = "0.1.0";
  r.command = "weft run --seed 42 --time 30 --html weft-report.html";
  r.started_at = "2024-05-01T12:00:00Z";
  r.host = "ci-runner-3";
  r.seconds = 12.5;
  r.scenarios = {
      deadlock_scenario(),
      tsan_scenario(),
      clean_scenario("bank/transfer_ordered", "transfers lock accounts in address order", 48211, 1.92),
      race_scenario(),
      clean_scenario("counter/mutex", "two threads increment under a mutex", 612034, 0.244),
      clean_scenario("counter/atomic", "two threads fetch_add an atomic", 980112, 0.221),
      lost_wakeup_scenario(),
      missed_bug_scenario(),
  };
  r.benchmarks = {
      {"checked/mutex_increment_2t", 2.71e6, "executions/s", 2.5e6, 0.10, false},
      {"checked/atomic_increment_2t", 3.62e6, "executions/s", 4.4e6, 0.10, true},
      {"models/bank_transfer_std", 84.0, "ns", 80.0, 0.15, false},
      {"relacy/mutex_increment_2t", 2.48e6, "executions/s", std::nullopt, std::nullopt, false},
  };
  return r;
}

run_report sample_report_with_hostile() {
  run_report r = sample_report();
  r.scenarios.push_back(lincheck_scenario());
  r.scenarios.push_back(weak_memory_scenario());
  r.scenarios.push_back(hostile_scenario());
  r.benchmarks.push_back({"bench <script>alert(1)</script>", 1.0, "ns\"", 2.0, std::nullopt, false});
  return r;
}

run_report sample_report_with_misuse() {
  run_report r = sample_report();
  finding relock;
  relock.kind = finding_kind::misuse;
  relock.subkind = finding_subkind::relock;
  relock.message = "thread 1 locks mutex#0, which it already holds";
  relock.locations = {at("src/a.cpp", 3, "f")};
  finding plain = relock;
  plain.subkind = finding_subkind::none;
  plain.message = "resource leak";
  r.scenarios.at(0).outcome.findings.push_back(relock);
  r.scenarios.at(0).outcome.findings.push_back(plain);
  return r;
}

}  // namespace weft::reports::testing
