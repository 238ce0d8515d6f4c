// The JSON report: exact round trips, one-line errors on malformed input.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>

#include "sample_report.hpp"
#include "test_util.hpp"
#include "weft/reports/files.hpp"
#include "weft/reports/json.hpp"

namespace weft::reports {
namespace {

using testing::sample_report;

std::string error_of(const std::string& text) {
  try {
    parse_json(text, "shard-1.json");
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "(no error)";
}

// The error reading the JSON of `r` with the member at `pointer` (a JSON
// pointer, "/scenarios/0/...") set to `value`.
std::string error_with(const run_report& r, const std::string& pointer, nlohmann::json value) {
  auto doc = nlohmann::json::parse(to_json(r));
  doc[nlohmann::json::json_pointer(pointer)] = std::move(value);
  return error_of(doc.dump());
}

TEST(JsonReport, RoundTripInMemory) {
  const run_report r = sample_report();
  EXPECT_EQ(parse_json(to_json(r)), r);
}

TEST(JsonReport, RoundTripThroughAFile) {
  testing::scratch_dir dir;
  run_report r = sample_report();
  r.shard = "2/3";
  r.scenarios[0].seed = 18446744073709551615ull;  // uint64 max survives
  r.scenarios[0].outcome.stats.seconds = 0.1 + 0.2;  // doubles survive to the last bit
  write_file_atomically(dir / "r.json", to_json(r));
  EXPECT_EQ(read_json(dir / "r.json"), r);
}

TEST(JsonReport, EmptyReportRoundTrips) {
  const run_report r;
  EXPECT_EQ(parse_json(to_json(r)), r);
}

TEST(JsonReport, WritesVersionAndDerivedFields) {
  const std::string j = to_json(sample_report());
  EXPECT_NE(j.find("\"schema_version\": 1"), std::string::npos);
  EXPECT_NE(j.find("\"schema\": \"weft-run-report\""), std::string::npos);
  EXPECT_NE(j.find("\"replay\": \"weft replay counter/unsafe 'r1.s3.101'\""), std::string::npos);
  EXPECT_NE(j.find("\"original_replay\": \"weft replay bank/transfer_unordered 'p2.s9.001101011'\""), std::string::npos);
  EXPECT_NE(j.find("\"all_as_expected\": false"), std::string::npos);
  EXPECT_NE(j.find("\"baseline\": null"), std::string::npos);
}

TEST(JsonReport, LinearizabilityHistoryRoundTripsStructured) {
  run_report r;
  r.scenarios = {testing::lincheck_scenario()};
  r.scenarios[0].outcome.findings[0].operations[1].invoked = 18446744073709551614ull;  // the clock's range survives
  r.scenarios[0].outcome.findings[0].operations[1].returned = 18446744073709551615ull;
  const std::string j = to_json(r);
  EXPECT_NE(j.find("\"operations\": ["), std::string::npos);
  EXPECT_NE(j.find("\"stuck\": true"), std::string::npos);
  EXPECT_EQ(parse_json(j), r);
  // Findings of other kinds do not write the member at all.
  EXPECT_EQ(to_json(sample_report()).find("\"operations\""), std::string::npos);
}

TEST(JsonReport, ReportsWithoutOperationsStillLoad) {
  run_report r;
  r.scenarios = {testing::lincheck_scenario()};
  auto doc = nlohmann::json::parse(to_json(r));
  doc["scenarios"][0]["findings"][0].erase("operations");
  const run_report back = parse_json(doc.dump());
  ASSERT_EQ(back.scenarios.size(), 1u);
  EXPECT_TRUE(back.scenarios[0].outcome.findings[0].operations.empty());
  EXPECT_EQ(back.scenarios[0].outcome.findings[0].message, r.scenarios[0].outcome.findings[0].message);
}

TEST(JsonReport, ALoadThatReadAnOlderStoreRoundTripsWithWhichStoreItRead) {
  run_report r;
  r.scenarios = {testing::weak_memory_scenario()};
  const std::string j = to_json(r);
  const auto doc = nlohmann::json::parse(j);
  const auto& load = doc["scenarios"][0]["findings"][0]["trace"][7];
  EXPECT_EQ(load["read_from"], 1);
  EXPECT_EQ(load["newer_stores"], 1);
  // Every other event, and every other report, is written as before.
  EXPECT_EQ(j.find("\"read_from\""), j.rfind("\"read_from\""));
  EXPECT_EQ(j.find("\"newer_stores\""), j.rfind("\"newer_stores\""));
  EXPECT_EQ(to_json(sample_report()).find("read_from"), std::string::npos);
  EXPECT_EQ(to_json(sample_report()).find("newer_stores"), std::string::npos);
  EXPECT_EQ(parse_json(j), r);
  // A store older than the trace (read_from -1) with newer stores, and the largest step.
  auto& e = r.scenarios[0].outcome.findings[0].trace[7];
  e.read_from = -1;
  e.newer_stores = 4294967295u;
  EXPECT_EQ(parse_json(to_json(r)), r);
  e.read_from = 9223372036854775807;
  e.newer_stores = 0;
  EXPECT_EQ(parse_json(to_json(r)), r);
}

TEST(JsonReport, TraceEventsWithoutReadFromStillLoad) {  // reports of older versions
  run_report r;
  r.scenarios = {testing::weak_memory_scenario()};
  auto doc = nlohmann::json::parse(to_json(r));
  doc["scenarios"][0]["findings"][0]["trace"][7].erase("read_from");
  doc["scenarios"][0]["findings"][0]["trace"][7].erase("newer_stores");
  const run_report back = parse_json(doc.dump());
  const auto& e = back.scenarios.at(0).outcome.findings.at(0).trace.at(7);
  EXPECT_EQ(e.read_from, -1);
  EXPECT_EQ(e.newer_stores, 0u);
  EXPECT_EQ(e.value, "0");
}

TEST(JsonReport, MalformedReadFromGivesOneLineErrors) {
  run_report r;
  r.scenarios = {testing::weak_memory_scenario()};
  const auto with = [&](const std::string& member, nlohmann::json value) {
    return error_with(r, "/scenarios/0/findings/0/trace/7/" + member, std::move(value));
  };
  const std::string where = "scenarios[0].findings[0].trace[7].";
  EXPECT_NE(with("read_from", -2).find(where + "read_from: expected -1 or a step number"), std::string::npos);
  EXPECT_NE(with("read_from", "1").find(where + "read_from: expected -1 or a step number"), std::string::npos);
  EXPECT_NE(with("read_from", 1.5).find(where + "read_from: expected -1 or a step number"), std::string::npos);
  EXPECT_NE(with("read_from", 18446744073709551615ull).find(where + "read_from: expected -1 or a step number"),
            std::string::npos)
      << "not wrapped round to -1";
  EXPECT_NE(with("newer_stores", -1).find(where + "newer_stores: expected a non-negative integer"), std::string::npos);
  EXPECT_NE(with("newer_stores", 4294967296ull).find(where + "newer_stores: expected a smaller integer"),
            std::string::npos);
}

TEST(JsonReport, MalformedOperationsGiveOneLineErrors) {
  run_report r;
  r.scenarios = {testing::lincheck_scenario()};
  const auto with = [&](const std::string& member, nlohmann::json value) {
    return error_with(r, "/scenarios/0/findings/0/operations/2/" + member, std::move(value));
  };
  EXPECT_NE(with("placed", -2).find("scenarios[0].findings[0].operations[2].placed: expected -1 or a position"),
            std::string::npos);
  EXPECT_NE(with("placed", "first").find("operations[2].placed: expected -1 or a position"), std::string::npos);
  EXPECT_NE(with("invoked", -1).find("operations[2].invoked: expected a non-negative integer"), std::string::npos);
  EXPECT_NE(with("stuck", 1).find("operations[2].stuck: expected true or false"), std::string::npos);
}

TEST(JsonReport, InvalidUtf8FromCodeUnderTestIsReplacedNotFatal) {
  run_report r = testing::sample_report_with_hostile();
  const run_report back = parse_json(to_json(r));
  ASSERT_EQ(back.scenarios.size(), r.scenarios.size());
  const auto& details = back.scenarios.back().outcome.findings[0].details;
  EXPECT_NE(details[1].find("\xEF\xBF\xBD"), std::string::npos);
  // Everything valid is kept as is.
  EXPECT_EQ(back.scenarios.back().outcome.findings[0].message, r.scenarios.back().outcome.findings[0].message);
}

TEST(JsonReport, MalformedInputGivesOneLineErrors) {
  const std::pair<std::string, std::string> cases[] = {
      {"", "not valid JSON"},
      {"{\"schema_version\": 1, \"scenarios\": [", "not valid JSON"},
      {"{\n\"a\":\n}", "not valid JSON"},
      {"[]", "expected a JSON object"},
      {"{}", "schema_version: missing"},
      {"{\"schema_version\": 1}", "scenarios: missing"},
      {"{\"schema_version\": 7, \"scenarios\": []}", "schema_version 7 is not supported"},
      {"{\"schema_version\": \"1\", \"scenarios\": []}", "schema_version: expected a non-negative integer"},
      {"{\"schema_version\": 1, \"scenarios\": {}}", "scenarios: expected an array"},
      {"{\"schema_version\": 1, \"scenarios\": [{}]}", "scenarios[0].name: missing"},
      {"{\"schema_version\": 1, \"scenarios\": [{\"name\": 3}]}", "scenarios[0].name: expected a string"},
      {"{\"schema_version\": 1, \"scenarios\": [{\"name\": \"a/b\", \"findings\": [{\"kind\": \"heisenbug\"}]}]}",
       "scenarios[0].findings[0].kind: unknown finding kind 'heisenbug'"},
      {"{\"schema_version\": 1, \"scenarios\": [{\"name\": \"a/b\", \"stats\": {\"executions\": -4}}]}",
       "scenarios[0].stats.executions: expected a non-negative integer"},
      {"{\"schema_version\": 1, \"scenarios\": [{\"name\": \"a/b\", \"findings\": [{\"kind\": \"deadlock\", "
       "\"trace\": [{\"thread\": 1, \"location\": []}]}]}]}",
       "scenarios[0].findings[0].trace[0].location: expected an object"},
      {"{\"schema_version\": 1, \"scenarios\": [], \"benchmarks\": [{\"baseline\": \"fast\"}]}",
       "benchmarks[0].baseline: expected a number"},
  };
  for (const auto& [text, expected] : cases) {
    const std::string error = error_of(text);
    EXPECT_NE(error.find(expected), std::string::npos) << "input: " << text << "\nerror: " << error;
    EXPECT_EQ(error.find('\n'), std::string::npos) << error;
    EXPECT_EQ(error.rfind("shard-1.json", 0), 0u) << error;
  }
}

TEST(JsonReport, ReadJsonNamesAMissingFile) {
  testing::scratch_dir dir;
  try {
    read_json(dir / "nope.json");
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("nope.json"), std::string::npos) << e.what();
  }
  EXPECT_THROW(read_json(dir.path()), std::runtime_error);
}

TEST(JsonReport, TruncatedFileIsAnError) {
  testing::scratch_dir dir;
  const std::string j = to_json(sample_report());
  testing::write_text(dir / "cut.json", j.substr(0, j.size() / 2));
  EXPECT_THROW(read_json(dir / "cut.json"), std::runtime_error);
}

TEST(JsonReport, ReporterInterfaceWritesTheSameDocument) {
  std::ostringstream out;
  json_reporter rep(out);
  emit(sample_report(), rep);
  EXPECT_EQ(out.str(), to_json(sample_report()));
}

}  // namespace
}  // namespace weft::reports
