// stress_internal.hpp — private pieces of the stress leg shared by its sources:
// the child->parent wire (one JSON object per line over a pipe), the child's
// iteration loop, and the ThreadSanitizer report capture.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "weft/registry.hpp"
#include "weft/result.hpp"
#include "weft/stress.hpp"

namespace weft::stress_detail {

// ---- wire (stress_wire.cpp) ----------------------------------------------

/// The child's end of the pipe; -1 outside a stress child. Set before the
/// child starts any thread, read-only afterwards.
void set_channel(int fd) noexcept;
/// Writes one line (a message from encode_*) with a single write(). Lines are
/// at most PIPE_BUF bytes, so lines of several threads never interleave.
void send_line(const std::string& line) noexcept;

std::string encode_finding(const finding& f);     // trimmed to fit one line
std::string encode_progress(std::uint64_t done);  // `done` iterations finished
std::string encode_done(std::uint64_t executions);

struct message {
  enum class type { finding, progress, done } kind = type::progress;
  finding f;                    // type::finding
  std::uint64_t count = 0;      // type::progress / type::done
};
/// Parses one line; nullopt when it is not a message.
std::optional<message> decode(std::string_view line);

// ---- child (stress_child.cpp) --------------------------------------------

/// The iteration the child is running (read by the TSan hook on any thread).
extern std::atomic<std::uint64_t> current_iteration;

/// The child's whole life: runs the iterations, reports over `fd` (and TSan
/// reports over `tsan_fd`), then _exit(0).
[[noreturn]] void run_child(const scenario& s, const stress_options& opts, int fd, int tsan_fd) noexcept;

// ---- ThreadSanitizer capture (tsan_capture.cpp) ---------------------------

/// True when weft_checker was compiled with -fsanitize=thread.
bool tsan_build() noexcept;
/// Child: from now on every TSan report is written as a record to `fd` (no-op
/// outside a TSan build).
void tsan_capture_begin(int fd) noexcept;

// ---- ThreadSanitizer records (tsan_report.cpp) -----------------------------

/// Parent: the finding a record of the child's report hook describes (the
/// record without its final "E" line); nullopt when it is not a record.
std::optional<finding> finding_from_tsan_record(std::string_view record);

}  // namespace weft::stress_detail
