// weft/reports/sarif.hpp — SARIF 2.1.0 for code scanning: one result per
// finding, ruleId = the finding kind, physical locations from the finding's
// source locations, the interleaving as a codeFlow with one threadFlow per
// thread, and the schedule and replay command in the result's properties.
#pragma once

#include <iosfwd>
#include <string>

#include "weft/reports/reporter.hpp"

namespace weft::reports {

std::string to_sarif(const run_report& r);

class sarif_reporter : public document_reporter {
 public:
  using document_reporter::document_reporter;

 protected:
  void render(const run_report& r, std::ostream& out) const override;
};

}  // namespace weft::reports
