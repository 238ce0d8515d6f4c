// open() of a FIFO (a named pipe) between the threads of an execution of
// weft exec.
//
// A blocking open of a FIFO waits in the kernel for the other end: a
// reader's until a writer opens it, a writer's until a reader has it open.
// Under weft, where every logical thread runs on one OS thread, the first
// one's wait held every thread, the one that would open the other end too:
// a correct program was a `hang`. So such an open goes the non-blocking way
// and waits as weft waits: a reader opens at once (it is a reader from then
// on, as a waiting reader is for the kernel, so a writer's open goes
// through), then gives way to the other threads until a writer opened the
// FIFO since it began; a writer tries non-blocking, and gives way while no
// reader has it open (ENXIO). When no other thread can run, the other end
// can only come from another process: the process waits for it for real,
// in the blocking call, as its thread would. The descriptor returned is a
// blocking one, as asked. Each such open begins with a scheduling point:
// which end opens first is explored.
//
// Followed: open, open64, openat, openat64 (and their _FORTIFY_SOURCE
// forms, __open_2...), fopen and fopen64 of a FIFO for reading only or
// writing only, without O_NONBLOCK (with it, or O_RDWR, the
// kernel does not wait). Not followed: a writer's close that another
// descriptor of it (dup, fork) outlives still counts as an open writer.
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "address_objects.hpp"
#include "descriptors.hpp"
#include "interpose.hpp"

extern "C" {
int __open_2(const char* path, int flags);
int __open64_2(const char* path, int flags);
int __openat_2(int dir, const char* path, int flags);
int __openat64_2(int dir, const char* path, int flags);
}

namespace weft::detail::instrument {
namespace {

WEFT_REAL(open);
WEFT_REAL(open64);
WEFT_REAL(openat);
WEFT_REAL(openat64);
WEFT_REAL(fopen);
WEFT_REAL(fopen64);
WEFT_REAL(close);

using fifo_id = std::pair<dev_t, ino_t>;

/// What the program's threads did to one FIFO in this execution.
struct fifo_ends {
  std::uint64_t writer_opens = 0;  // writers that opened it, ever
  unsigned writers = 0;            // of them, still open
};

/// An open that waits: of which FIFO, by which end.
struct fifo_wait {
  fifo_id fifo;
  bool reader = false;
};

/// The execution's FIFO state (a process per execution: never cleared).
struct fifo_state {
  std::map<fifo_id, fifo_ends> fifos;
  std::map<int, fifo_id> writer_fds;           // the program's writers' descriptors
  std::map<std::uint32_t, fifo_wait> waiting;  // threads in an open that waits
  fifo_wait asking;                            // the wait of the thread that asks (waits_outside)
};
fifo_state& state() {
  static fifo_state s;
  return s;
}

/// Whether `thread` waits in an open that the asking thread's own open does
/// not let go on: one waiting for the other end of the same FIFO can go on
/// (a waiting reader is a reader for a writer's open, and the other way
/// round a writer is what the reader waits for).
bool waits_outside(std::uint32_t thread) {
  const auto it = state().waiting.find(thread);
  if (it == state().waiting.end()) return false;
  const fifo_wait& asking = state().asking;
  return !(it->second.fifo == asking.fifo && it->second.reader != asking.reader);
}

/// An open of `path` (relative to `dir`) with `flags` and `mode`, the real one.
using real_open_at = int (*)(int dir, const char* path, int flags, mode_t mode);

/// Whether an open with `flags` of `path` may wait for the FIFO's other
/// end: its identity then.
std::optional<fifo_id> waiting_fifo(int dir, const char* path, int flags) {
  const int access = flags & O_ACCMODE;
  if ((flags & (O_NONBLOCK | O_PATH)) != 0 || (access != O_RDONLY && access != O_WRONLY)) return std::nullopt;
  const weft_section weft;
  struct stat s;
  if (::fstatat(dir, path, &s, 0) != 0 || !S_ISFIFO(s.st_mode)) return std::nullopt;
  return fifo_id{s.st_dev, s.st_ino};
}

/// `fd` blocking again, as the program asked for it.
int made_blocking(int fd) {
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  return fd;
}

void writer_opened(int fd, const fifo_id& id) {
  fifo_ends& ends = state().fifos[id];
  ++ends.writer_opens;
  ++ends.writers;
  state().writer_fds[fd] = id;
}

/// The current thread, in `wait`, waits the weft way (true: look again), or
/// nothing else can run (false: only another process can open the other end).
bool gave_way(const fifo_wait& wait, const location& where) {
  const std::uint32_t me = current_thread_id();
  state().waiting[me] = wait;
  state().asking = wait;
  const bool again = thread_wait_outside(&waits_outside, "open of a FIFO", where);
  state().waiting.erase(me);
  return again;
}

int open_reader(real_open_at real, int dir, const char* path, int flags, const fifo_id& id, const location& where) {
  const int fd = real(dir, path, flags | O_NONBLOCK, 0);  // a reader from now on: writers' opens go through
  if (fd < 0) return fd;
  const fifo_ends& ends = state().fifos[id];
  const std::uint64_t before = ends.writer_opens;
  while (ends.writers == 0 && ends.writer_opens == before) {
    if (gave_way({id, true}, where)) continue;
    const int outside = real(dir, path, flags, 0);  // returns once another process opened it to write
    if (outside >= 0) real_close(outside);
    break;
  }
  return made_blocking(fd);
}

int open_writer(real_open_at real, int dir, const char* path, int flags, mode_t mode, const fifo_id& id,
                const location& where) {
  for (;;) {
    int fd = real(dir, path, flags | O_NONBLOCK, mode);
    if (fd < 0 && errno != ENXIO) return fd;  // ENXIO: no reader has it open yet
    if (fd < 0) {
      if (gave_way({id, false}, where)) continue;
      fd = real(dir, path, flags, mode);  // returns once another process opened it to read
      if (fd < 0) return fd;
    }
    writer_opened(fd, id);
    return made_blocking(fd);
  }
}

/// The real open and open64 as real_open_at: relative to `dir` unless it
/// is AT_FDCWD.
int real_open_rel(int dir, const char* path, int flags, mode_t mode) {
  return dir == AT_FDCWD ? real_open(path, flags, mode) : real_openat(dir, path, flags, mode);
}
int real_open64_rel(int dir, const char* path, int flags, mode_t mode) {
  return dir == AT_FDCWD ? real_open64(path, flags, mode) : real_openat64(dir, path, flags, mode);
}

/// The open of every entry point: a FIFO's the weft way, any other file's
/// the real way.
int open_followed(real_open_at real, int dir, const char* path, int flags, mode_t mode, const void* pc) {
  if (tables() == nullptr) return real(dir, path, flags, mode);
  const std::optional<fifo_id> id = waiting_fifo(dir, path, flags);
  if (!id) return real(dir, path, flags, mode);
  call_point("open of a FIFO", pc);
  const weft_section weft;
  const location where = location::caller(pc);
  return (flags & O_ACCMODE) == O_RDONLY ? open_reader(real, dir, path, flags, *id, where)
                                         : open_writer(real, dir, path, flags, mode, *id, where);
}

/// The flags fopen gives open for `mode` ("r", "w+", "ae"...).
int open_flags_of(const char* mode) {
  const bool plus = std::strchr(mode, '+') != nullptr;
  int flags = 0;
  switch (mode[0]) {
    case 'r':
      flags = plus ? O_RDWR : O_RDONLY;
      break;
    case 'w':
      flags = (plus ? O_RDWR : O_WRONLY) | O_CREAT | O_TRUNC;
      break;
    case 'a':
      flags = (plus ? O_RDWR : O_WRONLY) | O_CREAT | O_APPEND;
      break;
    default:
      return -1;
  }
  if (std::strchr(mode, 'e') != nullptr) flags |= O_CLOEXEC;
  if (std::strchr(mode, 'x') != nullptr) flags |= O_EXCL;
  return flags;
}

/// fopen, or fopen64 when `large`: a FIFO opened the weft way, any other
/// file the real way.
FILE* fopen_followed(bool large, const char* path, const char* mode, const void* pc) {
  const int flags = mode != nullptr ? open_flags_of(mode) : -1;
  if (tables() == nullptr || flags < 0 || !waiting_fifo(AT_FDCWD, path, flags)) {
    return large ? real_fopen64(path, mode) : real_fopen(path, mode);
  }
  const int fd = open_followed(large ? &real_open64_rel : &real_open_rel, AT_FDCWD, path, flags, 0666, pc);
  if (fd < 0) return nullptr;
  FILE* f = ::fdopen(fd, mode);
  if (f == nullptr) {
    const int error = errno;
    ::close(fd);
    errno = error;
  }
  return f;
}

mode_t mode_argument(int flags, va_list arguments) {
  const bool takes_mode = (flags & O_CREAT) != 0 || (flags & O_TMPFILE) == O_TMPFILE;
  return takes_mode ? static_cast<mode_t>(va_arg(arguments, int)) : 0;
}

}  // namespace

void fifo_fd_closed(int fd) {
  const weft_section weft;
  const auto it = state().writer_fds.find(fd);
  if (it == state().writer_fds.end()) return;
  --state().fifos[it->second].writers;
  state().writer_fds.erase(it);
}

}  // namespace weft::detail::instrument

using namespace weft::detail::instrument;

extern "C" {

int open(const char* path, int flags, ...) {
  va_list arguments;
  va_start(arguments, flags);
  const mode_t mode = mode_argument(flags, arguments);
  va_end(arguments);
  return open_followed(&real_open_rel, AT_FDCWD, path, flags, mode, WEFT_PC);
}

int open64(const char* path, int flags, ...) {
  va_list arguments;
  va_start(arguments, flags);
  const mode_t mode = mode_argument(flags, arguments);
  va_end(arguments);
  return open_followed(&real_open64_rel, AT_FDCWD, path, flags, mode, WEFT_PC);
}

int openat(int dir, const char* path, int flags, ...) {
  va_list arguments;
  va_start(arguments, flags);
  const mode_t mode = mode_argument(flags, arguments);
  va_end(arguments);
  return open_followed(&real_open_rel, dir, path, flags, mode, WEFT_PC);
}

int openat64(int dir, const char* path, int flags, ...) {
  va_list arguments;
  va_start(arguments, flags);
  const mode_t mode = mode_argument(flags, arguments);
  va_end(arguments);
  return open_followed(&real_open64_rel, dir, path, flags, mode, WEFT_PC);
}

// The checked forms _FORTIFY_SOURCE makes of open and openat whose flags
// are not known at compile time (never with O_CREAT: they need no mode).
int __open_2(const char* path, int flags) { return open_followed(&real_open_rel, AT_FDCWD, path, flags, 0, WEFT_PC); }

int __open64_2(const char* path, int flags) {
  return open_followed(&real_open64_rel, AT_FDCWD, path, flags, 0, WEFT_PC);
}

int __openat_2(int dir, const char* path, int flags) {
  return open_followed(&real_open_rel, dir, path, flags, 0, WEFT_PC);
}

int __openat64_2(int dir, const char* path, int flags) {
  return open_followed(&real_open64_rel, dir, path, flags, 0, WEFT_PC);
}

FILE* fopen(const char* path, const char* mode) { return fopen_followed(false, path, mode, WEFT_PC); }

FILE* fopen64(const char* path, const char* mode) { return fopen_followed(true, path, mode, WEFT_PC); }

}  // extern "C"
