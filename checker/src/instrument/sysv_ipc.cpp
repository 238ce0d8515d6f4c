// System V message queues and semaphore sets between the threads of an
// execution of weft exec.
//
// msgrcv on an empty queue, msgsnd on a full one and a semop that cannot
// go on (a decrement below zero, a wait for zero) wait in the kernel. Under
// weft, where every logical thread runs on one OS thread, that wait held
// every thread, the one that would send or post too: a correct program was
// a `hang`. So such a call tries with IPC_NOWAIT and, while it would wait,
// gives way to the other threads and tries again at its next turn. When no
// other thread can run, only another process can let it go on (System V
// objects are the whole system's): the process waits for real in the
// blocking call, as its thread would; unless the execution made the object
// with IPC_PRIVATE, which no other process knows: then it is a `deadlock`
// (other threads wait too) or a `lost_wakeup` (none is left). semtimedop's timeout is in logical
// time: it expires when logical time reaches it, never while other threads
// run. A call with IPC_NOWAIT answers at once, as before.
//
// Each call begins with a scheduling point (which thread sends or posts
// first is explored). One clock orders them, as descriptors' writes and
// reads do: a message sent, or a semaphore raised, releases; a message
// received, or a semaphore lowered or waited for zero, acquires (one clock
// for every object can hide a race between unrelated ones, never invent
// one). msgrcv and msgsnd are cancellation points.
//
// A queue or a semaphore set outlives the process that made it until it is
// removed (IPC_RMID). An execution that ends early (a finding, a crash)
// never reaches the program's removal, and weft runs many: each left one
// behind, and the next execution's msgget of the same key found the old
// queue with its messages. So the objects an execution's process made are
// listed in memory shared with the fork server, which removes those left
// once the process has ended (remove_left_behind).
#include <errno.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <new>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "../explore/explore.hpp"
#include "../runtime/execution.hpp"
#include "address_objects.hpp"
#include "descriptors.hpp"
#include "interpose.hpp"

namespace weft::detail::instrument {
namespace {

WEFT_REAL(msgsnd);
WEFT_REAL(msgrcv);
WEFT_REAL(semop);
WEFT_REAL(semtimedop);
WEFT_REAL(msgget);
WEFT_REAL(semget);

/// The objects the executions' processes made, in memory the fork server
/// shares with them: a slot is free (pid 0) or holds one object of one
/// process. Objects beyond the slots are not listed (left behind, as before).
struct made_object {
  std::atomic<pid_t> pid{0};
  int id = -1;
  bool semaphore = false;
};
constexpr std::size_t made_slots = 1024;
made_object* made = nullptr;  // null: not under weft exec's fork server

}  // namespace

void remove_ipc_left_by(pid_t pid) {
  if (made == nullptr) return;
  for (std::size_t i = 0; i < made_slots; ++i) {
    made_object& m = made[i];
    if (m.pid.load(std::memory_order_acquire) != pid) continue;
    if (m.semaphore) {
      ::semctl(m.id, 0, IPC_RMID);
    } else {
      ::msgctl(m.id, IPC_RMID, nullptr);
    }
    m.pid.store(0, std::memory_order_release);
  }
}

namespace {

/// An object this process made: listed for removal once it ends.
void made_here(int id, bool semaphore) {
  if (made == nullptr) return;
  const pid_t me = ::getpid();
  for (std::size_t i = 0; i < made_slots; ++i) {
    pid_t free = 0;
    if (made[i].pid.compare_exchange_strong(free, me, std::memory_order_acq_rel)) {
      made[i].id = id;
      made[i].semaphore = semaphore;
      return;
    }
  }
}

/// The execution's System V state (a process per execution: never cleared).
struct ipc_state {
  std::set<std::uint32_t> waiting;  // threads in a call that waits
  vclock clock;                     // what every send and raise released
  std::set<int> private_ids;        // objects this execution made with IPC_PRIVATE
};
ipc_state& ipc() {
  static ipc_state s;
  return s;
}

/// msgget or semget (`get`) with `key` and `flags`, listing the object when
/// the call made it.
template <class Get>
int got(Get get, key_t key, int flags, bool semaphore) {
  const bool may_make = key == IPC_PRIVATE || (flags & IPC_CREAT) != 0;
  const bool existed = key != IPC_PRIVATE && (flags & IPC_EXCL) == 0 && may_make && get(flags & ~IPC_CREAT) >= 0;
  const int id = get(flags);
  if (id >= 0 && may_make && !existed) made_here(id, semaphore);
  if (id >= 0 && key == IPC_PRIVATE) ipc().private_ids.insert(id);
  return id;
}


bool waits_on_ipc(std::uint32_t thread) { return ipc().waiting.contains(thread); }

void acquired() {
  const weft_section weft;
  acquire_clock(ipc().clock);
}

void released() {
  const weft_section weft;
  release_to_clock(ipc().clock);
}

/// What a call that would wait does next.
enum class next_step { again, wait_for_real, timed_out, cancelled };

/// No thread can run, and the current one waits in `what` on an object
/// this execution made with IPC_PRIVATE: no other process knows it, so
/// none will let the thread go on. A `deadlock` when other threads are
/// left (they wait too), else a `lost_wakeup` (none is left to post or send).
[[noreturn]] void stuck_on_private(const char* what, const location& where) {
  const execution& e = *current();
  const std::uint32_t me = e.current_id();
  std::string others;
  std::size_t count = 0;
  for (std::uint32_t t = 0; t < e.thread_count(); ++t) {
    if (t == me || e.status(t) == thread_status::finished) continue;
    others += (others.empty() ? "" : ", ") + std::to_string(t);
    ++count;
  }
  const std::string waits = "thread " + std::to_string(me) + " waits in " + what +
                            " on a System V object the program made with IPC_PRIVATE, which no other process knows";
  if (count == 0) fail(finding_kind::lost_wakeup, waits + ", and no other thread is left to let it go on", where);
  fail(finding_kind::deadlock, waits + ", and " + (count == 1 ? "thread " : "threads ") + others +
                                   (count == 1 ? " waits" : " wait") + " too: none can run to let it go on",
       where);
}

/// The current thread's call on object `id` would wait (until `deadline`,
/// in logical time, when given): it gives way, or logical time moves on,
/// and it tries again; or nothing else can run.
next_step wait_turn(const char* what, int id, const std::optional<weft::time_point>& deadline, const location& where) {
  const weft_section weft;
  if (thread_wait_interrupted()) return next_step::cancelled;
  if (deadline && logical_now() >= *deadline) return next_step::timed_out;
  if (give_way(ipc().waiting, &waits_on_ipc, what, where, deadline ? &*deadline : nullptr)) return next_step::again;
  if (ipc().private_ids.contains(id)) stuck_on_private(what, where);
  return next_step::wait_for_real;
}

/// `call(flags)` on object `id` the weft way: with IPC_NOWAIT added while it
/// would wait (`would_wait(errno)`), giving way meanwhile; `flags` as the
/// program gave them.
template <class Call>
auto retried(Call call, int id, int flags, bool (*would_wait)(int error), const char* what, const location& where,
             std::optional<weft::time_point> deadline = std::nullopt) -> decltype(call(0)) {
  if ((flags & IPC_NOWAIT) != 0) return call(flags);
  for (;;) {
    const auto rc = call(flags | IPC_NOWAIT);
    if (rc >= 0 || !would_wait(errno)) return rc;
    switch (wait_turn(what, id, deadline, where)) {
      case next_step::again:
        continue;
      case next_step::wait_for_real:
        return call(flags);
      case next_step::timed_out:
        errno = EAGAIN;
        return decltype(call(0)){-1};
      case next_step::cancelled:
        errno = EINTR;
        return decltype(call(0)){-1};
    }
  }
}

bool queue_empty_or_full(int error) { return error == ENOMSG || error == EAGAIN; }
bool semaphore_would_wait(int error) { return error == EAGAIN; }

/// A semop's operations with `extra` added to every one's flags.
std::vector<sembuf> with_flags(const sembuf* operations, std::size_t n, short extra) {
  std::vector<sembuf> copy(operations, operations + n);
  for (sembuf& op : copy) op.sem_flg = static_cast<short>(op.sem_flg | extra);
  return copy;
}

/// IPC_NOWAIT when any of a semop's operations has it, else 0. Such a call
/// waits only when an operation without it cannot go on, which a try with
/// IPC_NOWAIT everywhere does not tell from a failure of one with it: it
/// goes to the kernel as it is (not followed when the flags are mixed).
int semop_flags(const sembuf* operations, std::size_t n) {
  return std::any_of(operations, operations + n, [](const sembuf& op) { return (op.sem_flg & IPC_NOWAIT) != 0; })
             ? IPC_NOWAIT
             : 0;
}

/// A successful semop's order: lowering or waiting for zero acquires,
/// raising releases.
int semop_done(int rc, const sembuf* operations, std::size_t n) {
  if (rc != 0) return rc;
  if (std::any_of(operations, operations + n, [](const sembuf& op) { return op.sem_op <= 0; })) acquired();
  if (std::any_of(operations, operations + n, [](const sembuf& op) { return op.sem_op > 0; })) released();
  return rc;
}

int semop_followed(int id, sembuf* operations, std::size_t n, const timespec* timeout, const char* what,
                   const void* pc) {
  call_point(what, pc);
  std::optional<weft::time_point> deadline;
  if (timeout != nullptr) {
    deadline = logical_now() + std::chrono::seconds(timeout->tv_sec) + std::chrono::nanoseconds(timeout->tv_nsec);
  }
  const auto as_asked = [&] {
    return timeout != nullptr ? real_semtimedop(id, operations, n, timeout) : real_semop(id, operations, n);
  };
  if (semop_flags(operations, n) != 0) return semop_done(as_asked(), operations, n);
  std::vector<sembuf> not_waiting = with_flags(operations, n, IPC_NOWAIT);
  const auto call = [&](int flags) {
    return (flags & IPC_NOWAIT) != 0 ? real_semop(id, not_waiting.data(), n) : as_asked();
  };
  const int rc = retried(call, id, 0, &semaphore_would_wait, what, location::caller(pc), deadline);
  return semop_done(rc, operations, n);
}

}  // namespace

void remove_ipc_left_behind_by_executions() {
  if (made != nullptr) return;
  void* shared =
      ::mmap(nullptr, sizeof(made_object) * made_slots, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (shared == MAP_FAILED) return;  // nothing listed: left behind, as before
  made = new (shared) made_object[made_slots];
}

}  // namespace weft::detail::instrument

using namespace weft::detail;
using namespace weft::detail::instrument;

extern "C" {

int msgsnd(int id, const void* message, std::size_t size, int flags) {
  if (tables() == nullptr) return real_msgsnd(id, message, size, flags);
  const void* pc = WEFT_PC;
  call_point("msgsnd", pc);
  const int rc = cancellable([&] {
    return retried([&](int f) { return real_msgsnd(id, message, size, f); }, id, flags, &queue_empty_or_full, "msgsnd",
                   location::caller(pc));
  });
  if (rc == 0) released();
  return rc;
}

ssize_t msgrcv(int id, void* message, std::size_t size, long type, int flags) {
  if (tables() == nullptr) return real_msgrcv(id, message, size, type, flags);
  const void* pc = WEFT_PC;
  call_point("msgrcv", pc);
  ssize_t got = -1;
  (void)cancellable([&] {
    got = retried([&](int f) { return real_msgrcv(id, message, size, type, f); }, id, flags, &queue_empty_or_full, "msgrcv",
                  location::caller(pc));
    return 0;
  });
  if (got >= 0) acquired();
  return got;
}

int msgget(key_t key, int flags) {
  if (tables() == nullptr) return real_msgget(key, flags);
  return got([&](int f) { return real_msgget(key, f); }, key, flags, false);
}

int semget(key_t key, int count, int flags) {
  if (tables() == nullptr) return real_semget(key, count, flags);
  return got([&](int f) { return real_semget(key, count, f); }, key, flags, true);
}

int semop(int id, sembuf* operations, std::size_t n) {
  if (tables() == nullptr) return real_semop(id, operations, n);
  return semop_followed(id, operations, n, nullptr, "semop", WEFT_PC);
}

int semtimedop(int id, sembuf* operations, std::size_t n, const timespec* timeout) {
  if (tables() == nullptr) return real_semtimedop(id, operations, n, timeout);
  return semop_followed(id, operations, n, timeout, "semtimedop", WEFT_PC);
}

}  // extern "C"
