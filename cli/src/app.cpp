// The `weft` command line: subcommands, and the mapping of failures onto the
// exit statuses of the public contract (2: bad input, 3: internal error).
#include <iostream>
#include <map>

#include "commands.hpp"
#include "common.hpp"
#include "weft/interrupt.hpp"

namespace weft::cli {

int run_command_line(int argc, char** argv) {
  set_program_name(argc > 0 ? argv[0] : nullptr);
  CLI::App app{"weft — a property-based concurrency correctness checker for C++20.\n"
               "Exit status: 0 every verdict as expected; 1 a verdict not as expected; 2 usage or input error; "
               "3 internal error.",
               "weft"};
  app.set_version_flag("--version", "weft " + weft_version());
  app.require_subcommand(1);
  const std::map<std::string, command> commands{
      {"list", add_list(app)},
      {"run", add_run(app, argc, argv)},
      {"replay", add_replay(app, argc, argv)},
      {"exec", add_exec(app, argc, argv)},
      {"stress", add_stress(app, argc, argv)},
      {"relacy", add_relacy(app, argc, argv)},
      {"bench", add_bench(app)},
      {"gate", add_gate(app, argc, argv)},
      {"report", add_report(app, argc, argv)},
      {"zoo", add_zoo(app)},
  };
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "weft: error: " << e.what() << " (see weft --help)\n";
    return usage;
  }
  // Scenarios the registry left out (a bad or duplicate name): every command
  // says so, one line each, still does its work over the others, and exits 2.
  const auto& left_out = registry::instance().errors();
  for (const std::string& e : left_out) std::cerr << "weft: error: " << e << "\n";
  const auto status = [&](int s) { return left_out.empty() || s == internal ? s : static_cast<int>(usage); };
  try {
    for (CLI::App* sub : app.get_subcommands()) {
      auto it = commands.find(sub->get_name());
      if (it != commands.end()) {
        // Supervised commands: SIGINT/SIGTERM stop and reap the workers, exit 128 + signal.
        // weft exec passes them on to its program and exits the same way.
        if (sub->get_name() == "run" || sub->get_name() == "replay" || sub->get_name() == "exec") catch_interrupts();
        const int code = it->second();
        return interrupt_signal() != 0 ? 128 + interrupt_signal() : status(code);  // reports complete, but interrupted
      }
    }
    std::cerr << "weft: error: no subcommand given (see weft --help)\n";
    return usage;
  } catch (const interrupted& e) {
    std::cerr << "weft: " << e.what() << ": stopped its workers; no reports written\n";
    return 128 + e.signal;
  } catch (const input_error& e) {
    std::cerr << "weft: error: " << e.what() << "\n";
    return usage;
  } catch (const std::invalid_argument& e) {
    std::cerr << "weft: error: " << e.what() << "\n";
    return usage;
  } catch (const std::exception& e) {
    std::cerr << "weft: internal error: " << e.what() << "\n";
    return internal;
  }
}

}  // namespace weft::cli
