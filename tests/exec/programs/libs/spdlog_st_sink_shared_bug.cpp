// spdlog's compiled library: a single-threaded sink (base_sink over
// null_mutex, the _st kind) counts its lines, and two threads log through
// one synchronous logger around it: the count is a data race (spdlog's
// documentation: _st sinks are not thread-safe).
// weft-exec-expect: data_race
#include <spdlog/details/null_mutex.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <thread>
#include <vector>

class counting_sink : public spdlog::sinks::base_sink<spdlog::details::null_mutex> {
 public:
  int lines = 0;

 protected:
  void sink_it_(const spdlog::details::log_msg&) override { ++lines; }
  void flush_() override {}
};

int main() {
  auto sink = std::make_shared<counting_sink>();
  auto logger = std::make_shared<spdlog::logger>("counted", sink);
  std::vector<std::thread> writers;
  for (int w = 0; w < 2; ++w) {
    writers.emplace_back([&logger, w] { logger->info("writer {}", w); });
  }
  for (auto& t : writers) t.join();
  return sink->lines == 2 ? 0 : 1;
}
