// weft/models/list.hpp — 002's ThreadSafeList: every list operation is sent
// through a queue to one processor thread, the only one that touches the
// data — but the size counter is updated by the calling threads.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <vector>

#include "weft/models/py_queue.hpp"

namespace weft::models {

/// BUG (002 §5.2.04 "a.使用Queue实现的线程安全列表", ThreadSafeList, L6783):
/// append/insert/remove/pop queue an operation for the processor thread and
/// then do `self.size += 1` (or -= 1) themselves: an unsynchronised
/// read-modify-write from every client thread (a data race, and lost updates
/// so that length() disagrees with the data). Items are numbers here.
/// The seed's processor is a daemon thread that polls forever; stop() (not in
/// the seed) queues an operation that ends it so a scenario can join it.
template <class Sync>
class queue_backed_list {
 public:
  using reply_queue = py_queue<Sync, std::vector<long>>;

  void append(long item) {
    queue_.put({op::append, item, 0, nullptr});
    size_.store(size_.load() + 1);  // BUG: outside the serialising thread
  }
  void insert(long index, long item) {
    queue_.put({op::insert, item, index, nullptr});
    size_.store(size_.load() + 1);
  }
  void remove(long item) {
    queue_.put({op::remove, item, 0, nullptr});
    if (size_.load() > 0) size_.store(size_.load() - 1);
  }
  std::optional<long> pop(long index = -1) {
    auto reply = std::make_shared<reply_queue>();
    queue_.put({op::pop, 0, index, reply});
    if (size_.load() > 0) size_.store(size_.load() - 1);
    const std::vector<long> result = reply->get();
    if (result.empty()) return std::nullopt;
    return result.front();
  }
  std::optional<long> get_item(long index) {
    auto reply = std::make_shared<reply_queue>();
    queue_.put({op::get, 0, index, reply});
    const std::vector<long> result = reply->get();
    if (result.empty()) return std::nullopt;
    return result.front();
  }
  std::vector<long> get_all() {
    auto reply = std::make_shared<reply_queue>();
    queue_.put({op::get_all, 0, 0, reply});
    return reply->get();
  }
  long length() const { return size_.load(); }

  /// _process_operations: the processor thread's loop (get with a 0.1 s timeout).
  void process_operations() {
    std::vector<long> data;
    for (;;) {
      std::optional<operation> o = queue_.get_for(std::chrono::milliseconds(100));
      if (!o) continue;  // queue.Empty
      switch (o->kind) {
        case op::append:
          data.push_back(o->item);
          break;
        case op::insert:
          data.insert(data.begin() + clamp_insert(o->index, data.size()), o->item);
          break;
        case op::remove:
          for (auto it = data.begin(); it != data.end(); ++it) {
            if (*it == o->item) {
              data.erase(it);
              break;
            }
          }
          break;
        case op::pop:
          if (data.empty()) {
            o->reply->put({});
          } else {
            const std::size_t at = o->index < 0 ? data.size() - 1 : static_cast<std::size_t>(o->index);
            const long item = data.at(at);
            data.erase(data.begin() + static_cast<std::ptrdiff_t>(at));
            o->reply->put({item});
          }
          break;
        case op::get:
          if (o->index >= 0 && static_cast<std::size_t>(o->index) < data.size()) {
            o->reply->put({data[static_cast<std::size_t>(o->index)]});
          } else {
            o->reply->put({});
          }
          break;
        case op::get_all:
          o->reply->put(data);
          break;
        case op::stop:
          queue_.task_done();
          return;
      }
      queue_.task_done();
    }
  }
  /// Not in the seed: ends process_operations() once the queued operations ran.
  void stop() { queue_.put({op::stop, 0, 0, nullptr}); }

 private:
  enum class op { append, insert, remove, pop, get, get_all, stop };
  struct operation {
    op kind;
    long item;
    long index;
    std::shared_ptr<reply_queue> reply;
  };
  // list.insert(index, item) clamps the index into [0, len].
  static std::ptrdiff_t clamp_insert(long index, std::size_t size) {
    const auto n = static_cast<long>(size);
    if (index < 0) index += n;
    if (index < 0) index = 0;
    if (index > n) index = n;
    return index;
  }

  py_queue<Sync, operation> queue_;
  typename Sync::template var<long> size_{0};
};

}  // namespace weft::models
