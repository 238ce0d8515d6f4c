// Boost.Log's asynchronous sinks (Debian's libboost-log-dev 1.74) inside an
// execution of weft exec: the records their queue hands from the logging
// threads to the sink's feeding thread.
//
// An asynchronous_sink's record queue (boost::log::aux::threadsafe_queue,
// a template in the program) keeps its links in an implementation that
// libboost_log makes (threadsafe_queue_impl::create): a lock-free queue
// whose push and try_pop order the nodes with atomics inside the library.
// The node and the record in it are built by the logging thread in the
// program's code and taken apart by the feeding thread, which runs the
// program's backend: every correct program with an asynchronous sink was a
// false data race between a record's construction and its consumption (at
// the first execution). So create is defined here: it wraps the library's
// queue in one of weft's with the same interface (the virtual functions the
// template calls, in the same order), whose push releases into a clock kept at the queue
// before the library's push, and whose try_pop, when it took a node,
// acquires from it. A pop comes after every push before it, even one whose
// node it did not take: that can hide a race between two records' writers
// and the consumer, never invent one.
//
// Only Boost 1.74's layout (its inline namespace v2_mt_posix) is followed;
// outside an execution the wrapper only forwards.
#include <cstddef>
#include <new>

#include "address_objects.hpp"
#include "interpose.hpp"

namespace weft::detail::instrument {
namespace {

/// Boost.Log's queue interface (threadsafe_queue_impl in
/// boost/log/detail/threadsafe_queue.hpp), under a name of weft's: its
/// virtual functions in Boost's order, which is the vtable the program's
/// template calls through, for the library's queue and for weft's alike.
class boost_log_queue {
 public:
  struct node_base;
  virtual ~boost_log_queue() = default;
  virtual node_base* reset_last_node() = 0;
  virtual bool unsafe_empty() = 0;
  virtual void push(node_base* p) = 0;
  virtual bool try_pop(node_base*& node_to_free, node_base*& node_with_value) = 0;

 protected:
  boost_log_queue() = default;
  boost_log_queue(const boost_log_queue&) = default;
  boost_log_queue& operator=(const boost_log_queue&) = default;
};

/// Boost.Log's queue behind weft's: every call forwards, push releases and
/// a successful try_pop acquires.
class followed_log_queue final : public boost_log_queue {
 public:
  explicit followed_log_queue(boost_log_queue* library) : library_(library) {}
  ~followed_log_queue() override { delete library_; }
  followed_log_queue(const followed_log_queue&) = delete;
  followed_log_queue& operator=(const followed_log_queue&) = delete;

  node_base* reset_last_node() override { return library_->reset_last_node(); }
  bool unsafe_empty() override { return library_->unsafe_empty(); }
  void push(node_base* p) override {
    release_at(this);
    library_->push(p);
  }
  bool try_pop(node_base*& node_to_free, node_base*& node_with_value) override {
    const bool taken = library_->try_pop(node_to_free, node_with_value);
    if (taken) acquire_at(this);
    return taken;
  }

 private:
  boost_log_queue* library_;
};

}  // namespace
}  // namespace weft::detail::instrument

using namespace weft::detail::instrument;

// create's first node and queue by address (the types are the library's).
#define WEFT_BOOST_LOG_QUEUE_CREATE "_ZN5boost3log11v2_mt_posix3aux21threadsafe_queue_impl6createEPNS3_9node_baseE"
WEFT_SYMBOL_ENTRY(void*, weft_boost_log_queue_create, WEFT_BOOST_LOG_QUEUE_CREATE, void* first_node) {
  void* const library =
      WEFT_REAL_SYMBOL(void*(void*), WEFT_BOOST_LOG_QUEUE_CREATE, "libboost_log.so.1.74.0")(first_node);
  if (library == nullptr) return nullptr;
  boost_log_queue* const followed = new (std::nothrow) followed_log_queue(static_cast<boost_log_queue*>(library));
  return followed != nullptr ? static_cast<void*>(followed) : library;
}
