// The service of startup_config_throws_bug.cpp with its default text right
// ("workers=4"), and a value it cannot parse kept at its default instead of
// thrown out of a constructor nothing can catch. The settings are built
// before main; main starts that many workers, which add up their share.
// weft-exec-expect: clean
#include <atomic>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

const char* const default_settings = "workers=4\nqueue=16\nretries=many\n";

int parsed_or(const std::string& text, int fallback) {
  try {
    return std::stoi(text);
  } catch (const std::exception&) {
    return fallback;
  }
}

struct settings {
  int workers = 1;
  int queue = 1;
  int retries = 3;
  settings() {
    std::istringstream text(default_settings);
    std::map<std::string, std::string> values;
    for (std::string line; std::getline(text, line);) {
      const auto eq = line.find('=');
      if (eq != std::string::npos) values[line.substr(0, eq)] = line.substr(eq + 1);
    }
    workers = parsed_or(values["workers"], workers);
    queue = parsed_or(values["queue"], queue);
    retries = parsed_or(values["retries"], retries);
  }
};

const settings config;  // built before main

}  // namespace

int main() {
  std::atomic<int> done{0};
  std::vector<std::thread> pool;
  for (int i = 0; i < config.workers; ++i) pool.emplace_back([&done] { done.fetch_add(config.queue / 4); });
  for (std::thread& t : pool) t.join();
  return done.load() == config.workers * config.queue / 4 && config.retries == 3 ? 0 : 1;
}
