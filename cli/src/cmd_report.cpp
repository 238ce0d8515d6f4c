// weft report merge A.json B.json ...: joins the JSON reports of shards (or
// separate runs) into one, written in every format asked for.
#include <iostream>

#include "commands.hpp"
#include "common.hpp"
#include "weft/reports/json.hpp"

namespace weft::cli {

command add_report(CLI::App& app, int argc, char** argv) {
  struct flags {
    std::vector<std::string> inputs;
    report_flags reports;
  };
  auto f = std::make_shared<flags>();
  CLI::App* report = app.add_subcommand("report", "Work with JSON reports");
  report->require_subcommand(1);
  CLI::App* merge = report->add_subcommand("merge", "Merge JSON reports (e.g. of shards) into one");
  merge->add_option("inputs", f->inputs, "JSON reports written by weft --json")->required()->check(CLI::ExistingFile);
  add_report_flags(*merge, f->reports);
  (void)argc;
  (void)argv;
  return [f] {
    std::vector<reports::run_report> parts;
    for (const auto& path : f->inputs) {
      try {
        parts.push_back(reports::read_json(path));
      } catch (const std::exception& e) {
        throw input_error(e.what());
      }
    }
    reports::run_report merged;
    try {
      merged = reports::merge(parts);
    } catch (const std::runtime_error& e) {
      throw input_error(e.what());
    }
    reports::run_report header = merged;
    header.scenarios.clear();
    session out(header, f->reports);
    for (auto& s : merged.scenarios) out.add(std::move(s));
    out.report().benchmarks = merged.benchmarks;
    return out.finish(merged.seconds);
  };
}

}  // namespace weft::cli
