// spdlog's compiled library (libspdlog-dev): two threads log through an
// async logger made with spdlog::create_async (a file sink, registered) and
// one made by hand around the program's own sink, which keeps every line;
// a synchronous logger with a thread-safe (_mt) sink is shared too.
// spdlog::shutdown() drops the registry's loggers; libspdlog drops their
// last references, inside the library, after the pool thread's last write.
// weft-exec-expect: clean
#include <spdlog/async.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

// The program's own sink: base_sink<std::mutex> locks around sink_it_.
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
  char dir[] = "/tmp/weft_spdlog_XXXXXX";
  if (mkdtemp(dir) == nullptr) return 2;
  const std::string async_path = std::string(dir) + "/async.log";
  const std::string sync_path = std::string(dir) + "/sync.log";

  spdlog::init_thread_pool(16, 1);
  {
    auto file = spdlog::create_async<spdlog::sinks::basic_file_sink_mt>("file", async_path, true);
    auto keep = std::make_shared<keeping_sink>();
    auto kept = std::make_shared<spdlog::async_logger>("kept", keep, spdlog::thread_pool());
    auto sync = spdlog::basic_logger_mt("sync", sync_path, true);
    std::vector<std::thread> writers;
    for (int w = 0; w < 2; ++w) {
      writers.emplace_back([&, w] {
        for (int i = 0; i < 2; ++i) {
          file->info("writer {} line {}", w, i);
          kept->warn("writer {} kept {}", w, i);
          sync->info("writer {} sync {}", w, i);
        }
      });
    }
    for (auto& t : writers) t.join();
  }
  spdlog::shutdown();
  std::remove(async_path.c_str());
  std::remove(sync_path.c_str());
  rmdir(dir);
  return 0;
}
