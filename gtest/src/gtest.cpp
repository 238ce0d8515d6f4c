// The GoogleTest adapter (weft/gtest.hpp): runs the check, and turns a
// finding into a failure message written by the console reporter.
#include "weft/gtest.hpp"

#include <errno.h>  // program_invocation_name

#include <cstdlib>
#include <sstream>
#include <string>

#include "weft/reports/console.hpp"
#include "weft/reports/run_report.hpp"

namespace weft::gtest {
namespace {

/// The schedule WEFT_REPLAY gives for the check at `line` ("LINE:SCHEDULE"),
/// or empty when it names another line or is not set.
std::string schedule_to_replay(std::uint_least32_t line) {
  const char* value = std::getenv("WEFT_REPLAY");
  if (value == nullptr) return {};
  const std::string text = value;
  const std::string prefix = std::to_string(line) + ":";
  return text.rfind(prefix, 0) == 0 ? text.substr(prefix.size()) : std::string();
}

/// The current test as --gtest_filter names it ("Suite.Name").
std::string current_test() {
  const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
  return info == nullptr ? std::string("*") : std::string(info->test_suite_name()) + "." + info->name();
}

std::string failure_message(result r, std::uint_least32_t line) {
  reports::scenario_report s;
  s.name = current_test();
  s.as_expected = false;
  // {schedule}: the replay command takes the schedule in the environment.
  s.replay_command = "WEFT_REPLAY=" + reports::shell_word(std::to_string(line) + ":{schedule}") + " " +
                     reports::shell_word(program_invocation_name) + " --gtest_filter=" + reports::shell_word(s.name);
  s.outcome = std::move(r);
  std::ostringstream text;
  reports::console_reporter console(text);
  for (std::size_t i = 0; i < s.outcome.findings.size(); ++i) console.finding(s, s.outcome.findings[i], i);
  return text.str();
}

}  // namespace

::testing::AssertionResult clean(const std::function<void()>& body, const options& opts, detail::location where) {
  const std::string schedule = schedule_to_replay(where.line());
  result r;
  try {
    r = schedule.empty() ? check(body, opts) : replay(body, schedule, opts);
  } catch (const std::invalid_argument& e) {
    return ::testing::AssertionFailure() << "WEFT_REPLAY: " << e.what();
  }
  if (r.ok()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "weft found " << r.findings.size() << " finding(s) in "
                                       << r.stats.executions << " executions:\n"
                                       << failure_message(std::move(r), where.line());
}

}  // namespace weft::gtest
