// weft::main — gives a program the whole `weft` command line over the
// scenarios registered in it (WEFT_SCENARIO, or weft::register_model).
#include "commands.hpp"

int main(int argc, char** argv) { return weft::cli::run_command_line(argc, argv); }
