// Report files: checked before a run, written atomically, errors name the path.
#include <gtest/gtest.h>

#include <stdexcept>

#include "sample_report.hpp"
#include "test_util.hpp"
#include "weft/reports/files.hpp"
#include "weft/reports/json.hpp"

namespace weft::reports {
namespace {

namespace fs = std::filesystem;

std::string error_of(const report_paths& p) {
  try {
    check_writable(p);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "(no error)";
}

std::size_t entries(const fs::path& dir) {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

TEST(ReportFiles, WritesEveryRequestedReportAndNothingElse) {
  testing::scratch_dir dir;
  const report_paths p{{{"json", dir / "r.json"}, {"junit", dir / "r.xml"}, {"sarif", dir / "r.sarif"}, {"html", dir / "r.html"}}};
  check_writable(p);
  EXPECT_EQ(entries(dir.path()), 0u) << "check_writable left a file";
  write_reports(testing::sample_report(), p);
  EXPECT_EQ(entries(dir.path()), 4u) << "a temporary file was left behind";
  EXPECT_EQ(read_json(p.files.at("json")), testing::sample_report());
  EXPECT_NE(testing::read_text(p.files.at("junit")).find("<testsuites>"), std::string::npos);
  EXPECT_NE(testing::read_text(p.files.at("sarif")).find("\"version\": \"2.1.0\""), std::string::npos);
  EXPECT_NE(testing::read_text(p.files.at("html")).find("<!DOCTYPE html>"), std::string::npos);
}

TEST(ReportFiles, OnlyTheRequestedOnes) {
  testing::scratch_dir dir;
  report_paths p;
  p.files["sarif"] = dir / "only.sarif";
  write_reports(testing::sample_report(), p);
  EXPECT_EQ(entries(dir.path()), 1u);
}

TEST(ReportFiles, ReplacesAnExistingReportWhole) {
  testing::scratch_dir dir;
  testing::write_text(dir / "r.json", std::string(1 << 20, 'x'));  // a bigger old file
  write_file_atomically(dir / "r.json", "{}\n");
  EXPECT_EQ(testing::read_text(dir / "r.json"), "{}\n");
  EXPECT_EQ(entries(dir.path()), 1u);
}

TEST(ReportFiles, CheckWritableNamesTheBadPath) {
  testing::scratch_dir dir;
  testing::write_text(dir / "a-file", "x");
  fs::create_directories(dir / "a-dir");
  const std::pair<report_paths, std::string> cases[] = {
      {{{{"json", dir / "missing" / "r.json"}}}, "missing"},
      {{{{"junit", dir / "a-dir"}}}, "a-dir: it is a directory"},
      {{{{"sarif", dir / "a-file" / "r.sarif"}}}, "a-file"},
      {{{{"json", dir / "same"}, {"html", dir / "same"}}}, "given for both --json and --html"},
      {{{{"html", fs::path()}}}, "empty path"},
      {{{{"pdf", dir / "r.pdf"}}}, "no report format 'pdf'"},
  };
  for (const auto& [paths, expected] : cases) {
    const std::string error = error_of(paths);
    EXPECT_NE(error.find(expected), std::string::npos) << error;
    EXPECT_EQ(error.find('\n'), std::string::npos) << error;
  }
  EXPECT_EQ(entries(dir.path()), 2u) << "a failed check left a file";
}

TEST(ReportFiles, WriteErrorsNameThePath) {
  testing::scratch_dir dir;
  report_paths p;
  p.files["json"] = dir / "no-such-dir" / "r.json";
  try {
    write_reports(testing::sample_report(), p);
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("no-such-dir/r.json"), std::string::npos) << e.what();
  }
}

TEST(ReportFiles, ARelativePathInTheCurrentDirectoryWorks) {
  testing::scratch_dir dir;
  const fs::path previous = fs::current_path();
  fs::current_path(dir.path());
  report_paths p;
  p.files["json"] = "here.json";
  EXPECT_NO_THROW(check_writable(p));
  EXPECT_NO_THROW(write_reports(testing::sample_report(), p));
  fs::current_path(previous);
  EXPECT_TRUE(fs::exists(dir / "here.json"));
}

}  // namespace
}  // namespace weft::reports
