// weft/models/pipe.hpp — an OS pipe between "processes" (threads here): a byte
// queue whose reader sees EOF only once every writer end is closed. Forking
// duplicates the ends a process holds; each copy must be closed.
#pragma once

#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>

namespace weft::models {

/// A pipe with reference-counted writer ends (read end is single).
template <class Sync>
class os_pipe {
 public:
  /// A fresh pipe: one writer end, held by its creator.
  os_pipe() = default;

  /// fork(): the child inherits a copy of the writer end.
  void dup_writer() {
    std::lock_guard lock(mutex_);
    writers_.store(writers_.load() + 1);
  }
  void close_writer() {
    std::lock_guard lock(mutex_);
    writers_.store(writers_.load() - 1);
    if (writers_.load() == 0) readable_.notify_all();  // EOF
  }
  void write(std::string_view bytes) {
    std::lock_guard lock(mutex_);
    bytes_.write().insert(bytes_.write().end(), bytes.begin(), bytes.end());
    readable_.notify_all();
  }
  /// read(max): blocks until a byte is there or every writer end is closed;
  /// an empty string is EOF.
  std::string read(std::size_t max) {
    std::unique_lock lock(mutex_);
    while (bytes_.read().empty() && writers_.load() > 0) readable_.wait(lock);
    std::string out;
    auto& q = bytes_.write();
    while (!q.empty() && out.size() < max) {
      out.push_back(q.front());
      q.pop_front();
    }
    return out;
  }

 private:
  typename Sync::mutex mutex_;
  typename Sync::condition_variable readable_;
  typename Sync::template var<std::deque<char>> bytes_;
  typename Sync::template var<int> writers_{1};
};

/// BUG (000 §3.2 "使用Pipe管道"): the parent creates the pipe, starts a
/// sender and a receiver process, and never closes its own copy of the
/// sender's end. The sender sends its messages and closes its copy; the
/// receiver reads until EOFError — which never comes while the parent's copy
/// is open, and the parent is itself blocked joining the receiver.
template <class Sync>
class pipe_sender_receiver {
 public:
  /// Pipe() in the parent, then Process(target=sender, args=(child_conn,)).start().
  pipe_sender_receiver() { pipe_.dup_writer(); }

  /// The sender process: send every message, then close its end.
  template <class Messages>
  void sender(const Messages& messages) {
    for (const auto& m : messages) pipe_.write(m);
    pipe_.close_writer();
  }
  /// The receiver process: read until EOF; returns everything received.
  std::string receiver() {
    std::string received;
    for (;;) {
      const std::string chunk = pipe_.read(64);
      if (chunk.empty()) break;  // EOFError
      received += chunk;
    }
    return received;
  }
  // BUG: no parent_close_child_end() is ever called; the seed's parent keeps child_conn open.

 private:
  os_pipe<Sync> pipe_;
};

}  // namespace weft::models
