// weft/reports.hpp — everything of weft::reports: the report model, the
// reporter interface and its console, JSON, JUnit, SARIF and HTML
// implementations, and writing report files.
#pragma once

#include "weft/reports/console.hpp"
#include "weft/reports/files.hpp"
#include "weft/reports/html.hpp"
#include "weft/reports/json.hpp"
#include "weft/reports/junit.hpp"
#include "weft/reports/reporter.hpp"
#include "weft/reports/run_report.hpp"
#include "weft/reports/sarif.hpp"
