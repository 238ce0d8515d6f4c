// stdio's reads and writes, inside an execution of weft exec.
//
// fgets, fread, getline and their kin fill a FILE's buffer with libc's own
// read, which the interposed read() never sees: a thread that fgets a pipe
// before the thread writing it ran blocked the one OS thread every logical
// thread runs on, and a correct program ended in a "hang" finding. So each
// of them is done here one buffer fill at a time: when the FILE's buffer is
// empty, the thread first waits the weft way until the descriptor has input
// (io_interpose.cpp), and the real call that fills the buffer then reads
// what is there without blocking. A successful read acquires what writes to
// descriptors released, as read() does. glibc's FILE is read for its buffer
// (_IO_read_ptr, _IO_read_end); the FILE's lock is never held while another
// logical thread runs (it would be the same OS thread's lock to glibc).
//
// stdio's writes reach the kernel through libc's own write too, so what a
// thread fprintf'd to a pipe was not ordered before what the reader did
// with it: a correct hand-over was reported as a race. An output call to a
// stream on a pipe or a socket (fputc, putc, fputs, fwrite, fprintf,
// vfprintf, dprintf, vdprintf, fflush, fclose) releases, once it has
// returned, as write() does: whatever bytes it sent to the kernel, it sent
// during the call, and no other logical thread ran meanwhile. Streams on
// files and terminals, and the standard output and error, release nothing
// (a program's logging would otherwise order every thread that prints
// before every thread that reads a descriptor).
//
// The scanf family (fscanf, scanf, vfscanf, vscanf, by C89's names and by
// the C99 ones programs link to) reads the same way: the real vfscanf
// parses a stream of weft's own (fopencookie) that takes the FILE's bytes
// one at a time as fgetc does here, waiting the weft way whenever the
// FILE's buffer must be filled. What scanf read ahead and gave back unread
// (ungetc) goes back to the FILE, which is left at its end or in error as
// the real call would leave it.
//
// Every function here is a weak definition: a program that defines its own
// getline or dprintf (K&R's getline, a debug dprintf) links, and keeps its own.
//
// Not followed: wide-character reads and writes (fwscanf and its kin too),
// getc_unlocked and putc_unlocked inlined by the compiler.
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

#include "address_objects.hpp"
#include "descriptors.hpp"
#include "interpose.hpp"

extern "C" {
// C99's scanf (%a a float, not C89's allocation): the symbols stdio.h gives
// fscanf and its kin in C from C99 and C++ from C++11, so programs call these.
int __isoc99_fscanf(FILE* f, const char* format, ...);
int __isoc99_scanf(const char* format, ...);
int __isoc99_vfscanf(FILE* f, const char* format, va_list arguments);
int __isoc99_vscanf(const char* format, va_list arguments);
// C89's, by their symbols (C++98 programs call them): here stdio.h gives
// the names fscanf and its kin C99's symbols.
int c89_fscanf(FILE* f, const char* format, ...) __asm__("fscanf");
int c89_scanf(const char* format, ...) __asm__("scanf");
int c89_vfscanf(FILE* f, const char* format, va_list arguments) __asm__("vfscanf");
int c89_vscanf(const char* format, va_list arguments) __asm__("vscanf");
}

namespace weft::detail::instrument {
namespace {

WEFT_REAL(fgetc);
WEFT_REAL(fgets);
WEFT_REAL(fread);
WEFT_REAL(getdelim);
WEFT_REAL(fputc);
WEFT_REAL(putc);
WEFT_REAL(fputs);
WEFT_REAL(fwrite);
WEFT_REAL(vfprintf);
WEFT_REAL(vdprintf);
WEFT_REAL(fflush);
WEFT_REAL(fclose);
WEFT_REAL(vfscanf);  // by its symbol, C89's (stdio.h redirects the C++ name to C99's)
WEFT_REAL(__isoc99_vfscanf);

/// Bytes in `f`'s buffer, read from the kernel and not yet taken.
std::size_t buffered(FILE* f) {
  return f->_IO_read_ptr < f->_IO_read_end ? static_cast<std::size_t>(f->_IO_read_end - f->_IO_read_ptr) : 0;
}

/// glibc's flag of a FILE not open for reading (libio.h's _IO_NO_READS, not
/// in the installed headers).
constexpr int file_no_reads = 0x0004;

/// The next byte of `f` (EOF at its end or on an error), waiting the weft
/// way first when it must come from the kernel: not from its buffer, and
/// not when glibc answers EOF at once (a FILE not open for reading, or one
/// at its end: glibc's end is sticky). The wait is a cancellation point, as
/// the read() glibc's fill makes is, unless `cancellation` says no (inside
/// scanf's parse of weft's own one-byte stream, which unwinding would leak).
int next_byte(FILE* f, const char* what, const void* pc, bool cancellation = true) {
  if (buffered(f) == 0 && (f->_flags & (file_no_reads | _IO_EOF_SEEN)) == 0) {
    wait_for_input(fileno(f), cancellation, what, pc);
  }
  return real_fgetc(f);
}

/// With `got` bytes taken: a read that took some acquires the descriptors'
/// clock, as read() does.
template <class Result>
Result taken(Result result, bool got) {
  if (got) descriptor_read();
  return result;
}

/// fgetc, getc and getchar: one byte of `f` for a call from `pc`.
int one_byte(FILE* f, const char* what, const void* pc) {
  if (tables() == nullptr) return real_fgetc(f);
  const int c = next_byte(f, what, pc);
  return taken(c, c != EOF);
}

/// What a scanf reads (scan_by_byte): the FILE, one byte at a time.
struct scan_source {
  FILE* from;
  const char* what;
  const void* pc;
  bool taken = false;  // some byte was taken from `from`
  bool ended = false;  // the call returned: no more bytes
};

/// The read of scan_by_byte's stream: the next byte of the FILE, waiting
/// the weft way first when it must come from the kernel; 0 at its end, -1
/// on its error.
ssize_t read_scan_source(void* cookie, char* into, std::size_t size) {
  auto& source = *static_cast<scan_source*>(cookie);
  if (source.ended || size == 0) return 0;
  const int c = next_byte(source.from, source.what, source.pc, false);
  if (c == EOF) return ferror(source.from) ? -1 : 0;
  *into = static_cast<char>(c);
  source.taken = true;
  return 1;
}

/// vfscanf of `f` by `real` (C89's or C99's), inside an execution one byte
/// at a time: the real call parses a stream whose one-byte buffer reads
/// from `f` (read_scan_source); the bytes it gave back unread go back to `f`.
template <class Real>
int scan_by_byte(Real& real, FILE* f, const char* format, va_list arguments, const char* what, const void* pc) {
  // Outside an execution, or on a FILE not open for reading (the real call fails at once, leaving it as it was).
  if (tables() == nullptr || (f->_flags & file_no_reads) != 0) return real(f, format, arguments);
  scan_source source{f, what, pc};
  FILE* bytes = nullptr;
  char buffer[1];  // fully buffered, not unbuffered: an unbuffered read flushes stdout first
  {
    const weft_section weft;  // the stream is weft's own: neither its allocation nor its free is the program's
    bytes = ::fopencookie(&source, "r", cookie_io_functions_t{.read = read_scan_source});
    if (bytes != nullptr) ::setvbuf(bytes, buffer, _IOFBF, sizeof buffer);
  }
  if (bytes == nullptr) return real(f, format, arguments);
  const int result = real(bytes, format, arguments);
  const int error = errno;
  source.ended = true;
  std::string unread;  // scanf's look-ahead, given back: at most a byte or two
  for (int c; (c = real_fgetc(bytes)) != EOF;) unread.push_back(static_cast<char>(c));
  for (auto c = unread.rbegin(); c != unread.rend(); ++c) ::ungetc(static_cast<unsigned char>(*c), f);
  {
    const weft_section weft;
    real_fclose(bytes);
  }
  errno = error;
  return taken(result, source.taken);
}

/// Whether a write to `fd` may be read back by another thread of the
/// program: a pipe or a socket, not the standard output or error.
bool shared_with_readers(int fd) {
  if (fd < 0 || fd == STDOUT_FILENO || fd == STDERR_FILENO) return false;
  struct stat s;
  return ::fstat(fd, &s) == 0 && (S_ISFIFO(s.st_mode) || S_ISSOCK(s.st_mode));
}

/// An output call's result, passed on: the call, returned, releases when
/// it wrote to a stream others may read (`f` null: every stream).
template <class Result>
Result written_to(Result result, FILE* f) {
  if (tables() != nullptr && (f == nullptr || shared_with_readers(fileno(f)))) descriptor_written();
  return result;
}

}  // namespace
}  // namespace weft::detail::instrument

using namespace weft::detail::instrument;

extern "C" {

[[gnu::weak]] int fgetc(FILE* f) { return one_byte(f, "fgetc", WEFT_PC); }

[[gnu::weak]] int getc(FILE* f) { return one_byte(f, "getc", WEFT_PC); }

[[gnu::weak]] int getchar() { return one_byte(stdin, "getchar", WEFT_PC); }

[[gnu::weak]] char* fgets(char* s, int n, FILE* f) {
  if (tables() == nullptr) return real_fgets(s, n, f);
  if (n <= 0) return nullptr;
  int i = 0;
  while (i < n - 1) {
    const int c = next_byte(f, "fgets", WEFT_PC);
    if (c == EOF) break;
    s[i++] = static_cast<char>(c);
    if (c == '\n') break;
  }
  if (i == 0 && n > 1) return nullptr;  // at the end (or an error) before any byte
  s[i] = '\0';
  return taken(s, i > 0);
}

[[gnu::weak]] std::size_t fread(void* into, std::size_t size, std::size_t count, FILE* f) {
  if (tables() == nullptr) return real_fread(into, size, count, f);
  if (size == 0 || count == 0) return 0;
  const std::size_t wanted = size * count;
  auto* out = static_cast<unsigned char*>(into);
  std::size_t got = 0;
  while (got < wanted) {
    if (buffered(f) == 0) {  // one byte fills the buffer, without blocking after the wait
      const int c = next_byte(f, "fread", WEFT_PC);
      if (c == EOF) break;
      out[got++] = static_cast<unsigned char>(c);
      continue;
    }
    const std::size_t chunk = std::min(buffered(f), wanted - got);
    got += real_fread(out + got, 1, chunk, f);  // from the buffer alone
  }
  return taken(got / size, got > 0);
}

[[gnu::weak]] ssize_t getdelim(char** line, std::size_t* capacity, int delimiter, FILE* f) {
  if (tables() == nullptr) return real_getdelim(line, capacity, delimiter, f);
  if (line == nullptr || capacity == nullptr) {
    errno = EINVAL;
    return -1;
  }
  std::size_t length = 0;
  for (;;) {
    const int c = next_byte(f, "getdelim", WEFT_PC);
    if (c == EOF) break;
    if (*line == nullptr || length + 2 > *capacity) {  // room for c and the terminating zero
      const std::size_t bigger = std::max<std::size_t>(120, *capacity * 2);
      char* grown = static_cast<char*>(::realloc(*line, bigger));
      if (grown == nullptr) {
        errno = ENOMEM;
        return -1;
      }
      *line = grown;
      *capacity = bigger;
    }
    (*line)[length++] = static_cast<char>(c);
    if (c == delimiter) break;
  }
  if (length == 0) return -1;  // at the end (or an error) before any byte
  (*line)[length] = '\0';
  return taken(static_cast<ssize_t>(length), true);
}

[[gnu::weak]] ssize_t getline(char** line, std::size_t* capacity, FILE* f) { return getdelim(line, capacity, '\n', f); }

[[gnu::weak]] int c89_vfscanf(FILE* f, const char* format, va_list arguments) {
  return scan_by_byte(real_vfscanf, f, format, arguments, "vfscanf", WEFT_PC);
}

[[gnu::weak]] int c89_vscanf(const char* format, va_list arguments) {
  return scan_by_byte(real_vfscanf, stdin, format, arguments, "vscanf", WEFT_PC);
}

[[gnu::weak]] int c89_fscanf(FILE* f, const char* format, ...) {
  va_list arguments;
  va_start(arguments, format);
  const int n = scan_by_byte(real_vfscanf, f, format, arguments, "fscanf", WEFT_PC);
  va_end(arguments);
  return n;
}

[[gnu::weak]] int c89_scanf(const char* format, ...) {
  va_list arguments;
  va_start(arguments, format);
  const int n = scan_by_byte(real_vfscanf, stdin, format, arguments, "scanf", WEFT_PC);
  va_end(arguments);
  return n;
}

[[gnu::weak]] int __isoc99_vfscanf(FILE* f, const char* format, va_list arguments) {
  return scan_by_byte(real___isoc99_vfscanf, f, format, arguments, "vfscanf", WEFT_PC);
}

[[gnu::weak]] int __isoc99_vscanf(const char* format, va_list arguments) {
  return scan_by_byte(real___isoc99_vfscanf, stdin, format, arguments, "vscanf", WEFT_PC);
}

[[gnu::weak]] int __isoc99_fscanf(FILE* f, const char* format, ...) {
  va_list arguments;
  va_start(arguments, format);
  const int n = scan_by_byte(real___isoc99_vfscanf, f, format, arguments, "fscanf", WEFT_PC);
  va_end(arguments);
  return n;
}

[[gnu::weak]] int __isoc99_scanf(const char* format, ...) {
  va_list arguments;
  va_start(arguments, format);
  const int n = scan_by_byte(real___isoc99_vfscanf, stdin, format, arguments, "scanf", WEFT_PC);
  va_end(arguments);
  return n;
}

[[gnu::weak]] int fputc(int c, FILE* f) { return written_to(real_fputc(c, f), f); }

[[gnu::weak]] int putc(int c, FILE* f) { return written_to(real_putc(c, f), f); }

[[gnu::weak]] int fputs(const char* s, FILE* f) { return written_to(real_fputs(s, f), f); }

[[gnu::weak]] std::size_t fwrite(const void* from, std::size_t size, std::size_t count, FILE* f) {
  return written_to(real_fwrite(from, size, count, f), f);
}

[[gnu::weak]] int vfprintf(FILE* f, const char* format, va_list arguments) {
  return written_to(real_vfprintf(f, format, arguments), f);
}

[[gnu::weak]] int fprintf(FILE* f, const char* format, ...) {
  va_list arguments;
  va_start(arguments, format);
  const int n = real_vfprintf(f, format, arguments);
  va_end(arguments);
  return written_to(n, f);
}

[[gnu::weak]] int vdprintf(int fd, const char* format, va_list arguments) {
  const int n = real_vdprintf(fd, format, arguments);
  if (tables() != nullptr && shared_with_readers(fd)) descriptor_written();
  return n;
}

[[gnu::weak]] int dprintf(int fd, const char* format, ...) {
  va_list arguments;
  va_start(arguments, format);
  const int n = vdprintf(fd, format, arguments);
  va_end(arguments);
  return n;
}

[[gnu::weak]] int fflush(FILE* f) { return written_to(real_fflush(f), f); }

[[gnu::weak]] int fclose(FILE* f) {
  // Whether it releases is asked before the descriptor goes.
  const bool releases = tables() != nullptr && shared_with_readers(fileno(f));
  if (tables() != nullptr && fileno(f) >= 0) descriptor_closing(fileno(f));  // its descriptor goes as close()'s
  const int result = real_fclose(f);
  if (releases) descriptor_written();
  return result;
}

}  // extern "C"
