// weft replay SCENARIO [--program TOKEN] SCHEDULE: runs exactly one schedule
// with full tracing, of the scenario's fixed program or, with --program, of
// the generated program a finding named (weft/prop.hpp). Exit 0 when it
// reproduces a finding; 1 when it does not (nondeterminism: the code under
// test changed or depends on something weft does not control).
#include "commands.hpp"
#include "common.hpp"
#include "scheduler_flags.hpp"
#include "weft/prop.hpp"

namespace weft::cli {

command add_replay(CLI::App& app, int argc, char** argv) {
  struct flags {
    std::string scenario, schedule, program;
    scheduler_flags scheduler;
    report_flags reports;
  };
  auto f = std::make_shared<flags>();
  CLI::App* cmd = app.add_subcommand("replay", "Replay one schedule of a scenario, printing its interleaving");
  cmd->add_option("scenario", f->scenario, "The scenario (as in weft list)")->required();
  cmd->add_option("schedule", f->schedule, "The schedule a finding printed (w1-...)")->required();
  const CLI::Option* program =
      cmd->add_option("--program", f->program,
                      "The generated program a finding named (lincheck, weft run --generate), as its replay line gives it")
          ->type_name("TOKEN");
  add_scheduler_flags(*cmd, f->scheduler, false);
  add_report_flags(*cmd, f->reports);
  return [f, program, argc, argv] {
    const scenario* s = registry::instance().find(f->scenario);
    if (s == nullptr) throw input_error("unknown scenario '" + f->scenario + "' (weft list shows them all)");
    const options o = f->scheduler.resolve();
    const bool generated = program->count() > 0;
    const generated_workload workload =
        generated ? prop::replay_program(*s, f->program) : generated_workload{s->checked, {}, {}};
    session run(make_header(argc, argv), f->reports);
    result r = replay(workload.body, f->schedule, o);
    if (generated) {
      for (finding& found : r.findings) found.details.push_back("workload: " + workload.description + " (program " + f->program + ")");
    }
    const bool reproduced = !r.findings.empty() && r.findings[0].kind != finding_kind::nondeterminism;
    auto rep = make_scenario_report(*s, "checked", std::move(r));
    rep.strategy = "replay";
    rep.replay_command += program_flag(f->program) + f->scheduler.replay_flags();
    rep.as_expected = reproduced;
    run.add(std::move(rep));
    run.finish(0);
    return reproduced ? as_expected : unexpected;
  };
}

}  // namespace weft::cli
