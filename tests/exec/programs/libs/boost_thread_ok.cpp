// Boost.Thread (libboost-thread-dev, which libboost-context-dev pulls in),
// correct use: a boost::thread_group of two producers, each loading a shared
// configuration once (boost::call_once), meeting main at a boost::barrier,
// writing a table under a boost::shared_mutex's unique_lock and handing the
// key to a consumer through a boost::mutex/condition_variable inbox, then
// counting down a boost::latch. The consumer reads the table under a
// shared_lock and delivers the sum through a boost::promise; main waits on
// the latch, joins, closes the inbox and reads the future.
// weft-exec-expect: clean
#define BOOST_THREAD_VERSION 5
#include <boost/thread/barrier.hpp>
#include <boost/thread/condition_variable.hpp>
#include <boost/thread/future.hpp>
#include <boost/thread/latch.hpp>
#include <boost/thread/locks.hpp>
#include <boost/thread/mutex.hpp>
#include <boost/thread/once.hpp>
#include <boost/thread/shared_mutex.hpp>
#include <boost/thread/thread.hpp>
#include <cstdlib>
#include <deque>
#include <map>
#include <string>

namespace {
boost::once_flag config_once;
std::map<std::string, int>* config = nullptr;
void load_config() { config = new std::map<std::string, int>{{"workers", 2}}; }

struct inbox {
  boost::mutex m;
  boost::condition_variable cv;
  std::deque<int> items;
  bool closed = false;
  void put(int v) {
    {
      boost::lock_guard<boost::mutex> g(m);
      items.push_back(v);
    }
    cv.notify_one();
  }
  void close() {
    {
      boost::lock_guard<boost::mutex> g(m);
      closed = true;
    }
    cv.notify_all();
  }
  bool take(int& v) {
    boost::unique_lock<boost::mutex> l(m);
    while (items.empty() && !closed) cv.wait(l);
    if (items.empty()) return false;
    v = items.front();
    items.pop_front();
    return true;
  }
};
}  // namespace

int main() {
  inbox box;
  boost::shared_mutex table_lock;
  std::map<int, int> table;
  boost::barrier ready(3);
  boost::latch finished(2);
  boost::thread_group producers;
  for (int p = 0; p < 2; ++p) {
    producers.create_thread([&, p] {
      boost::call_once(config_once, load_config);
      ready.wait();
      for (int i = 0; i < 2; ++i) {
        {
          boost::unique_lock<boost::shared_mutex> w(table_lock);
          table[p * 10 + i] = i;
        }
        box.put(p * 10 + i);
      }
      finished.count_down();
    });
  }
  boost::promise<int> total;
  boost::future<int> result = total.get_future();
  boost::thread consumer([&] {
    int sum = 0, v = 0;
    while (box.take(v)) {
      boost::shared_lock<boost::shared_mutex> r(table_lock);
      sum += table.at(v);
    }
    total.set_value(sum);
  });
  boost::call_once(config_once, load_config);
  ready.wait();
  finished.wait();
  producers.join_all();
  box.close();
  if (result.get() != 2) std::abort();
  consumer.join();
  if (config->at("workers") != 2) std::abort();
  delete config;
  return 0;
}
