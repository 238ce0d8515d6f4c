#include "weft/reports/junit.hpp"

#include <fmt/format.h>

#include <map>
#include <ostream>
#include <sstream>

#include "text.hpp"

namespace weft::reports {
namespace {

using text::xml_escape;

// The schema's timestamp: "YYYY-MM-DDTHH:MM:SS", no zone, no fraction.
std::string junit_timestamp(const std::string& iso) {
  const std::string_view v = iso;
  const bool shaped = v.size() >= 19 && v[4] == '-' && v[7] == '-' && v[10] == 'T' && v[13] == ':' && v[16] == ':';
  return shaped ? std::string(v.substr(0, 19)) : std::string("1970-01-01T00:00:00");
}

// xs:token: no leading/trailing/double spaces, no tabs or newlines.
std::string token(std::string_view s, std::string_view fallback) {
  std::string out;
  for (const char ch : s) {
    const bool space = ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += ch;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out.empty() ? std::string(fallback) : out;
}

// The findings of a scenario as plain text: kind, message, location, replay.
std::string findings_text(const scenario_report& s) {
  std::string out;
  for (const auto& f : s.outcome.findings) {
    out += fmt::format("{}: {}\n", kind_name(f), f.message);
    for (const auto& l : f.locations) out += fmt::format("  at {}\n", text::location_text(l));
    for (const auto& d : f.details) out += fmt::format("  {}\n", d);
    const auto replay = replay_command(s, f);
    out += replay.empty() ? fmt::format("  (no schedule: found by the {} engine)\n", to_string(f.source))
                          : fmt::format("  replay: {}\n  {}\n", replay, shrink_line(s, f));
  }
  return out;
}

// "N suppressed", then each suppressed finding on one line with its rule.
std::string suppressed_text(const scenario_report& s) {
  std::string out = fmt::format("{} suppressed\n", s.outcome.suppressed.size());
  for (const auto& f : s.outcome.suppressed) {
    out += fmt::format("  {}: {}{}\n", kind_name(f), f.message, f.details.empty() ? "" : " (" + f.details.back() + ")");
  }
  return out;
}

// Why the verdict is not the expected one, one line.
std::string failure_message(const scenario_report& s) {
  if (s.outcome.findings.empty()) {
    return fmt::format("expected {} but found nothing in {} executions", expected_text(s),
                       s.outcome.stats.executions);
  }
  const auto& f = s.outcome.findings.front();
  if (s.expected_clean()) return fmt::format("expected clean but found {}: {}", kind_name(f), f.message);
  return fmt::format("expected {} but found {}: {}", expected_text(s), kind_name(f), f.message);
}

void write_testcase(std::ostream& out, const scenario_report& s) {
  out << fmt::format("    <testcase name=\"{}\" classname=\"{}\" time=\"{:.3f}\"", xml_escape(token(s.name, "unnamed")),
                     xml_escape(token("weft." + s.family, "weft")), s.outcome.stats.seconds);
  if (s.as_expected) {
    out << "/>\n";
    return;
  }
  std::string body = failure_message(s) + "\n";
  body += fmt::format("scenario: {}\nexpected: {}\nengine: {}{}\nexecutions: {}\n", s.name, expected_text(s),
                      s.engine, s.strategy.empty() ? "" : " (" + s.strategy + ")", s.outcome.stats.executions);
  body += findings_text(s);
  if (!s.outcome.suppressed.empty()) body += suppressed_text(s);
  out << fmt::format(">\n      <failure message=\"{}\" type=\"{}\">{}</failure>\n    </testcase>\n",
                     xml_escape(failure_message(s), false),
                     s.outcome.findings.empty() ? "expected_bug_not_found" : "unexpected_finding",
                     xml_escape(body));
}

}  // namespace

std::string to_junit(const run_report& r) {
  // Families in first-seen order would depend on the run; sort for stable output.
  std::map<std::string, std::vector<const scenario_report*>> families;
  for (const auto& s : r.scenarios) families[s.family.empty() ? "default" : s.family].push_back(&s);

  const std::string timestamp = junit_timestamp(r.started_at);
  const std::string host = xml_escape(token(r.host, "localhost"));
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n";
  int id = 0;
  for (const auto& [family, scenarios] : families) {
    std::size_t failures = 0;
    double seconds = 0;
    for (const auto* s : scenarios) {
      failures += s->as_expected ? 0 : 1;
      seconds += s->outcome.stats.seconds;
    }
    out += fmt::format(
        "  <testsuite name=\"{}\" package=\"weft\" id=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" "
        "skipped=\"0\" time=\"{:.3f}\" timestamp=\"{}\" hostname=\"{}\">\n",
        xml_escape(token(family, "default")), id++, scenarios.size(), failures, seconds, timestamp, host);
    out += "    <properties>\n";
    const std::pair<const char*, const std::string*> props[] = {
        {"weft_version", &r.weft_version}, {"command", &r.command}, {"started_at", &r.started_at},
        {"shard", &r.shard}};
    for (const auto& [name, value] : props) {
      out += fmt::format("      <property name=\"{}\" value=\"{}\"/>\n", name, xml_escape(*value, false));
    }
    out += "    </properties>\n";
    std::string system_out;
    for (const auto* s : scenarios) {
      std::ostringstream tc;
      write_testcase(tc, *s);
      out += tc.str();
      // Expected findings pass; their replay commands still belong in the record.
      if (s->as_expected && !s->outcome.findings.empty()) {
        system_out += fmt::format("{} (expected {}):\n{}", s->name, expected_text(*s), findings_text(*s));
      }
      if (s->as_expected && !s->outcome.suppressed.empty()) {
        system_out += fmt::format("{}: {}", s->name, suppressed_text(*s));
      }
    }
    out += fmt::format("    <system-out>{}</system-out>\n    <system-err></system-err>\n  </testsuite>\n",
                       xml_escape(system_out));
  }
  out += "</testsuites>\n";
  return out;
}

void junit_reporter::render(const run_report& r, std::ostream& out) const { out << to_junit(r); }

}  // namespace weft::reports
