// weft list [PATTERN...] [--json]: the scenarios, their expected verdicts and
// where the tutorials show them.
#include <algorithm>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "common.hpp"

namespace weft::cli {
namespace {

std::string expected_text(const scenario& s) {
  if (s.expected.empty()) return "clean";
  std::string out;
  for (auto k : s.expected) out += (out.empty() ? "" : ",") + std::string(to_string(k));
  return out;
}

}  // namespace

command add_list(CLI::App& app) {
  struct flags {
    std::vector<std::string> patterns;
    bool json = false;
  };
  auto f = std::make_shared<flags>();
  CLI::App* cmd = app.add_subcommand("list", "List the scenarios with their expected verdicts");
  cmd->add_option("patterns", f->patterns, "Scenario names, families or globs (counter, bank/*, */unsafe)");
  cmd->add_flag("--json", f->json, "Print JSON instead of a table");
  return [f] {
    const auto selected = select_scenarios(f->patterns);
    if (f->json) {
      nlohmann::json out = nlohmann::json::array();
      for (const scenario* s : selected) {
        nlohmann::json kinds = nlohmann::json::array();
        for (auto k : s->expected) kinds.push_back(std::string(to_string(k)));
        out.push_back({{"name", s->name}, {"family", s->family()}, {"expected", kinds},
                       {"seed_ref", s->seed_ref}, {"summary", s->summary}, {"notes", s->notes},
                       {"engines", {{"checked", static_cast<bool>(s->checked)},
                                    {"stress", static_cast<bool>(s->stress)},
                                    {"relacy", s->relacy}}}});
      }
      std::cout << out.dump(2) << "\n";
      return 0;
    }
    std::size_t name_width = 8, expected_width = 8;
    for (const scenario* s : selected) {
      name_width = std::max(name_width, s->name.size());
      expected_width = std::max(expected_width, expected_text(*s).size());
    }
    std::cout << std::left << std::setw(static_cast<int>(name_width) + 2) << "SCENARIO"
              << std::setw(static_cast<int>(expected_width) + 2) << "EXPECTED" << "SEED\n";
    for (const scenario* s : selected) {
      std::cout << std::left << std::setw(static_cast<int>(name_width) + 2) << s->name
                << std::setw(static_cast<int>(expected_width) + 2) << expected_text(*s) << s->seed_ref << "\n";
    }
    std::cout << selected.size() << " scenarios\n";
    return 0;
  };
}

}  // namespace weft::cli
