#include "weft/reports/reporter.hpp"

#include <ostream>

namespace weft::reports {

void document_reporter::finalize(const run_report& complete) {
  render(complete, out_);
  out_.flush();
}

void emit(const run_report& r, reporter& rep) {
  run_report header = r;
  header.scenarios.clear();
  header.benchmarks.clear();
  rep.begin(header);
  for (const auto& s : r.scenarios) {
    rep.scenario(s);
    for (std::size_t i = 0; i < s.outcome.findings.size(); ++i) rep.finding(s, s.outcome.findings[i], i);
  }
  rep.finalize(r);
}

}  // namespace weft::reports
