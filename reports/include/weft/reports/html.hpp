// weft/reports/html.hpp — the HTML report: one self-contained file (inline
// CSS, JS and SVG; no network access, works opened from disk) with a summary
// table filterable by verdict, family and kind; per finding the interleaving
// as one lane per thread (SVG) with the steps it is about highlighted, its
// details, source locations and replay command; and benchmark bar charts
// against the baseline. Every string from code under test is escaped.
#pragma once

#include <iosfwd>
#include <string>

#include "weft/reports/reporter.hpp"

namespace weft::reports {

std::string to_html(const run_report& r);

class html_reporter : public document_reporter {
 public:
  using document_reporter::document_reporter;

 protected:
  void render(const run_report& r, std::ostream& out) const override;
};

}  // namespace weft::reports
