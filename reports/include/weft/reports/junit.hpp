// weft/reports/junit.hpp — JUnit XML for CI systems: a <testsuite> per
// scenario family, a <testcase> per scenario, an unexpected verdict as a
// <failure> whose text holds the findings and their replay commands.
// Conforms to the Apache Ant JUnit schema (tests/reports/data/JUnit.xsd).
#pragma once

#include <iosfwd>
#include <string>

#include "weft/reports/reporter.hpp"

namespace weft::reports {

std::string to_junit(const run_report& r);

class junit_reporter : public document_reporter {
 public:
  using document_reporter::document_reporter;

 protected:
  void render(const run_report& r, std::ostream& out) const override;
};

}  // namespace weft::reports
