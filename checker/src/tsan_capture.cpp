// tsan_capture.cpp — ThreadSanitizer reports as weft findings. In a TSan build
// the runtime calls __tsan_on_report for every report; we read the report
// through the runtime's debugging API (__tsan_get_report_*), symbolize its
// PCs with __sanitizer_symbolize_pc and send one finding per report to the
// stress parent. Outside a TSan build this file only says so.
#include "stress_internal.hpp"

#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define WEFT_TSAN_BUILD 1
#endif
#endif
#if defined(__SANITIZE_THREAD__) && !defined(WEFT_TSAN_BUILD)
#define WEFT_TSAN_BUILD 1
#endif

#ifndef WEFT_TSAN_BUILD

namespace weft::stress_detail {
bool tsan_build() noexcept { return false; }
void tsan_capture_begin() noexcept {}
}  // namespace weft::stress_detail

#else

#include <array>
#include <cstring>
#include <string>
#include <vector>

// The runtime's report hook and debugging API (compiler-rt tsan_debugging.cpp,
// sanitizer_stacktrace_libcdep.cpp); uptr is unsigned long on our targets.
extern "C" {
void __tsan_on_report(void* report);
int __tsan_get_report_data(void* report, const char** description, int* count, int* stack_count,
                           int* mop_count, int* loc_count, int* mutex_count, int* thread_count,
                           int* unique_tid_count, void** sleep_trace, unsigned long trace_size);
int __tsan_get_report_stack(void* report, unsigned long idx, void** trace, unsigned long trace_size);
int __tsan_get_report_mop(void* report, unsigned long idx, int* tid, void** addr, int* size, int* write,
                          int* atomic, void** trace, unsigned long trace_size);
int __tsan_get_report_loc(void* report, unsigned long idx, const char** type, void** addr,
                          unsigned long* start, unsigned long* size, int* tid, int* fd, int* suppressable,
                          void** trace, unsigned long trace_size);
int __tsan_get_report_mutex(void* report, unsigned long idx, unsigned long* mutex_id, void** addr,
                            int* destroyed, void** trace, unsigned long trace_size);
void __sanitizer_symbolize_pc(void* pc, const char* fmt, char* out_buf, unsigned long out_buf_size);
}

namespace weft::stress_detail {
namespace {

bool capturing = false;  // set before the child starts threads, read-only afterwards

constexpr std::size_t max_frames = 32;
constexpr std::size_t shown_frames = 8;
using trace_buffer = std::array<void*, max_frames>;

/// Inlined frames come first, innermost first, as the symbolizer lists them.
std::vector<source_location> symbolize(void* pc) {
  std::array<char, 4096> out{};
  // Fields separated by \x1f; the symbolizer ends each (inlined) frame with \0.
  __sanitizer_symbolize_pc(pc, "%s\x1f%l\x1f%f", out.data(), out.size());
  std::vector<source_location> frames;
  for (const char* p = out.data(); *p != '\0' && p < out.data() + out.size(); p += std::strlen(p) + 1) {
    const std::string text(p);
    const auto a = text.find('\x1f');
    const auto b = a == std::string::npos ? a : text.find('\x1f', a + 1);
    if (b == std::string::npos) continue;
    source_location l;
    l.file = text.substr(0, a);
    if (l.file == "<null>") l.file.clear();
    l.line = static_cast<std::uint32_t>(std::strtoul(text.c_str() + a + 1, nullptr, 10));
    l.function = text.substr(b + 1);
    if (l.function == "<null>") l.function.clear();
    frames.push_back(std::move(l));
  }
  return frames;
}

std::vector<source_location> symbolize(const trace_buffer& trace) {
  std::vector<source_location> frames;
  for (void* pc : trace) {
    if (pc == nullptr) break;
    for (auto& f : symbolize(pc)) frames.push_back(std::move(f));
  }
  return frames;
}

/// Frames of the runtime, of weft's noisy wrappers and of the standard
/// library are not where the user's bug is.
bool internal_frame(const source_location& l) {
  static constexpr const char* markers[] = {"compiler-rt/", "sanitizer_common", "/tsan/",
                                            "noisy_std_sync.hpp", "/include/c++/", "/usr/include/"};
  if (l.file.empty()) return true;
  for (const char* m : markers)
    if (l.file.find(m) != std::string::npos) return true;
  return false;
}

/// The frame a report should point at: the first one in the user's code.
const source_location* relevant_frame(const std::vector<source_location>& frames) {
  for (const auto& f : frames)
    if (!internal_frame(f)) return &f;
  for (const auto& f : frames)
    if (!f.file.empty()) return &f;
  return frames.empty() ? nullptr : &frames.front();
}

std::string short_file(const std::string& file) {
  const auto slash = file.rfind('/');
  return slash == std::string::npos ? file : file.substr(slash + 1);
}

std::string where(const source_location& l) {
  std::string s = short_file(l.file) + ":" + std::to_string(l.line);
  if (!l.function.empty()) s += " (" + l.function + ")";
  return s;
}

std::string hex(const void* p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%p", p);
  return buf;
}

/// A stack: its heading, then up to shown_frames frames, into details; its
/// relevant frame into locations (once).
void add_stack(finding& f, const std::string& heading, const std::vector<source_location>& frames) {
  f.details.push_back(heading);
  for (std::size_t k = 0; k < frames.size() && k < shown_frames; ++k)
    f.details.push_back("  #" + std::to_string(k) + " " + where(frames[k]));
  if (const auto* r = relevant_frame(frames)) {
    bool seen = false;
    for (const auto& l : f.locations) seen = seen || l == *r;
    if (!seen) f.locations.push_back(*r);
  }
}

finding_kind kind_of(const std::string& description) {
  if (description == "data-race") return finding_kind::tsan_data_race;
  if (description == "lock-order-inversion") return finding_kind::tsan_lock_order_inversion;
  return finding_kind::tsan_other;
}

/// Data races: the conflicting accesses ("mops").
void read_mops(void* report, int count, finding& f, std::string& summary) {
  for (int i = 0; i < count; ++i) {
    int tid = 0, size = 0, write = 0, atomic = 0;
    void* addr = nullptr;
    trace_buffer trace{};
    __tsan_get_report_mop(report, static_cast<unsigned long>(i), &tid, &addr, &size, &write, &atomic,
                          trace.data(), trace.size());
    const std::string access = std::string(atomic ? "atomic " : "") + (write ? "write" : "read") + " of size " +
                               std::to_string(size);
    const auto frames = symbolize(trace);
    add_stack(f, (i == 0 ? "" : "previous ") + access + " at " + hex(addr) + " by thread T" + std::to_string(tid) + ":",
              frames);
    if (i < 2) {
      summary += (i == 0 ? ": " : " vs ") + access;
      if (const auto* r = relevant_frame(frames)) summary += " at " + where(*r);
    }
  }
}

/// Lock-order inversions and mutex misuse: the mutexes, and where they were taken.
void read_mutexes_and_stacks(void* report, int mutexes, int stacks, finding& f, std::string& summary) {
  for (int i = 0; i < mutexes; ++i) {
    unsigned long id = 0;
    void* addr = nullptr;
    int destroyed = 0;
    trace_buffer trace{};
    __tsan_get_report_mutex(report, static_cast<unsigned long>(i), &id, &addr, &destroyed, trace.data(),
                            trace.size());
    f.details.push_back("mutex M" + std::to_string(id) + " at " + hex(addr) + (destroyed ? " (destroyed)" : ""));
  }
  if (mutexes > 0) summary += ": a cycle of " + std::to_string(mutexes) + " mutexes";
  for (int i = 0; i < stacks; ++i) {
    trace_buffer trace{};
    if (__tsan_get_report_stack(report, static_cast<unsigned long>(i), trace.data(), trace.size()) == 0) continue;
    const auto frames = symbolize(trace);
    add_stack(f, "stack " + std::to_string(i) + ":", frames);
    if (i < 2) {
      if (const auto* r = relevant_frame(frames)) summary += (i == 0 ? ", taken at " : " and ") + where(*r);
    }
  }
}

/// Where the raced-on memory lives (heap block, global, stack).
void read_locations(void* report, int count, finding& f) {
  for (int i = 0; i < count; ++i) {
    const char* type = nullptr;
    void* addr = nullptr;
    unsigned long start = 0, size = 0;
    int tid = 0, fd = 0, suppressable = 0;
    trace_buffer trace{};
    __tsan_get_report_loc(report, static_cast<unsigned long>(i), &type, &addr, &start, &size, &tid, &fd,
                          &suppressable, trace.data(), trace.size());
    const std::string what = std::string("location: ") + (type ? type : "?") +
                             (size ? " block of size " + std::to_string(size) : std::string()) +
                             (trace[0] ? ", allocated by thread T" + std::to_string(tid) + " at" : "");
    const auto frames = symbolize(trace);
    f.details.push_back(what);
    for (std::size_t k = 0; k < frames.size() && k < 3; ++k)
      f.details.push_back("  #" + std::to_string(k) + " " + where(frames[k]));
  }
}

void capture(void* report) {
  const char* description = nullptr;
  int count = 0, stacks = 0, mops = 0, locs = 0, mutexes = 0, threads = 0, unique_tids = 0;
  trace_buffer sleep{};
  __tsan_get_report_data(report, &description, &count, &stacks, &mops, &locs, &mutexes, &threads, &unique_tids,
                         sleep.data(), sleep.size());
  const std::string what = description ? description : "unknown";
  finding f;
  f.kind = kind_of(what);
  f.engine = "tsan";
  f.iteration = current_iteration.load(std::memory_order_relaxed);
  std::string summary = "ThreadSanitizer: " + what;
  if (mops > 0) {
    read_mops(report, mops, f, summary);
  } else {
    read_mutexes_and_stacks(report, mutexes, stacks, f, summary);
  }
  read_locations(report, locs, f);
  f.message = summary;
  send_line(encode_finding(f));
}

}  // namespace

bool tsan_build() noexcept { return true; }
void tsan_capture_begin() noexcept { capturing = true; }

}  // namespace weft::stress_detail

extern "C" void __tsan_on_report(void* report) {
  if (!weft::stress_detail::capturing) return;
  try {
    weft::stress_detail::capture(report);
  } catch (...) {  // never let an exception into the runtime
  }
}

#endif
