// weft_reports_sample DIR — writes the sample report (with a hostile
// scenario) as report.json, junit.xml, report.sarif and report.html into DIR,
// for the browser test and for looking at.
#include <cstdio>
#include <exception>
#include <filesystem>

#include "sample_report.hpp"
#include "weft/reports/files.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s DIR\n", argv[0]);
    return 2;
  }
  try {
    const std::filesystem::path dir = argv[1];
    std::filesystem::create_directories(dir);
    const weft::reports::report_paths paths{{{"json", dir / "report.json"},
                                             {"junit", dir / "junit.xml"},
                                             {"sarif", dir / "report.sarif"},
                                             {"html", dir / "report.html"}}};
    weft::reports::check_writable(paths);
    weft::reports::write_reports(weft::reports::testing::sample_report_with_hostile(), paths);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "weft_reports_sample: %s\n", e.what());
    return 1;
  }
  return 0;
}
