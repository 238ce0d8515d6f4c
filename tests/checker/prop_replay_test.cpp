// The property loop's program tokens (weft/prop.hpp): the token run_generated
// gives for a failing, shrunk workload names that very workload again
// (replay_program), its schedule replays the same finding on it, and tokens
// that are malformed or name no workload of the scenario are refused.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "weft/prop.hpp"
#include "weft/weft.hpp"

namespace {

/// `threads` threads each add one to a counter in two steps (load, then
/// store): two or more can lose an update.
void split_increments(unsigned threads) {
  weft::atomic<unsigned> count{0};
  std::vector<weft::thread> running;
  for (unsigned t = 0; t < threads; ++t) {
    running.emplace_back([&] { count.store(count.load() + 1); });
  }
  for (auto& t : running) t.join();
  WEFT_ASSERT(count.load() == threads, "lost update");
}

/// The workload with `threads` threads; its shrinks, in order: one thread
/// (never fails), half as many, one fewer — so a shrink path mixes indices.
weft::generated_workload with_threads(unsigned threads) {
  weft::generated_workload w;
  w.body = [threads] { split_increments(threads); };
  w.description = "threads=" + std::to_string(threads);
  w.shrinks = [threads] {
    std::vector<weft::generated_workload> smaller;
    for (const unsigned n : {1u, threads / 2, threads - 1}) {
      if (n >= 1 && n < threads) smaller.push_back(with_threads(n));
    }
    return smaller;
  };
  return w;
}

weft::scenario split_scenario(std::string name) {
  weft::scenario s;
  s.name = std::move(name);
  s.checked = [] { split_increments(1); };
  s.generate = [](std::uint64_t seed, int size) { return with_threads(4 + unsigned(seed % 3) + unsigned(size) / 20); };
  return s;
}

weft::options budget() {
  weft::options o;
  o.iterations = 500;
  o.seed = 7;
  return o;
}

TEST(ProgramToken, NamesTheShrunkWorkloadAndItsScheduleReplaysTheFinding) {
  const weft::scenario s = split_scenario("prop/split");
  const weft::prop::generated_run run = weft::prop::run_generated(s, budget(), 3);
  ASSERT_FALSE(run.outcome.ok());
  ASSERT_FALSE(run.program.empty());
  EXPECT_EQ(run.program.rfind("7:1/3:", 0), 0u) << run.program;  // the seed, and the first workload failed
  const std::string path = run.program.substr(6, run.program.rfind(':') - 6);
  EXPECT_NE(path.find('.'), std::string::npos) << "shrunk in more than one step: " << run.program;
  const weft::finding& found = run.outcome.findings.front();
  ASSERT_EQ(found.kind, weft::finding_kind::assertion);
  EXPECT_NE(found.details.back().find("workload: threads=2 "), std::string::npos) << found.details.back();

  const weft::generated_workload again = weft::prop::replay_program(s, run.program);
  EXPECT_EQ(again.description, "threads=2");
  const weft::result replayed = weft::replay(again.body, found.schedule);
  ASSERT_FALSE(replayed.ok());
  EXPECT_EQ(replayed.findings.front().kind, found.kind);
  EXPECT_EQ(replayed.findings.front().message, found.message);
  EXPECT_EQ(replayed.findings.front().trace.size(), found.trace.size());
}

TEST(ProgramToken, WorkloadsThatPassGiveNoToken) {
  weft::scenario s = split_scenario("prop/single");
  s.generate = [](std::uint64_t, int) { return with_threads(1); };
  const weft::prop::generated_run run = weft::prop::run_generated(s, budget(), 2);
  EXPECT_TRUE(run.outcome.ok());
  EXPECT_EQ(run.program, "");
}

std::string refusal(const weft::scenario& s, const std::string& token) {
  try {
    weft::prop::replay_program(s, token);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(accepted)";
}

TEST(ProgramToken, RefusesTokensThatNameNoWorkloadOfTheScenario) {
  const weft::scenario s = split_scenario("prop/split");
  const std::string token = weft::prop::run_generated(s, budget(), 3).program;
  ASSERT_EQ(refusal(s, token), "(accepted)");
  // Another scenario with the very same generator: the check is over the name too.
  EXPECT_EQ(refusal(split_scenario("prop/twin"), token),
            "program token '" + token + "' does not name a program of prop/twin (printed for another scenario, or by "
            "another build of it)");
  // A shrink step past the last shrink.
  const std::string far = token.substr(0, token.find(':', token.find('/')) + 1) + "9" + token.substr(token.rfind(':'));
  EXPECT_NE(refusal(s, far).find("does not name a program of prop/split"), std::string::npos) << far;
  for (const std::string bad : {"", "7", "7:1/3", "7:0/3::00000000", "7:4/3::00000000", "7:1/3:1.:00000000",
                                "7:1/3:.1:00000000", "7:1/3:1:0000000", "7:1/3:1:0000000g", "-7:1/3::00000000",
                                "7:1/3::00000000:"}) {
    EXPECT_EQ(refusal(s, bad), "malformed program token '" + bad +
                                   "': expected SEED:PROGRAM/PROGRAMS:SHRINKS:CHECK as a printed replay line gives it");
  }
  weft::scenario fixed = s;
  fixed.generate = nullptr;
  EXPECT_EQ(refusal(fixed, token).rfind("prop/split draws no programs", 0), 0u);
}

}  // namespace
