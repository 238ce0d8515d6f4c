// spdlog's compiled library: an async logger around the program's own sink
// that keeps its lines; main counts them right after logging, while the
// pool thread may still be writing them (the lines are only the reader's
// after spdlog::shutdown() or a flush it waited for): a data race.
// weft-exec-expect: data_race
#include <spdlog/async.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

class keeping_sink : public spdlog::sinks::base_sink<std::mutex> {
 public:
  std::vector<std::string> lines;

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    lines.emplace_back(msg.payload.data(), msg.payload.size());
  }
  void flush_() override {}
};

int main() {
  spdlog::init_thread_pool(16, 1);
  auto keep = std::make_shared<keeping_sink>();
  {
    auto kept = std::make_shared<spdlog::async_logger>("kept", keep, spdlog::thread_pool());
    kept->info("one");
    kept->info("two");
  }
  std::printf("%zu lines so far\n", keep->lines.size());  // the pool thread may be writing them
  spdlog::shutdown();
  return 0;
}
