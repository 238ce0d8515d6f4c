// flock() between the threads of an execution of weft exec.
//
// A flock lock belongs to an open file description: two threads that each
// open a file and lock it exclude each other, and the second one's flock
// waits in the kernel. Under weft, where every logical thread runs on one
// OS thread, that wait held every thread, the holder too, which never ran
// to unlock: a correct program was a `hang`. So a blocking flock tries with
// LOCK_NB; while the lock is taken, the caller gives way (other threads
// run, the holder among them) and tries again at its next turn. When no
// other thread can run by itself: if a thread of the program holds a lock
// of that file, none can ever let it go (a `deadlock`); otherwise another
// process holds it, and the process waits for real in the blocking call,
// as its thread would, until that process lets it go.
//
// Every flock begins with a scheduling point: which thread locks first is
// explored. A lock taken acquires, and its release (LOCK_UN, or the close
// of the descriptor it was taken through) releases, one clock for every
// file lock: what a thread did under the lock happens before what the next
// holder does (one clock for all files adds edges between unrelated ones,
// which can hide a race but never invents one).
//
// Not followed: a lock released by the close of another descriptor of the
// same open file description (dup, fork) is still counted as held by its
// thread; open file description locks (fcntl F_OFD_SETLKW) wait in the
// kernel as before. POSIX record locks (fcntl F_SETLKW, lockf) belong to
// the process: its threads never wait for each other's, and need nothing.
#include <errno.h>
#include <sys/file.h>
#include <sys/stat.h>

#include <map>
#include <set>
#include <string>

#include "../runtime/execution.hpp"
#include "address_objects.hpp"
#include "descriptors.hpp"
#include "interpose.hpp"

namespace weft::detail::instrument {
namespace {

WEFT_REAL(flock);

/// A flock lock a thread of the program holds, by the descriptor it was
/// taken through.
struct held_lock {
  dev_t device = 0;
  ino_t inode = 0;
  std::uint32_t thread = 0;
};

/// The execution's flock state (a process per execution: never cleared).
struct file_lock_state {
  std::map<int, held_lock> held;
  std::set<std::uint32_t> waiting;  // threads in a flock that waits
  vclock clock;                     // what every release released
};
file_lock_state& locks() {
  static file_lock_state state;
  return state;
}

bool waits_for_a_file_lock(std::uint32_t thread) { return locks().waiting.contains(thread); }

/// The threads of the program that hold a lock of the file `fd` is open
/// on, as "thread 1, thread 3" (empty: none).
std::string holders_in_the_process(int fd) {
  struct stat s;
  std::string holders;
  if (::fstat(fd, &s) != 0) return holders;
  std::set<std::uint32_t> threads;
  for (const auto& [other, lock] : locks().held) {
    if (lock.device == s.st_dev && lock.inode == s.st_ino) threads.insert(lock.thread);
  }
  for (const std::uint32_t t : threads) holders += (holders.empty() ? "thread " : ", thread ") + std::to_string(t);
  return holders;
}

void taken(int fd) {
  struct stat s;
  if (::fstat(fd, &s) != 0) return;
  locks().held[fd] = {s.st_dev, s.st_ino, current_thread_id()};
  acquire_clock(locks().clock);
}

void released(int fd) {
  if (locks().held.erase(fd) == 0) return;
  release_to_clock(locks().clock);
}

/// A blocking lock of `fd` (`operation`: LOCK_SH or LOCK_EX), the weft way.
int wait_and_lock(int fd, int operation, const location& where) {
  const std::uint32_t me = current_thread_id();
  for (;;) {
    const int rc = real_flock(fd, operation | LOCK_NB);
    if (rc == 0 || errno != EWOULDBLOCK) return rc;
    if (give_way(locks().waiting, &waits_for_a_file_lock, "flock", where)) continue;
    if (const std::string holders = holders_in_the_process(fd); !holders.empty()) {
      fail(finding_kind::deadlock,
           "thread " + std::to_string(me) + " waits in flock for a lock of a file that " + holders +
               " of the program holds (through another open file description), and no thread can run to release it",
           where);
    }
    return real_flock(fd, operation);  // held by another process: it lets it go
  }
}

}  // namespace

void file_lock_fd_closed(int fd) {
  const weft_section weft;
  released(fd);
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
    if (rc == 0) released(fd);
    return rc;
  }
  const int rc = (operation & LOCK_NB) != 0 ? real_flock(fd, operation) : wait_and_lock(fd, kind, where);
  if (rc == 0) taken(fd);
  return rc;
}
