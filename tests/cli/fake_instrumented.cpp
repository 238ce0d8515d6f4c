// A stand-in for a program built with weft's instrumentation, for the tests
// of `weft exec` (tests/cli/exec_test.sh): it holds the runtime's marker and
// answers WEFT_EXEC_REQUEST (checker/src/instrument/exec_request.hpp) with a
// canned answer chosen by its first argument, without checking anything:
//   race   a data_race finding with schedule w1-fake (a replay of another schedule: clean)
//   clean  no finding
//   crash  dies of SIGSEGV before answering
//   exit   exits with status 1 before answering
//   error  answers {"error": ...} and exits 2
//   hang   never answers
// With FAKE_REQUEST_LOG set, it first writes the request it got there, and
// its process id to FAKE_REQUEST_LOG.pid.
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "instrument/exec_request.hpp"
#include "weft/result_json.hpp"

namespace {
// What `weft exec` looks for; volatile so the string stays in the file.
const char* volatile marker = weft::detail::instrumented_marker;

void answer(int fd, const nlohmann::json& j) {
  const std::string line = j.dump() + "\n";
  if (::write(fd, line.data(), line.size()) != static_cast<ssize_t>(line.size())) std::exit(3);
}
}  // namespace

int main(int argc, char** argv) {
  (void)marker;
  const char* text = std::getenv(weft::detail::exec_request_env);
  if (text == nullptr || argc < 2) {
    std::fprintf(stderr, "fake_instrumented: run me with weft exec\n");
    return 3;
  }
  const weft::detail::exec_request request = weft::detail::decode_exec_request(text);
  if (const char* log = std::getenv("FAKE_REQUEST_LOG")) {
    std::ofstream(log) << text << "\n";
    std::ofstream(std::string(log) + ".pid") << ::getpid() << "\n";
  }
  const std::string mode = argv[1];
  weft::result r;
  r.stats.executions = request.replay ? 1 : 42;
  if (mode == "race" && (!request.replay || *request.replay == "w1-fake")) {
    weft::finding f;
    f.kind = weft::finding_kind::data_race;
    f.message = "data race on 'counter' (fake)";
    f.schedule = "w1-fake";
    f.preemptions = 1;
    f.details.push_back("thread 1 writes, thread 2 reads");
    r.findings.push_back(f);
  } else if (mode == "crash") {
    std::signal(SIGSEGV, SIG_DFL);  // past a sanitizer's handler (the tsan and asan builds)
    std::raise(SIGSEGV);
  } else if (mode == "exit") {
    return 1;
  } else if (mode == "error") {
    answer(request.result_fd, {{"error", "--strategy dfs is not supported here (fake)"}});
    return 2;
  } else if (mode == "hang") {
    for (;;) ::pause();
  }
  answer(request.result_fd, {{"result", weft::to_json(r)}});
  return 0;
}
