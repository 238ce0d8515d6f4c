// weft-bugbench: runs the bug benchmark (programs.hpp) under every
// strategy and prints the Markdown table of docs/strategies.md, checks that
// file for staleness, or measures what pending-operation awareness changes.
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>

#include "effect.hpp"
#include "programs.hpp"
#include "table.hpp"

namespace {

constexpr const char* table_begin = "<!-- bugbench:begin -->";
constexpr const char* table_end = "<!-- bugbench:end -->";

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// The rows of `table` (its program lines) that `doc` does not contain verbatim.
std::vector<std::string> stale_rows(const std::string& table, const std::string& doc) {
  std::vector<std::string> stale;
  std::istringstream lines(table);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("| `", 0) == 0 && doc.find(line + "\n") == std::string::npos) stale.push_back(line);
  }
  return stale;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace weft::bugbench;
  CLI::App app{"weft-bugbench: every strategy on the bug benchmark (docs/strategies.md)"};
  bench_config config;
  bool markdown = false, list = false, effect = false;
  std::string check_file, only = ".*";
  app.add_flag("--markdown", markdown, "Print the table between the markers docs/strategies.md holds it in");
  app.add_option("--check", check_file, "Fail (exit 1) when FILE's rows for the selected programs are out of date")
      ->check(CLI::ExistingFile);
  app.add_option("--only", only, "Programs whose name matches this regular expression")->capture_default_str();
  app.add_option("--seeds", config.seeds, "Seeds 1..N per randomised strategy")->capture_default_str()->check(CLI::Range(1, 1000));
  app.add_option("--budget", config.budget, "Executions per run at most")->capture_default_str()->check(CLI::PositiveNumber);
  app.add_option("--jobs,-j", config.jobs, "Cells computed in parallel")->capture_default_str()->check(CLI::Range(1u, 256u));
  app.add_flag("--skip-independent", config.skip_independent, "Run with options::skip_independent_points");
  app.add_flag("--list", list, "List the programs");
  app.add_flag("--effect", effect, "Decisions per execution with and without --skip-independent");
  CLI11_PARSE(app, argc, argv);

  std::vector<const program*> selected;
  try {
    const std::regex pattern(only);
    for (const program& p : programs()) {
      if (std::regex_search(p.name, pattern)) selected.push_back(&p);
    }
  } catch (const std::regex_error& e) {
    std::cerr << "weft-bugbench: --only is not a regular expression: " << e.what() << '\n';
    return 2;
  }
  if (selected.empty()) {
    std::cerr << "weft-bugbench: no program matches --only '" << only << "'\n";
    return 2;
  }
  if (list) {
    for (const program* p : selected) std::cout << p->name << "  (" << p->threads << " threads, depth " << p->depth << "): " << p->pattern << '\n';
    return 0;
  }
  if (effect) {
    std::cout << effect_table(selected);
    return 0;
  }
  const std::string table = markdown_table(selected, config);
  if (!check_file.empty()) {
    const auto stale = stale_rows(table, read_file(check_file));
    if (!stale.empty()) {
      std::cerr << "weft-bugbench: " << check_file << " is out of date (regenerate it with weft-bugbench --markdown); now:\n";
      for (const auto& row : stale) std::cerr << "  " << row << '\n';
      return 1;
    }
    std::cout << check_file << ": " << selected.size() << " program rows up to date\n";
    return 0;
  }
  if (markdown) {
    std::cout << table_begin << '\n' << table << table_end << '\n';
  } else {
    std::cout << table;
  }
  return 0;
}
