// The pthread calls that take a thread's handle, besides create, join, detach
// and exit (pthread_interpose.cpp): given a logical thread's handle, the real
// ones would read it as a thread of their own and crash the process — a
// `crash` on a correct program. Inside a checked execution each answers as
// on real threads where weft can say what that is, and refuses with one line
// (exit 2) where it cannot follow the call:
//   - names: pthread_setname_np / pthread_getname_np keep the name per
//     logical thread (16 bytes with the NUL, as Linux), the process's name
//     before one is set;
//   - scheduling: affinity, policy and priority apply to no CPU here; setting
//     them succeeds without effect, reading them reads the OS thread's;
//   - pthread_getattr_np: the logical thread's own stack, joinable or not;
//   - pthread_kill and pthread_sigqueue: signals.cpp (0 says whether the
//     thread exists); pthread_cancel is in pthread_cancel.cpp.
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>

#include <cstring>
#include <string>

#include "../runtime/execution.hpp"
#include "address_objects.hpp"
#include "interpose.hpp"

using namespace weft::detail;
using namespace weft::detail::instrument;

namespace {
WEFT_REAL(pthread_setname_np);
WEFT_REAL(pthread_getname_np);
WEFT_REAL(pthread_setaffinity_np);
WEFT_REAL(pthread_getaffinity_np);
WEFT_REAL(pthread_setschedparam);
WEFT_REAL(pthread_getschedparam);
WEFT_REAL(pthread_setschedprio);
WEFT_REAL(pthread_getattr_np);
WEFT_REAL(pthread_getcpuclockid);
WEFT_REAL(pthread_kill);
WEFT_REAL(pthread_sigqueue);

constexpr std::size_t name_limit = 16;  // Linux's TASK_COMM_LEN, the NUL included

/// The OS thread the logical threads run on (pthread_self() answers with the
/// real handle inside a weft_section: weft is running, not the program).
pthread_t os_thread() { return pthread_self(); }

/// A logical thread of this execution, as its handle names it.
bool logical(pthread_t thread) { return tables() != nullptr && is_handle(thread); }
bool exists(pthread_t thread) { return id_of(thread) < current()->thread_count(); }
bool exists_now(pthread_t thread) {
  const weft_section weft;
  return exists(thread);
}

}  // namespace

extern "C" {

int pthread_setname_np(pthread_t thread, const char* name) {
  if (!logical(thread)) return real_pthread_setname_np(thread, name);
  const weft_section weft;
  if (!exists(thread)) return ESRCH;
  if (std::strlen(name) >= name_limit) return ERANGE;
  current_tables().names[id_of(thread)] = name;
  return 0;
}

int pthread_getname_np(pthread_t thread, char* name, std::size_t size) {
  if (!logical(thread)) return real_pthread_getname_np(thread, name, size);
  const weft_section weft;
  if (!exists(thread)) return ESRCH;
  const auto& names = current_tables().names;
  const auto it = names.find(id_of(thread));
  if (it == names.end()) return real_pthread_getname_np(os_thread(), name, size);  // not set: the process's
  if (size <= it->second.size()) return ERANGE;
  std::memcpy(name, it->second.c_str(), it->second.size() + 1);
  return 0;
}

int pthread_setaffinity_np(pthread_t thread, std::size_t size, const cpu_set_t* cpus) noexcept {
  if (!logical(thread)) return real_pthread_setaffinity_np(thread, size, cpus);
  const weft_section weft;
  if (!exists(thread)) return ESRCH;
  return CPU_COUNT_S(size, cpus) == 0 ? EINVAL : 0;
}

int pthread_getaffinity_np(pthread_t thread, std::size_t size, cpu_set_t* cpus) noexcept {
  if (!logical(thread)) return real_pthread_getaffinity_np(thread, size, cpus);
  const weft_section weft;
  return exists(thread) ? real_pthread_getaffinity_np(os_thread(), size, cpus) : ESRCH;
}

int pthread_setschedparam(pthread_t thread, int policy, const sched_param* param) noexcept {
  if (!logical(thread)) return real_pthread_setschedparam(thread, policy, param);
  const weft_section weft;
  if (!exists(thread)) return ESRCH;
  const int lowest = sched_get_priority_min(policy), highest = sched_get_priority_max(policy);
  return lowest < 0 || param->sched_priority < lowest || param->sched_priority > highest ? EINVAL : 0;
}

int pthread_getschedparam(pthread_t thread, int* policy, sched_param* param) noexcept {
  if (!logical(thread)) return real_pthread_getschedparam(thread, policy, param);
  const weft_section weft;
  return exists(thread) ? real_pthread_getschedparam(os_thread(), policy, param) : ESRCH;
}

int pthread_setschedprio(pthread_t thread, int priority) noexcept {
  if (!logical(thread)) return real_pthread_setschedprio(thread, priority);
  const weft_section weft;
  return exists(thread) ? 0 : ESRCH;
}

int pthread_getcpuclockid(pthread_t thread, clockid_t* clock) noexcept {
  if (!logical(thread)) return real_pthread_getcpuclockid(thread, clock);
  const weft_section weft;
  return exists(thread) ? real_pthread_getcpuclockid(os_thread(), clock) : ESRCH;
}

int pthread_getattr_np(pthread_t thread, pthread_attr_t* attr) noexcept {
  if (!logical(thread)) return real_pthread_getattr_np(thread, attr);
  const weft_section weft;
  if (!exists(thread)) return ESRCH;
  if (int rc = pthread_attr_init(attr); rc != 0) return rc;
  const bool detached = current()->thread(id_of(thread)).detached;
  pthread_attr_setdetachstate(attr, detached ? PTHREAD_CREATE_DETACHED : PTHREAD_CREATE_JOINABLE);
  const auto [bottom, size] = current()->stack_of(id_of(thread));
  pthread_attr_setstack(attr, const_cast<void*>(bottom), size);
  return 0;
}

int pthread_kill(pthread_t thread, int signal) noexcept {
  if (!logical(thread)) return real_pthread_kill(thread, signal);
  if (!exists_now(thread)) return ESRCH;
  return signal_thread(id_of(thread), signal, "pthread_kill()");
}

int pthread_sigqueue(pthread_t thread, int signal, const sigval value) noexcept {
  if (!logical(thread)) return real_pthread_sigqueue(thread, signal, value);
  if (!exists_now(thread)) return ESRCH;
  return signal_thread(id_of(thread), signal, "pthread_sigqueue()");
}

}  // extern "C"
