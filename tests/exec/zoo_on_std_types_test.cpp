// The seed zoo's models on the real std types (scenarios/std_types/, issue
// 15 item 7): each model built on std::mutex, std::condition_variable,
// std::atomic, plain members and std::thread, compiled with weft's
// instrumentation, run under weft exec's protocol with a fixed seed. Every
// model finds what the controlled scheduler finds on checked_sync (a finding
// kind the registry expects; 1,000 executions at most) and every correct
// model is clean (100 executions, as for the other exec programs), except
// where the program documents that the expected finding does not exist on
// the std types (--list, third column).
#include <gtest/gtest.h>
#include <stdio.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "instrument/exec_request.hpp"

namespace {

struct model {
  std::string name;
  std::vector<std::string> expected;  // empty: clean
  std::string difference;             // why the expected finding does not exist on the std types ("": it does)
};

void PrintTo(const model& m, std::ostream* out) { *out << m.name; }

/// `models-on-std-types --list`: one line per model, name TAB expected kinds
/// TAB the difference.
std::vector<model> listed_models() {
  std::vector<model> out;
  FILE* list = ::popen(WEFT_MODELS_ON_STD_TYPES " --list", "r");
  if (list == nullptr) return out;
  char line[512];
  while (std::fgets(line, sizeof line, list) != nullptr) {
    std::string text(line);
    text.erase(text.find_last_not_of("\r\n") + 1);
    const auto tab = text.find('\t');
    const auto second = text.find('\t', tab + 1);
    if (tab == std::string::npos || second == std::string::npos) continue;
    model m{text.substr(0, tab), {}, text.substr(second + 1)};
    std::istringstream kinds(text.substr(tab + 1, second - tab - 1));
    for (std::string k; std::getline(kinds, k, ',');) {
      if (k != "clean") m.expected.push_back(k);
    }
    out.push_back(std::move(m));
  }
  ::pclose(list);
  return out;
}

nlohmann::json run_model(const std::string& name, const weft::detail::exec_request& request) {
  const nlohmann::json j = nlohmann::json::parse(
      weft::detail::exchange_exec_request(WEFT_MODELS_ON_STD_TYPES, request, {name}), nullptr, false);
  return j.is_discarded() ? nlohmann::json() : j;
}

TEST(ZooOnStdTypes, ListsEveryModel) {
  // 71 models in 18 families when this was written; a family that failed to
  // register would shrink the list.
  EXPECT_GE(listed_models().size(), 71u);
}

class ZooOnStdTypes : public testing::TestWithParam<model> {};

TEST_P(ZooOnStdTypes, FindsWhatTheControlledSchedulerFinds) {
  const model& m = GetParam();
  // A documented difference is clean here, so that the day weft sees it
  // the difference is taken out of the documentation.
  const bool clean = m.expected.empty() || !m.difference.empty();
  weft::detail::exec_request request;
  request.flags = {"--strategy", "random", "--iterations", clean ? "100" : "1000", "--seed", "1", "--shrink-time", "0"};
  const nlohmann::json answer = run_model(m.name, request);
  ASSERT_TRUE(answer.contains("result")) << m.name << " answered " << answer.dump();
  const nlohmann::json& findings = answer["result"]["findings"];
  if (clean) {
    EXPECT_TRUE(findings.empty()) << m.name << " got " << findings.dump(1).substr(0, 4000)
                                  << (m.difference.empty() ? "" : "\n(a documented difference: " + m.difference + ")");
    return;
  }
  ASSERT_FALSE(findings.empty()) << m.name << ": no finding in 1,000 executions";
  const std::string kind = findings[0]["kind"].get<std::string>();
  EXPECT_NE(std::find(m.expected.begin(), m.expected.end(), kind), m.expected.end())
      << m.name << " found " << kind << ": " << findings[0]["message"].get<std::string>();
}

INSTANTIATE_TEST_SUITE_P(Models, ZooOnStdTypes, testing::ValuesIn(listed_models()),
                         [](const testing::TestParamInfo<model>& param) {
                           std::string name = param.param.name;
                           std::replace(name.begin(), name.end(), '/', '_');
                           return name;
                         });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(ZooOnStdTypes);

}  // namespace
