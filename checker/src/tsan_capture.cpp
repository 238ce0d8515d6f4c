// tsan_capture.cpp — the ThreadSanitizer report hook of a stress child. In a
// TSan build the runtime calls __tsan_on_report for every report; we read it
// through the runtime's debugging API (__tsan_get_report_*), symbolize its PCs
// with __sanitizer_symbolize_pc, and write it as a text record to the TSan
// pipe; the parent turns records into findings (tsan_report.cpp).
//
// The hook runs inside the runtime's report, with its internal locks held: any
// instrumented code (a function entry, a memory access, malloc) may need those
// locks and deadlock. So everything here is compiled without instrumentation
// (disable_sanitizer_instrumentation), uses no heap, no libstdc++ and no
// intercepted libc call, and writes with the raw write system call.
//
// Record format, one field separator \x1f, one item per line:
//   R <description> <iteration>        the report
//   M <tid> <write> <atomic> <size> <addr>   a racing access; its frames follow
//   X <mutex id> <addr>                a mutex
//   S                                  a stack (lock acquisitions); its frames follow
//   L <type> <size> <tid>              where the memory lives; its frames follow
//   F <file> <line> <function>         a frame, innermost first, inlined frames included
//   E                                  end of record
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
void tsan_capture_begin(int) noexcept {}
}  // namespace weft::stress_detail

#else

#include <sys/syscall.h>
#include <unistd.h>

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

#define WEFT_UNINSTRUMENTED __attribute__((disable_sanitizer_instrumentation))

namespace weft::stress_detail {
namespace {

int tsan_fd = -1;  // set before the child starts threads, read-only afterwards

constexpr int max_pcs = 24;  // per stack, inlined frames counted; small: zeroing it needs no memset call

/// The record being written. Reports are serialised by the runtime, so one
/// static buffer suffices. `reserve` bytes stay free for the end marker.
struct record {
  static constexpr unsigned long reserve = 4;
  char text[1 << 15];
  unsigned long size;
  bool full;
};
record rec;

WEFT_UNINSTRUMENTED bool room() {
  if (rec.size + record::reserve >= sizeof rec.text) rec.full = true;
  return !rec.full;
}

WEFT_UNINSTRUMENTED void put_char(char c) {
  if (room()) rec.text[rec.size++] = c;
}

/// At most `limit` characters of s; newlines become spaces.
WEFT_UNINSTRUMENTED void put(const char* s, unsigned long limit = 400) {
  if (s == nullptr) s = "";
  for (unsigned long n = 0; *s != '\0' && n < limit; ++s, ++n) put_char(*s == '\n' ? ' ' : *s);
}

WEFT_UNINSTRUMENTED void put_field() { put_char('\x1f'); }
WEFT_UNINSTRUMENTED void end_line() { put_char('\n'); }

WEFT_UNINSTRUMENTED void put_number(unsigned long long v, unsigned base) {
  char digits[24];
  int n = 0;
  do {
    const unsigned d = static_cast<unsigned>(v % base);
    digits[n++] = static_cast<char>(d < 10 ? '0' + d : 'a' + d - 10);
    v /= base;
  } while (v != 0 && n < 24);
  if (base == 16) put("0x");
  while (n > 0) put_char(digits[--n]);
}

WEFT_UNINSTRUMENTED void put_signed(long long v) {
  if (v < 0) {
    put_char('-');
    put_number(static_cast<unsigned long long>(-(v + 1)) + 1, 10);
  } else {
    put_number(static_cast<unsigned long long>(v), 10);
  }
}

/// One F line per frame of pc, inlined frames first.
WEFT_UNINSTRUMENTED void put_frames_of(void* pc) {
  char out[4096];
  out[0] = '\0';
  out[1] = '\0';
  __sanitizer_symbolize_pc(pc, "F\x1f%s\x1f%l\x1f%f", out, sizeof out);
  // The symbolizer ends each frame with \0 and the list with an empty frame.
  const char* p = out;
  while (*p != '\0' && p < out + sizeof out) {
    put(p);
    end_line();
    while (*p != '\0') ++p;
    ++p;
  }
}

/// The runtime lists a PC once per inlined frame; the symbolizer gives all of
/// them for one PC, so each distinct PC is symbolized once.
WEFT_UNINSTRUMENTED void put_stack(void* const* pcs) {
  for (int i = 0; i < max_pcs && pcs[i] != nullptr && !rec.full; ++i) {
    if (i > 0 && pcs[i] == pcs[i - 1]) continue;
    put_frames_of(pcs[i]);
  }
}

WEFT_UNINSTRUMENTED void clear(void** pcs) {
  for (int i = 0; i < max_pcs; ++i) pcs[i] = nullptr;
}

WEFT_UNINSTRUMENTED void put_mops(void* report, int count) {
  for (int i = 0; i < count; ++i) {
    int tid = 0, size = 0, write = 0, atomic = 0;
    void* addr = nullptr;
    void* pcs[max_pcs];
    clear(pcs);
    __tsan_get_report_mop(report, static_cast<unsigned long>(i), &tid, &addr, &size, &write, &atomic, pcs,
                          max_pcs);
    put("M");
    put_field();
    put_signed(tid);
    put_field();
    put_signed(write);
    put_field();
    put_signed(atomic);
    put_field();
    put_signed(size);
    put_field();
    put_number(reinterpret_cast<unsigned long>(addr), 16);
    end_line();
    put_stack(pcs);
  }
}

WEFT_UNINSTRUMENTED void put_mutexes(void* report, int count) {
  for (int i = 0; i < count; ++i) {
    unsigned long id = 0;
    void* addr = nullptr;
    int destroyed = 0;
    void* pcs[max_pcs];
    clear(pcs);
    __tsan_get_report_mutex(report, static_cast<unsigned long>(i), &id, &addr, &destroyed, pcs, max_pcs);
    put("X");
    put_field();
    put_number(id, 10);
    put_field();
    put_number(reinterpret_cast<unsigned long>(addr), 16);
    end_line();
  }
}

WEFT_UNINSTRUMENTED void put_stacks(void* report, int count) {
  for (int i = 0; i < count; ++i) {
    void* pcs[max_pcs];
    clear(pcs);
    if (__tsan_get_report_stack(report, static_cast<unsigned long>(i), pcs, max_pcs) == 0) continue;
    put("S");
    end_line();
    put_stack(pcs);
  }
}

WEFT_UNINSTRUMENTED void put_locations(void* report, int count) {
  for (int i = 0; i < count; ++i) {
    const char* type = nullptr;
    void* addr = nullptr;
    unsigned long start = 0, size = 0;
    int tid = 0, fd = 0, suppressable = 0;
    void* pcs[max_pcs];
    clear(pcs);
    __tsan_get_report_loc(report, static_cast<unsigned long>(i), &type, &addr, &start, &size, &tid, &fd,
                          &suppressable, pcs, max_pcs);
    put("L");
    put_field();
    put(type);
    put_field();
    put_number(size, 10);
    put_field();
    put_signed(tid);
    end_line();
    put_stack(pcs);
  }
}

WEFT_UNINSTRUMENTED void send_record() {
  // The reserve holds a newline ending a cut line, and the end marker.
  if (rec.size > 0 && rec.text[rec.size - 1] != '\n') rec.text[rec.size++] = '\n';
  rec.text[rec.size++] = 'E';
  rec.text[rec.size++] = '\n';
  const char* p = rec.text;
  unsigned long left = rec.size;
  while (left > 0) {
    const long n = ::syscall(SYS_write, tsan_fd, p, left);
    if (n <= 0) return;  // EINTR is unlikely here; the parent copes with a cut record
    p += n;
    left -= static_cast<unsigned long>(n);
  }
}

WEFT_UNINSTRUMENTED void capture(void* report) {
  rec.size = 0;
  rec.full = false;
  const char* description = nullptr;
  int count = 0, stacks = 0, mops = 0, locs = 0, mutexes = 0, threads = 0, unique_tids = 0;
  void* sleep[max_pcs];
  clear(sleep);
  __tsan_get_report_data(report, &description, &count, &stacks, &mops, &locs, &mutexes, &threads,
                         &unique_tids, sleep, max_pcs);
  put("R");
  put_field();
  put(description != nullptr ? description : "unknown");
  put_field();
  put_number(current_iteration.load(std::memory_order_relaxed), 10);
  end_line();
  put_mops(report, mops);
  put_mutexes(report, mutexes);
  put_stacks(report, stacks);
  put_locations(report, locs);
  send_record();
}

}  // namespace

bool tsan_build() noexcept { return true; }
void tsan_capture_begin(int fd) noexcept { tsan_fd = fd; }

}  // namespace weft::stress_detail

extern "C" WEFT_UNINSTRUMENTED void __tsan_on_report(void* report) {
  if (weft::stress_detail::tsan_fd >= 0) weft::stress_detail::capture(report);
}

#endif
