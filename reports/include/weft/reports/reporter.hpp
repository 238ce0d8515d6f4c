// weft/reports/reporter.hpp — the reporter interface, shaped like Google
// Benchmark's: begin with the run's header, one call per finished scenario
// and per finding, finalize with the complete report.
//
// A streaming reporter (the console) prints as calls arrive; a document
// reporter (JSON, JUnit, SARIF, HTML) renders the complete report it gets in
// finalize. `emit` plays a finished report through any reporter.
#pragma once

#include <cstddef>
#include <iosfwd>

#include "weft/reports/run_report.hpp"

namespace weft::reports {

class reporter {
 public:
  virtual ~reporter() = default;
  /// Before the first scenario; `header` has the run metadata (its scenario
  /// list may be empty).
  virtual void begin(const run_report& header) = 0;
  /// After one scenario ran; its findings follow through `finding`.
  virtual void scenario(const scenario_report& s) = 0;
  /// One finding of the scenario last passed to `scenario`; `index` counts
  /// from 0 within that scenario.
  virtual void finding(const scenario_report& s, const weft::finding& f, std::size_t index) {
    (void)s, (void)f, (void)index;
  }
  /// After the last scenario, with everything (timings, benchmarks).
  virtual void finalize(const run_report& complete) = 0;
};

/// A reporter that writes one document to a stream in finalize.
class document_reporter : public reporter {
 public:
  explicit document_reporter(std::ostream& out) : out_(out) {}
  void begin(const run_report&) override {}
  void scenario(const scenario_report&) override {}
  void finalize(const run_report& complete) override;

 protected:
  virtual void render(const run_report& complete, std::ostream& out) const = 0;

 private:
  std::ostream& out_;
};

/// Plays `r` through `rep`: begin, scenario + findings for each, finalize.
void emit(const run_report& r, reporter& rep);

}  // namespace weft::reports
