// exec_request.hpp — what `weft exec` tells an instrumented program, and how
// the program answers. The weft CLI starts the program with the environment
// variable WEFT_EXEC_REQUEST holding a JSON object:
//   {"flags": ["--strategy", "random", "--iterations", "500", ...],
//    "replay": "w1-..." (optional: run this one schedule instead of exploring),
//    "result_fd": 5}
// `flags` are the scheduler flags of `weft run` as the user gave them (the
// program parses them with the same code, weft::cli::options_from_flags).
// The program's main() becomes the body of a checked scenario; the program
// writes one line to `result_fd`: {"result": <weft::to_json(result)>}, and
// exits 0; or {"error": "one line", "status": 2 or 3} (2: bad input, such as
// a bad flag or a program that forks; 3: an internal error), and exits with
// that status when it can (`weft exec` exits with it). A program that was not built with weft's
// instrumentation ignores the variable: `weft exec` looks for
// `instrumented_marker` in the file before it starts it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace weft::detail {

inline constexpr const char* exec_request_env = "WEFT_EXEC_REQUEST";
/// What weft exec sets in the program's environment when the program's user
/// has not set it: GLib's slice allocator (g_slice, behind GList, GHashTable
/// and GObject instances) hands one thread's freed chunks to another under
/// libglib's own locks, which weft does not see, and the next thread's use
/// was a false data race; with always-malloc, GLib's documented setting for
/// checkers, they are malloc's blocks, whose frees weft follows. Set before
/// the program starts: GLib reads it in its own constructor.
struct program_default {
  const char* name;
  const char* value;
};
inline constexpr program_default program_defaults[] = {{"G_SLICE", "always-malloc"}};
/// A string every program linked with weft's instrumentation runtime holds.
inline constexpr const char* instrumented_marker = "weft-instrumented-runtime-v1";

struct exec_request {
  std::vector<std::string> flags;
  std::optional<std::string> replay;
  int result_fd = -1;
};

std::string encode_exec_request(const exec_request& r);
/// Throws std::invalid_argument with a one-line reason when `text` is not a request.
exec_request decode_exec_request(std::string_view text);

/// Turns address space randomisation off for the programs this process
/// starts from now on (personality(2)'s ADDR_NO_RANDOMIZE, which fork and
/// exec keep, as gdb and rr do): every execution of a program, and every
/// replay of one of its schedules in a new process, sees the same
/// addresses, so a program whose path depends on them (a pointer-keyed hash
/// table's order, an address taken as a number) replays. Returns "" or why it
/// could not (a container's seccomp policy may refuse the call).
std::string fix_address_layout();

/// Starts `program` with `args` and `request` (its result_fd replaced by
/// a pipe's), waits for it, and returns the first line it answered ("" when
/// none): the protocol as weft's own tests and benchmarks drive it (the weft
/// CLI's `weft exec` adds reports and a watchdog). Fixes the address layout
/// first (fix_address_layout), as `weft exec` does.
std::string exchange_exec_request(const std::string& program, exec_request request,
                                  const std::vector<std::string>& args = {});

}  // namespace weft::detail
