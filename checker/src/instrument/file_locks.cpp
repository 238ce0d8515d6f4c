// flock() and open file description locks (fcntl F_OFD_SETLK,
// F_OFD_SETLKW) between the threads of an execution of weft exec.
//
// Both kinds of lock belong to an open file description: two threads that
// each open a file and lock it exclude each other (an OFD lock, when their
// byte ranges overlap), and the second one's call waits in the kernel.
// Under weft, where every logical thread runs on one OS thread, that wait
// held every thread, the holder too, which never ran to unlock: a correct
// program was a `hang`. So a blocking lock tries without waiting (LOCK_NB,
// F_OFD_SETLK); while the lock is taken, the caller gives way (other
// threads run, the holder among them) and tries again at its next turn.
// When no other thread can run by itself: if a thread of the program holds
// a lock of that kind on that file (an OFD lock on an overlapping range),
// none can ever let it go (a `deadlock`); otherwise another process holds
// it, and the process waits for real in the blocking call, as its thread
// would, until that process lets it go.
//
// Every lock and unlock begins with a scheduling point: which thread locks
// first is explored. A lock taken acquires, and its release (LOCK_UN,
// F_UNLCK over its range, or the close of the descriptor it was taken
// through) releases, one clock for every file lock: what a thread did under
// the lock happens before what the next holder does (one clock for all
// files adds edges between unrelated ones, which can hide a race but never
// invents one). Two threads that lock through one open file description
// (one descriptor, or a dup) hold the same lock at once, as the kernel lets
// them: nothing orders their updates, and their races are found.
//
// Not followed: a lock released by the close of another descriptor of the
// same open file description (dup, fork) is still counted as held by its
// thread; a wait in F_OFD_SETLKW is not a cancellation point here. POSIX
// record locks (fcntl F_SETLKW, lockf) belong to the process: its threads
// never wait for each other's, and need nothing.
#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdarg>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "../runtime/execution.hpp"
#include "address_objects.hpp"
#include "descriptors.hpp"
#include "interpose.hpp"

namespace weft::detail::instrument {
namespace {

WEFT_REAL(flock);
WEFT_REAL(fcntl);
WEFT_REAL(fcntl64);

enum class lock_kind : std::uint8_t { flock, ofd };

/// Bytes [first, end) of a file; end is max() for "to the end, however far".
struct byte_range {
  off_t first = 0;
  off_t end = std::numeric_limits<off_t>::max();
  bool overlaps(const byte_range& o) const { return first < o.end && o.first < end; }
};
constexpr byte_range whole_file{};

/// The locks a thread of the program holds through one descriptor: flock's
/// covers the whole file; OFD locks, the ranges listed.
struct held_lock {
  dev_t device = 0;
  ino_t inode = 0;
  std::uint32_t thread = 0;
  std::vector<byte_range> ranges;
};

/// The execution's file lock state (a process per execution: never cleared).
struct file_lock_state {
  std::map<std::pair<int, lock_kind>, held_lock> held;
  std::set<std::uint32_t> waiting;  // threads in a lock call that waits
  vclock clock;                     // what every release released
};
file_lock_state& locks() {
  static file_lock_state state;
  return state;
}

bool waits_for_a_file_lock(std::uint32_t thread) { return locks().waiting.contains(thread); }

/// The threads of the program that hold a lock of `kind` of the file `fd`
/// is open on, over bytes that overlap `range`, as "thread 1, thread 3"
/// (empty: none).
std::string holders_in_the_process(int fd, lock_kind kind, const byte_range& range) {
  struct stat s;
  std::string holders;
  if (::fstat(fd, &s) != 0) return holders;
  std::set<std::uint32_t> threads;
  for (const auto& [key, lock] : locks().held) {
    if (key.second != kind || lock.device != s.st_dev || lock.inode != s.st_ino) continue;
    for (const byte_range& r : lock.ranges) {
      if (r.overlaps(range)) threads.insert(lock.thread);
    }
  }
  for (const std::uint32_t t : threads) holders += (holders.empty() ? "thread " : ", thread ") + std::to_string(t);
  return holders;
}

void taken(int fd, lock_kind kind, const byte_range& range) {
  struct stat s;
  if (::fstat(fd, &s) != 0) return;
  held_lock& lock = locks().held[{fd, kind}];
  lock.device = s.st_dev;
  lock.inode = s.st_ino;
  lock.thread = current_thread_id();
  if (kind == lock_kind::flock) lock.ranges.clear();
  lock.ranges.push_back(range);
  acquire_clock(locks().clock);
}

/// `range` of the locks of `kind` held through `fd` is let go.
void released(int fd, lock_kind kind, const byte_range& range) {
  const auto found = locks().held.find({fd, kind});
  if (found == locks().held.end()) return;
  std::vector<byte_range> kept;
  for (const byte_range& r : found->second.ranges) {
    if (!r.overlaps(range)) {
      kept.push_back(r);
      continue;
    }
    if (r.first < range.first) kept.push_back({r.first, range.first});
    if (range.end < r.end) kept.push_back({range.end, r.end});
  }
  if (kept.empty()) {
    locks().held.erase(found);
  } else {
    found->second.ranges = std::move(kept);
  }
  release_to_clock(locks().clock);
}

/// A blocking lock of `fd` of `kind` over `range`, the weft way: `try_lock`
/// tries without waiting, `wait` waits in the kernel (`call` names it).
template <class Try, class Wait>
int wait_and_lock(int fd, lock_kind kind, const byte_range& range, const char* call, Try try_lock, Wait wait,
                  const location& where) {
  const std::uint32_t me = current_thread_id();
  for (;;) {
    const int rc = try_lock();
    if (rc == 0 || (errno != EWOULDBLOCK && errno != EAGAIN && errno != EACCES)) return rc;
    if (give_way(locks().waiting, &waits_for_a_file_lock, call, where)) continue;
    if (const std::string holders = holders_in_the_process(fd, kind, range); !holders.empty()) {
      fail(finding_kind::deadlock,
           "thread " + std::to_string(me) + " waits in " + call + " for a lock of a file that " + holders +
               " of the program holds (through another open file description), and no thread can run to release it",
           where);
    }
    return wait();  // held by another process: it lets it go
  }
}

/// The bytes an OFD lock request covers, as the kernel reads `l`.
byte_range range_of(int fd, const struct flock& l) {
  off_t base = 0;
  if (l.l_whence == SEEK_CUR) {
    base = ::lseek(fd, 0, SEEK_CUR);
  } else if (l.l_whence == SEEK_END) {
    struct stat s;
    if (::fstat(fd, &s) == 0) base = s.st_size;
  }
  const off_t start = base + l.l_start;
  if (l.l_len == 0) return {start, whole_file.end};
  return l.l_len > 0 ? byte_range{start, start + l.l_len} : byte_range{start + l.l_len, start};
}

/// fcntl's and fcntl64's OFD lock commands (the others pass): `real` is the
/// one the program called.
template <class Real>
int ofd_lock(Real& real, int fd, int command, struct flock* l, const void* pc) {
  call_point("fcntl", pc);
  const weft_section weft;
  const location where = location::caller(pc);
  const byte_range range = range_of(fd, *l);
  if (l->l_type == F_UNLCK) {
    const int rc = real(fd, command, l);
    if (rc == 0) released(fd, lock_kind::ofd, range);
    return rc;
  }
  const int rc = command == F_OFD_SETLK
                     ? real(fd, command, l)
                     : wait_and_lock(
                           fd, lock_kind::ofd, range, "fcntl(F_OFD_SETLKW)",
                           [&] { return real(fd, F_OFD_SETLK, l); }, [&] { return real(fd, F_OFD_SETLKW, l); }, where);
  if (rc == 0) taken(fd, lock_kind::ofd, range);
  return rc;
}

/// The argument of fcntl's variadic tail, as glibc reads it (a pointer).
#define WEFT_FCNTL(name)                                                           \
  extern "C" int name(int fd, int command, ...) {                                  \
    va_list rest;                                                                  \
    va_start(rest, command);                                                       \
    void* arg = va_arg(rest, void*);                                               \
    va_end(rest);                                                                  \
    if (tables() == nullptr || (command != F_OFD_SETLK && command != F_OFD_SETLKW)) \
      return real_##name(fd, command, arg);                                        \
    return ofd_lock(real_##name, fd, command, static_cast<struct flock*>(arg), WEFT_PC); \
  }

}  // namespace

void file_lock_fd_closed(int fd) {
  const weft_section weft;
  released(fd, lock_kind::flock, whole_file);
  released(fd, lock_kind::ofd, whole_file);
}

}  // namespace weft::detail::instrument

using namespace weft::detail;
using namespace weft::detail::instrument;

extern "C" int flock(int fd, int operation) {
  if (tables() == nullptr) return real_flock(fd, operation);
  call_point("flock", WEFT_PC);
  const weft_section weft;
  const location where = location::caller(WEFT_PC);
  const int kind = operation & ~LOCK_NB;
  if (kind == LOCK_UN) {
    const int rc = real_flock(fd, operation);
    if (rc == 0) released(fd, lock_kind::flock, whole_file);
    return rc;
  }
  const int rc = (operation & LOCK_NB) != 0
                     ? real_flock(fd, operation)
                     : wait_and_lock(
                           fd, lock_kind::flock, whole_file, "flock", [&] { return real_flock(fd, kind | LOCK_NB); },
                           [&] { return real_flock(fd, kind); }, where);
  if (rc == 0) taken(fd, lock_kind::flock, whole_file);
  return rc;
}

WEFT_FCNTL(fcntl)
WEFT_FCNTL(fcntl64)
