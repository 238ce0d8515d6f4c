// Boost.Thread, correct use of its less common parts: boost::async with a
// .then() continuation, a sync_bounded_queue of two slots between two
// strict_scoped_threads (the consumer stops when the producer closes it),
// a recursive_mutex taken twice, an upgrade_lock raised to unique, a
// timed_mutex's try_lock_for on two threads, and a sleeping thread ended by
// interrupt() (its sleep_for is an interruption point).
// weft-exec-expect: clean
#define BOOST_THREAD_VERSION 5
#include <boost/thread.hpp>
#include <boost/thread/concurrent_queues/sync_bounded_queue.hpp>
#include <boost/thread/concurrent_queues/sync_queue.hpp>
#include <boost/thread/future.hpp>
#include <boost/thread/recursive_mutex.hpp>
#include <boost/thread/scoped_thread.hpp>
#include <cstdlib>
#include <vector>
int main() {
  boost::sync_bounded_queue<int> q(2);
  boost::recursive_mutex rm;
  boost::timed_mutex tm;
  boost::shared_mutex sm;
  int shared_total = 0;
  int guarded = 0;
  auto f = boost::async(boost::launch::async, [] { return 21; });
  auto g = f.then([](boost::future<int> r) { return r.get() * 2; });
  {
    boost::strict_scoped_thread<> producer([&] {
      for (int i = 1; i <= 4; ++i) q.push(i);
      q.close();
    });
    boost::strict_scoped_thread<> consumer([&] {
      int v;
      while (true) {
        try {
          q.pull(v);
        } catch (const boost::sync_queue_is_closed&) {
          break;
        }
        boost::lock_guard<boost::recursive_mutex> a(rm);
        boost::lock_guard<boost::recursive_mutex> b(rm);
        shared_total += v;
      }
    });
    boost::thread upgrader([&] {
      boost::upgrade_lock<boost::shared_mutex> u(sm);
      if (guarded == 0) {
        boost::upgrade_to_unique_lock<boost::shared_mutex> w(u);
        guarded = 1;
      }
    });
    boost::thread timed([&] {
      if (tm.try_lock_for(boost::chrono::milliseconds(5))) {
        boost::this_thread::sleep_for(boost::chrono::milliseconds(1));
        tm.unlock();
      }
    });
    {
      boost::shared_lock<boost::shared_mutex> r(sm);
      (void)guarded;
    }
    if (tm.try_lock_for(boost::chrono::milliseconds(5))) tm.unlock();
    upgrader.join();
    timed.join();
  }
  if (shared_total != 10 || guarded != 1 || g.get() != 42) std::abort();
  boost::thread sleeper([] {
    try {
      for (;;) boost::this_thread::sleep_for(boost::chrono::milliseconds(10));
    } catch (const boost::thread_interrupted&) {
    }
  });
  sleeper.interrupt();
  sleeper.join();
  return 0;
}
