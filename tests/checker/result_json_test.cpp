// The one JSON spelling of the result model (weft/result_json.hpp): what is
// written reads back equal, and a document that is not a result is an error
// naming the place.
#include "weft/result_json.hpp"

#include <gtest/gtest.h>

#include <string>

namespace weft {
namespace {

finding full_finding() {
  finding f;
  f.kind = finding_kind::lock_order_inversion;
  f.message = "locks taken in opposite orders";
  f.source = finding_source::tsan;
  f.locations = {{"a.cpp", 12, "f"}, {"b.cpp", 7, "g"}};
  f.schedule = "s1:2.3";
  f.preemptions = 1;
  f.original_schedule = "s1:2.3.4.5";
  f.original_preemptions = 4;
  f.iteration = 41;
  f.details = {"thread 1 holds mutex#1", "thread 2 holds mutex#2"};
  f.trace = {{1, 0, "lock", "mutex#1", "", {"a.cpp", 12, "f"}},
             {2, 1, "store", "var#1", "7", {"b.cpp", 7, "g"}},
             {1, 2, "store", "atomic#2", "1", {"a.cpp", 14, "f"}},
             {1, 3, "store", "atomic#2", "2", {"a.cpp", 15, "f"}},
             {2, 4, "load", "atomic#2", "1", {"b.cpp", 9, "g"}, 2, 1}};  // read an older store
  f.highlight_steps = {0, 1};
  f.history = "whole\nhistory";
  return f;
}

std::string error_reading(const nlohmann::json& doc) {
  try {
    (void)result_from_json({doc, "doc"});
  } catch (const malformed_json& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(ResultJson, AFindingReadsBackEqual) {
  const finding f = full_finding();
  EXPECT_EQ(finding_from_json({to_json(f), ""}), f);
}

TEST(ResultJson, AnUnshrunkScheduleHasNoOriginal) {
  finding f = full_finding();
  f.original_schedule.clear();
  f.original_preemptions = 0;
  const nlohmann::json j = to_json(f);
  EXPECT_EQ(j.at("preemptions"), 1);
  EXPECT_FALSE(j.contains("original_schedule"));
  EXPECT_FALSE(j.contains("original_preemptions"));
  EXPECT_EQ(finding_from_json({j, ""}), f);
}

TEST(ResultJson, EverySourceReadsBackEqual) {
  for (const auto source : {finding_source::checked, finding_source::stress, finding_source::tsan, finding_source::relacy}) {
    finding f;
    f.source = source;
    EXPECT_EQ(finding_from_json({to_json(f), ""}).source, source) << to_string(source);
  }
}

TEST(ResultJson, AResultReadsBackEqual) {
  result r;
  r.findings = {full_finding()};
  r.suppressed = {finding{}};
  r.stats.executions = 100;
  r.stats.seconds = 1.5;
  r.stats.steps = 12345;
  r.stats.max_threads = 3;
  r.stats.max_preemptions = 2;
  r.stats.exhausted = true;
  r.stats.completed_bound = 2;
  EXPECT_EQ(result_from_json({to_json(r), ""}), r);
}

TEST(ResultJson, NoCompletedBoundIsAbsentAndReadsBackAsNone) {
  run_stats s;
  const nlohmann::json j = to_json(s);
  EXPECT_FALSE(j.contains("completed_bound"));
  EXPECT_EQ(stats_from_json({j, ""}).completed_bound, -1);
  s.completed_bound = 0;  // bound 0 done is a bound
  EXPECT_EQ(to_json(s).at("completed_bound"), 0);
}

TEST(ResultJson, DivergedExecutionsAreAbsentWhenNoneAndReadBack) {
  run_stats s;
  EXPECT_FALSE(to_json(s).contains("diverged"));
  EXPECT_EQ(stats_from_json({to_json(s), ""}).diverged, 0u);
  s.diverged = 7;
  EXPECT_EQ(to_json(s).at("diverged"), 7);
  EXPECT_FALSE(to_json(s).contains("first_divergence")) << "absent when no place is known";
  EXPECT_EQ(stats_from_json({to_json(s), ""}), s);
  s.first_divergence_execution = 3;
  s.first_divergence = "thread 1, at its store (a.cpp:4): decision 2 recorded threads 0, 1; now threads 1";
  EXPECT_EQ(to_json(s).at("first_divergence").at("execution"), 3);
  EXPECT_EQ(stats_from_json({to_json(s), ""}), s);
}

TEST(ResultJson, TheReportSpellingsStay) {
  const nlohmann::json j = to_json(full_finding());
  EXPECT_EQ(j.at("kind"), "lock_order_inversion");
  EXPECT_EQ(j.at("engine"), "tsan");
  EXPECT_EQ(j.at("highlight_steps"), nlohmann::json::array({0, 1}));
  EXPECT_EQ(j.at("trace").at(1).at("location").at("line"), 7);
  EXPECT_EQ(j.at("trace").at(4).at("read_from"), 2);
  EXPECT_EQ(j.at("trace").at(4).at("newer_stores"), 1);
  EXPECT_FALSE(j.at("trace").at(3).contains("read_from")) << "absent when it read the newest store";
  EXPECT_FALSE(j.at("trace").at(3).contains("newer_stores"));
}

TEST(ResultJson, BadDocumentsNameThePlace) {
  nlohmann::json no_kind = to_json(result{});
  no_kind["findings"] = nlohmann::json::array({nlohmann::json::object()});
  EXPECT_EQ(error_reading(no_kind), "doc.findings[0].kind: missing");

  nlohmann::json bad_kind = to_json(result{});
  bad_kind["findings"] = nlohmann::json::array({to_json(finding{})});
  bad_kind["findings"][0]["kind"] = "gremlin";
  EXPECT_EQ(error_reading(bad_kind), "doc.findings[0].kind: unknown finding kind 'gremlin'");

  nlohmann::json bad_engine = bad_kind;
  bad_engine["findings"][0]["kind"] = "deadlock";
  bad_engine["findings"][0]["engine"] = "steam";
  EXPECT_EQ(error_reading(bad_engine), "doc.findings[0].engine: unknown engine 'steam'");

  nlohmann::json bad_stats = to_json(result{});
  bad_stats["stats"]["executions"] = -1;
  EXPECT_EQ(error_reading(bad_stats), "doc.stats.executions: expected a non-negative integer, found number");

  EXPECT_EQ(error_reading(nlohmann::json::array()), "doc: expected an object, found array");
}

TEST(ResultJson, MissingMembersKeepTheirDefaults) {
  const finding f = finding_from_json({nlohmann::json{{"kind", "deadlock"}}, ""});
  finding expected;
  expected.kind = finding_kind::deadlock;
  EXPECT_EQ(f, expected);
}

}  // namespace
}  // namespace weft
