// The HTML report: escaping of hostile strings, self-containedness, and the
// parts a reader needs (summary rows, lanes, highlights, replay commands).
#include <gtest/gtest.h>

#include <map>
#include <regex>

#include "sample_report.hpp"
#include "weft/reports/html.hpp"
#include "weft/reports/json.hpp"

namespace weft::reports {
namespace {

TEST(Html, HostileStringsAreEscapedEverywhere) {
  const std::string h = to_html(testing::sample_report_with_hostile());
  EXPECT_EQ(testing::occurrences(h, "<script"), 1u) << "only the report's own script";
  EXPECT_EQ(testing::occurrences(h, "</script"), 1u);
  EXPECT_EQ(h.find("<img"), std::string::npos);
  EXPECT_EQ(h.find("</textarea>"), std::string::npos);
  EXPECT_EQ(h.find("onerror=\""), std::string::npos);
  EXPECT_NE(h.find("&lt;script&gt;document.body.setAttribute(&#39;data-pwned&#39;,&#39;1&#39;)&lt;/script&gt;"),
            std::string::npos);
  EXPECT_NE(h.find("&quot;&gt;&lt;img src=&quot;https://evil.example/x.png&quot;"), std::string::npos);
  EXPECT_NE(h.find("src/&lt;evil&gt;&amp;&quot;file&#39;.cpp:9"), std::string::npos);
  EXPECT_EQ(h.find('\x01'), std::string::npos) << "control characters";
  EXPECT_EQ(h.find("\xff\xfe"), std::string::npos) << "invalid UTF-8";
}

TEST(Html, SuppressedCountInTheSummaryTable) {
  const std::string h = to_html(testing::sample_report());
  EXPECT_EQ(testing::occurrences(h, "<div class=\"sub\">1 suppressed</div>"), 1u);
}

TEST(Html, AFindingShowsItsSubkindAndWhatItMeans) {
  const std::string h = to_html(testing::sample_report_with_misuse());
  EXPECT_EQ(testing::occurrences(h, "data-kind=\"misuse\">misuse/relock</span>"), 1u)
      << "the sub-kind, in its kind's colour";
  EXPECT_EQ(testing::occurrences(h, std::string(describe(finding_subkind::relock))), 1u);
  EXPECT_EQ(testing::occurrences(h, "data-kind=\"misuse\">misuse</span><span class=\"msg\">resource leak"), 1u)
      << "a misuse without a sub-kind shows the kind";
}

TEST(Html, SelfContained) {
  const std::string h = to_html(testing::sample_report_with_hostile());
  const std::regex external(R"((src|href|action|xlink:href)\s*=\s*["']?\s*(https?:|//|file:|data:text))",
                            std::regex::icase);
  EXPECT_FALSE(std::regex_search(h, external));
  EXPECT_EQ(h.find("<link"), std::string::npos);
  EXPECT_EQ(h.find("@import"), std::string::npos);
  EXPECT_EQ(h.find("url("), std::string::npos);
  EXPECT_NE(h.find("Content-Security-Policy\" content=\"default-src 'none';"), std::string::npos);
  // Every href is an in-page anchor.
  const std::regex href(R"re(href="([^"]*)")re");
  for (auto it = std::sregex_iterator(h.begin(), h.end(), href); it != std::sregex_iterator(); ++it) {
    EXPECT_EQ((*it)[1].str().rfind('#', 0), 0u) << (*it)[0].str();
  }
}

TEST(Html, SummaryRowPerScenarioWithFilterAttributes) {
  const std::string h = to_html(testing::sample_report());
  EXPECT_EQ(testing::occurrences(h, "<tr class=\"row"), 8u);
  EXPECT_NE(h.find("data-verdict=\"unexpected\" data-family=\"queue\" data-kinds=\"lost_wakeup\""), std::string::npos);
  EXPECT_NE(h.find("data-verdict=\"ok\" data-family=\"counter\" data-kinds=\"clean\""), std::string::npos);
  EXPECT_NE(h.find("<option value=\"rwlock\">"), std::string::npos);
  EXPECT_NE(h.find("<option value=\"deadlock\">"), std::string::npos);
  EXPECT_NE(h.find("2 UNEXPECTED · 1 REGRESSED"), std::string::npos);
}

TEST(Html, LanesPerThreadWithHighlightedSteps) {
  const std::string h = to_html(testing::sample_report());
  EXPECT_NE(h.find("<svg class=\"lanes\" role=\"img\""), std::string::npos);
  EXPECT_NE(h.find("data-threads=\"3\" data-events=\"8\""), std::string::npos);  // the deadlock
  EXPECT_NE(h.find("<g class=\"lane\" data-thread=\"2\">"), std::string::npos);
  EXPECT_NE(h.find("<g class=\"ev sync hl\" data-step=\"7\">"), std::string::npos);
  EXPECT_NE(h.find("<g class=\"ev mem hl\" data-step=\"5\">"), std::string::npos);  // racing store
  EXPECT_NE(h.find("<path class=\"link\""), std::string::npos);
  EXPECT_NE(h.find("wait-for cycle: thread 1 -&gt; mutex#1 (held by thread 2)"), std::string::npos);
}

TEST(Html, ReplayCommandsAndBenchmarks) {
  const std::string h = to_html(testing::sample_report());
  EXPECT_NE(h.find("<code>weft replay counter/unsafe &#39;r1.s3.101&#39;</code>"), std::string::npos);
  EXPECT_NE(h.find("No replayable schedule: found by the tsan engine."), std::string::npos);
  EXPECT_NE(h.find("<div class=\"shrink\">This schedule needs 1 preemption (shrunk from 4 preemptions; as found: "
                   "weft replay bank/transfer_unordered &#39;p2.s9.001101011&#39;).</div>"),
            std::string::npos);
  EXPECT_EQ(testing::occurrences(h, "<tr class=\"bench-row\">"), 4u);
  EXPECT_NE(h.find("<rect class=\"cur regressed\""), std::string::npos);
  EXPECT_NE(h.find("-17.7%"), std::string::npos);
}

TEST(Html, LongTracesShowAWindowAroundTheHighlights) {
  run_report r = testing::sample_report();
  auto& f = r.scenarios[0].outcome.findings[0];
  f.trace.clear();
  for (std::uint64_t step = 1; step <= 1000; ++step) {
    f.trace.push_back({static_cast<std::uint32_t>(step % 4), step, "load", "var#1", "", {}});
  }
  f.highlight_steps = {500, 520};
  const std::string h = to_html(r);
  EXPECT_NE(h.find("data-threads=\"4\" data-events=\"160\""), std::string::npos);
  EXPECT_NE(h.find("earlier</text>"), std::string::npos);
  EXPECT_NE(h.find("later</text>"), std::string::npos);
  EXPECT_NE(h.find("data-step=\"500\""), std::string::npos);
}

TEST(Html, LanesLabelObjectsByTheirNameAndTooltipsGiveTheWholeName) {
  run_report r = testing::sample_report();
  auto& f = r.scenarios[0].outcome.findings[0];
  f.trace = {{1, 1, "lock", "acct.lock (mutex#2)", "", {}}, {2, 2, "load", "var#1 (bank.hpp:30)", "7", {}}};
  f.highlight_steps = {2};
  const std::string h = to_html(r);
  EXPECT_NE(h.find(">acct.lock</text>"), std::string::npos);
  EXPECT_NE(h.find(">var#1</text>"), std::string::npos);
  EXPECT_NE(h.find("lock acct.lock (mutex#2)"), std::string::npos) << "the tooltip names the object in full";
  EXPECT_NE(h.find("load var#1 (bank.hpp:30) = 7"), std::string::npos);
}

TEST(Html, AnArrowRunsFromTheStoreToTheLoadThatReadItWhileNewerStoresExisted) {
  run_report r;
  r.scenarios = {testing::weak_memory_scenario()};
  const std::string h = to_html(r);
  EXPECT_EQ(testing::occurrences(h, "<g class=\"rf\">"), 1u) << "one load read an older store";
  EXPECT_NE(h.find("<g class=\"rf\"><title>read an older store (1 newer)\nstep 8 · thread 2 · load data (atomic#0) = 0\n"
                   "read the store at step 1 by thread 0; 1 newer store existed</title>"),
            std::string::npos)
      << h;
  EXPECT_NE(h.find("<g class=\"ev mem hl stale\" data-step=\"8\">"), std::string::npos);
  EXPECT_EQ(testing::occurrences(h, " stale\""), 1u);
  EXPECT_NE(h.find("<i class=\"rf\"></i>a load that read an older store"), std::string::npos) << "the legend says so";
  EXPECT_NE(h.find("load data (atomic#0) = 0 (read the store at step 1 by thread 0; 1 newer store existed)"),
            std::string::npos)
      << "the key steps";
  EXPECT_NE(h.find("<td>0 <span class=\"rf\">(read the store at step 1 by thread 0; 1 newer store existed)</span></td>"),
            std::string::npos)
      << "the full trace";
  // The arrow leaves the store's column (the first, thread 0's lane) for the load's (the last, thread 2's).
  const std::regex arrow(R"re(<g class="rf"><title>[^<]*</title><path d="M([\d.]+) ([\d.]+) Q[\d. ]+"/><polygon points="([\d.]+),([\d.]+) )re");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(h, m, arrow)) << h;
  const std::regex box(R"re(data-step="(\d)"><title>[^<]*</title><rect x="(\d+)" y="(\d+)" width="(\d+)")re");
  std::map<int, std::pair<int, int>> centre;  // step -> centre of its box
  for (auto it = std::sregex_iterator(h.begin(), h.end(), box); it != std::sregex_iterator(); ++it) {
    const int half = std::stoi((*it)[4].str()) / 2;
    centre[std::stoi((*it)[1].str())] = {std::stoi((*it)[2].str()) + half, std::stoi((*it)[3].str()) + half};
  }
  ASSERT_EQ(centre.size(), 8u);
  EXPECT_DOUBLE_EQ(std::stod(m[1].str()), centre[1].first);
  EXPECT_DOUBLE_EQ(std::stod(m[3].str()), centre[8].first) << "the head's tip is on the load";
  EXPECT_LT(std::stod(m[2].str()), centre[1].second) << "from the top of the store's box";
  EXPECT_LT(std::stod(m[4].str()), centre[8].second) << "to the top of the load's box";
  EXPECT_GT(centre[8].second, centre[1].second) << "thread 2's lane is below thread 0's";
  // Drawn again from the JSON report; no arrow where no load read an older store.
  EXPECT_EQ(to_html(parse_json(to_json(r))), h);
  EXPECT_EQ(to_html(testing::sample_report()).find("class=\"rf\""), std::string::npos);
}

TEST(Html, AnArrowFromAStoreOutsideTheWindowIsLeftOutButTheLoadSaysWhichItRead) {
  run_report r;
  r.scenarios = {testing::weak_memory_scenario()};
  auto& f = r.scenarios[0].outcome.findings[0];
  f.trace[7].object = "<b>data</b> \"&'";
  for (std::uint64_t step = 9; step <= 400; ++step) {  // a long trace: the window starts after step 1
    f.trace.push_back({static_cast<std::uint32_t>(step % 3), step, "yield", "", "", {}});
  }
  f.highlight_steps = {300};
  std::string h = to_html(r);
  EXPECT_EQ(h.find("<g class=\"rf\">"), std::string::npos);
  f.highlight_steps = {8};
  h = to_html(r);
  EXPECT_EQ(testing::occurrences(h, "<g class=\"rf\">"), 1u);
  EXPECT_EQ(h.find("<b>data"), std::string::npos);
  EXPECT_NE(h.find("load &lt;b&gt;data&lt;/b&gt; &quot;&amp;&#39; = 0\nread the store at step 1 by thread 0"),
            std::string::npos);
}

TEST(Html, TheRuntimesAtomicOperationsAreDrawnAsMemoryAccesses) {
  run_report r;
  r.scenarios = {testing::sample_report().scenarios[0]};
  auto& f = r.scenarios[0].outcome.findings[0];
  f.trace = {{1, 1, "atomic_store", "atomic#1", "1", {}}, {2, 2, "atomic_load", "atomic#1", "0", {}, -1, 1},
             {2, 3, "atomic_rmw", "atomic#1", "1", {}}, {1, 4, "atomic_fence", "", "", {}}};
  f.highlight_steps = {};
  const std::string h = to_html(r);
  const std::regex glyph(R"re(<g class="ev mem[^"]*" data-step="(\d)"><title>[^<]*</title><rect [^>]*/><text [^>]*>([^<]*)</text>)re");
  std::map<std::string, std::string> glyphs;
  for (auto it = std::sregex_iterator(h.begin(), h.end(), glyph); it != std::sregex_iterator(); ++it) {
    glyphs[(*it)[1].str()] = (*it)[2].str();
  }
  EXPECT_EQ(glyphs, (std::map<std::string, std::string>{{"1", "W"}, {"2", "R"}, {"3", "RW"}, {"4", "Fn"}}));
  EXPECT_NE(h.find("<g class=\"ev mem stale\" data-step=\"2\">"), std::string::npos)
      << "a load of a store from before the trace is marked, with no arrow";
  EXPECT_EQ(h.find("<g class=\"rf\">"), std::string::npos);
}

TEST(Html, LinearizabilityHistoryIsATimelineWithARowPerThreadAndTheStuckOperationHighlighted) {
  const std::string h = to_html(testing::sample_report_with_hostile());
  EXPECT_EQ(testing::occurrences(h, "<svg class=\"history\""), 1u) << "only the linearizability finding has a history";
  EXPECT_NE(h.find("data-threads=\"4\" data-operations=\"4\""), std::string::npos);
  for (const char* row : {"0", "1", "2", "3"}) {
    EXPECT_EQ(testing::occurrences(h, std::string("<g class=\"hrow\" data-thread=\"") + row + "\">"), 1u) << row;
  }
  EXPECT_NE(h.find(">main</text>"), std::string::npos);
  EXPECT_NE(h.find(">t3</text>"), std::string::npos);
  // One bar per operation: the stuck one highlighted, the prefix numbered in its order.
  EXPECT_EQ(testing::occurrences(h, "<g class=\"op"), 4u);
  EXPECT_EQ(testing::occurrences(h, "<g class=\"op stuck\" data-thread=\"1\">"), 1u);
  EXPECT_EQ(testing::occurrences(h, "<g class=\"op placed\""), 2u);
  EXPECT_NE(h.find("<text class=\"order\" x=\""), std::string::npos);
  EXPECT_NE(h.find(">pop() → 1</text>"), std::string::npos);
  EXPECT_NE(h.find("t1: pop() -&gt; 1   [3, 5]\ncannot be placed after that prefix"), std::string::npos);
  EXPECT_EQ(testing::occurrences(h, "<line class=\"deadline\""), 1u);
  // Next to the interleaving lanes of the same finding.
  const auto history = h.find("<h5>History</h5>");
  ASSERT_NE(history, std::string::npos);
  EXPECT_NE(h.find("<h5>Interleaving</h5>", history), std::string::npos);
}

TEST(Html, TheTimelineIsDrawnAgainFromTheJsonReport) {  // weft report --html from a run's JSON
  run_report r;
  r.scenarios = {testing::lincheck_scenario()};
  const std::string again = to_html(parse_json(to_json(r)));
  EXPECT_EQ(again, to_html(r));
  EXPECT_NE(again.find("<svg class=\"history\""), std::string::npos);
}

TEST(Html, HistoryBarsKeepTheirOrderInTimeAndCutLongLabelsEscaped) {
  run_report r;
  scenario_report s = testing::lincheck_scenario();
  auto& ops = s.outcome.findings[0].operations;
  ops = {{1, "put(\"<b>&amp;an-argument-far-too-long-for-any-bar-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\")", "ok", 10, 90, 0, false},
         {2, "get()", "none", 20, 30, -1, true}};
  r.scenarios = {s};
  const std::string h = to_html(r);
  EXPECT_EQ(h.find("<b>"), std::string::npos);
  EXPECT_NE(h.find("put(&quot;&lt;b&gt;&amp;amp;an-argument-far-too-long-for-any-bar-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx&quot;) -&gt; ok"), std::string::npos)
      << "the tooltip keeps the whole call";
  EXPECT_NE(h.find("…</text>"), std::string::npos) << "the bar's label is cut";
  // Clock times are drawn by rank: 10, 20, 30, 90 are four evenly spaced columns.
  const std::regex bar(R"re(<g class="op[^"]*" data-thread="(\d)"><title>[^<]*</title><rect x="(\d+)" y="\d+" width="(\d+)")re");
  std::map<std::string, std::pair<int, int>> bars;
  for (auto it = std::sregex_iterator(h.begin(), h.end(), bar); it != std::sregex_iterator(); ++it) {
    bars[(*it)[1].str()] = {std::stoi((*it)[2].str()), std::stoi((*it)[3].str())};
  }
  ASSERT_EQ(bars.size(), 2u);
  const auto [put_x, put_w] = bars["1"];
  const auto [get_x, get_w] = bars["2"];
  EXPECT_LT(put_x, get_x);
  EXPECT_GT(put_x + put_w, get_x + get_w) << "put spans get";
  EXPECT_EQ(put_w + 4, 2 * (get_w + 4)) << "put spans 4 columns, get 2 (4px gap between bars)";
}

TEST(Html, EmptyReportStillRenders) {
  const std::string h = to_html(run_report{});
  EXPECT_NE(h.find("No scenarios ran."), std::string::npos);
  EXPECT_NE(h.find("ALL AS EXPECTED"), std::string::npos);
}

}  // namespace
}  // namespace weft::reports
