// stress_child.cpp — the forked child of a stress run: runs the scenario's
// stress body iteration after iteration on real threads and tells the parent,
// over the pipe, what went wrong and how far it got.
#include <unistd.h>

#include <exception>
#include <string>

#include "stress_internal.hpp"
#include "weft/assert.hpp"
#include "weft/noisy_std_sync.hpp"

namespace weft::stress_detail {

std::atomic<std::uint64_t> current_iteration{0};

namespace {

std::string describe(const std::exception_ptr& e) {
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& x) {
    return x.what();
  } catch (...) {
    return "an exception not derived from std::exception";
  }
}

void send_exception(const std::exception_ptr& e, const char* where) noexcept {
  try {
    finding f;
    f.kind = finding_kind::uncaught_exception;
    f.source = finding_source::stress;
    f.message = std::string("uncaught exception ") + where + ": " + describe(e);
    f.iteration = current_iteration.load(std::memory_order_relaxed);
    send_line(encode_finding(f));
  } catch (...) {  // out of memory while reporting: nothing more to do
  }
}

void on_thread_exception(std::exception_ptr e) noexcept { send_exception(e, "in a thread"); }

/// The noise seed of iteration i of a run seeded `seed`.
std::uint64_t iteration_seed(std::uint64_t seed, std::uint64_t i) {
  std::uint64_t state = seed ^ (i * 0x9e3779b97f4a7c15ULL);
  return noisy::detail::splitmix64(state);
}

}  // namespace

void run_child(const scenario& s, const stress_options& opts, int fd, int tsan_fd) noexcept {
  set_channel(fd);
  (void)detail::take_outside_failures();  // inherited from the parent through fork
  noisy::detail::on_thread_exception.store(&on_thread_exception, std::memory_order_relaxed);
  tsan_capture_begin(tsan_fd);

  std::uint64_t i = 0;
  for (; i < opts.iterations; ++i) {
    current_iteration.store(i, std::memory_order_relaxed);
    noisy_std_sync::seed(iteration_seed(opts.seed, i));
    try {
      s.stress();
    } catch (...) {
      send_exception(std::current_exception(), "from the scenario body");
    }
    try {
      for (auto& f : detail::take_outside_failures()) {
        f.iteration = i;
        send_line(encode_finding(f));
      }
      send_line(encode_progress(i + 1));
    } catch (...) {  // out of memory: the parent sees the child stop early
      break;
    }
  }
  try {
    send_line(encode_done(i));
  } catch (...) {
  }
  ::_exit(0);  // no atexit handlers, no sanitizer exit code: the parent judges
}

}  // namespace weft::stress_detail
