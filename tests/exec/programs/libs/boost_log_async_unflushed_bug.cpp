// Boost.Log (libboost-log-dev): an asynchronous sink whose backend (the
// program's) collects each formatted record on the sink's feeding thread.
// The bug: main counts the backend's lines as soon as the logging threads
// are joined, while the feeding thread may still be appending the last
// records (no stop() or flush() first).
// weft-exec-expect: data_race
#ifndef BOOST_LOG_DYN_LINK
#define BOOST_LOG_DYN_LINK 1  // Debian ships Boost.Log as a shared library
#endif
#include <boost/log/core.hpp>
#include <boost/log/expressions.hpp>
#include <boost/log/sinks/async_frontend.hpp>
#include <boost/log/sinks/basic_sink_backend.hpp>
#include <boost/log/sources/logger.hpp>
#include <boost/log/sources/record_ostream.hpp>
#include <boost/make_shared.hpp>
#include <boost/shared_ptr.hpp>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

namespace logging = boost::log;
namespace sinks = boost::log::sinks;

class collecting_backend : public sinks::basic_formatted_sink_backend<char, sinks::synchronized_feeding> {
 public:
  void consume(const logging::record_view&, const string_type& line) { lines_.push_back(line); }
  std::size_t size() const { return lines_.size(); }

 private:
  std::vector<std::string> lines_;
};

int main() {
  auto backend = boost::make_shared<collecting_backend>();
  using sink_t = sinks::asynchronous_sink<collecting_backend>;
  auto sink = boost::make_shared<sink_t>(backend);
  sink->set_formatter(logging::expressions::stream << logging::expressions::smessage);
  logging::core::get()->add_sink(sink);
  auto work = [](int id) {
    logging::sources::logger lg;
    for (int i = 0; i < 2; ++i) BOOST_LOG(lg) << "worker " << id << " step " << i;
  };
  std::thread a(work, 1), b(work, 2);
  a.join();
  b.join();
  const std::size_t lines = backend->size();  // the feeding thread may be at work
  sink->stop();
  sink->flush();
  logging::core::get()->remove_sink(sink);
  std::printf("%zu lines so far\n", lines);
  return 0;
}
