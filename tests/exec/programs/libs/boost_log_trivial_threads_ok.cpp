// Boost.Log (libboost-log-dev): BOOST_LOG_TRIVIAL from two threads into the
// default console sink, with a severity filter set by main first. Correct.
// weft-exec-expect: clean
#ifndef BOOST_LOG_DYN_LINK
#define BOOST_LOG_DYN_LINK 1  // Debian ships Boost.Log as a shared library
#endif
#include <boost/log/core.hpp>
#include <boost/log/expressions.hpp>
#include <boost/log/trivial.hpp>
#include <thread>

int main() {
  boost::log::core::get()->set_filter(boost::log::trivial::severity >= boost::log::trivial::info);
  auto work = [](int id) {
    for (int i = 0; i < 2; ++i) {
      BOOST_LOG_TRIVIAL(debug) << "hidden " << id;
      BOOST_LOG_TRIVIAL(info) << "worker " << id << " step " << i;
    }
  };
  std::thread a(work, 1), b(work, 2);
  a.join();
  b.join();
}
