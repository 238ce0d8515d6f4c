// A service whose settings are a global object, parsed in its constructor
// from a built-in default text: a typo in the default ("workers=fuor")
// makes std::stoi throw before main, an exception nothing can catch, and
// the process aborts (natively every time, "terminate called after
// throwing an instance of 'std::invalid_argument'"). weft exec reported
// only that the program was killed by SIGABRT before answering; now it is
// an `uncaught_exception` finding at the constructor, with a replay.
// weft-exec-expect: uncaught_exception
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

const char* const default_settings = "workers=fuor\nqueue=16\n";  // BUG: "fuor"

struct settings {
  int workers = 1;
  int queue = 1;
  settings() {
    std::istringstream text(default_settings);
    std::map<std::string, std::string> values;
    for (std::string line; std::getline(text, line);) {
      const auto eq = line.find('=');
      if (eq != std::string::npos) values[line.substr(0, eq)] = line.substr(eq + 1);
    }
    workers = std::stoi(values["workers"]);
    queue = std::stoi(values["queue"]);
  }
};

const settings config;  // built before main

}  // namespace

int main() {
  std::vector<std::thread> pool;
  for (int i = 0; i < config.workers; ++i) pool.emplace_back([] {});
  for (std::thread& t : pool) t.join();
  return 0;
}
