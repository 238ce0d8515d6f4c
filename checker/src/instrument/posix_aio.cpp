// POSIX asynchronous I/O inside an execution of weft exec: each request is
// carried out by a logical thread of weft's, as glibc carries it out by a
// helper thread of its own.
//
// glibc's aio_read and friends start their helper threads, and the thread
// a SIGEV_THREAD notification runs in, with a call to pthread_create
// inside libc that weft's pthread_create never sees: a real thread ran the
// program's callback beside the execution's, and a main that waited on a
// condition variable for that callback was a false lost_wakeup at the first
// execution under every strategy (nothing weft knew of could notify it). So
// the requests are defined here: inside an execution, aio_read, aio_write,
// aio_fsync and lio_listio start a detached logical thread per request,
// which does the I/O (pread, pwrite, fsync, fdatasync), marks the request
// done, and notifies: SIGEV_THREAD runs the program's function in that
// thread, SIGEV_SIGNAL sends the signal to the process (its value is not
// passed). The I/O thread reads the buffer of a write and writes the buffer
// of a read, as the kernel does on its behalf, so a program that touches a
// buffer before its request completed races with it (the first
// checked_bytes of each). aio_error and aio_return of a done request happen
// after it (aio_error of one in progress gives way, as a poll does);
// aio_suspend and lio_listio(LIO_WAIT) wait on a weft condition variable.
// Outside an execution the real calls run. aio_cancel cancels nothing (a
// request in progress is AIO_NOTCANCELED, a done one AIO_ALLDONE).
#include <aio.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>

#include "address_objects.hpp"
#include "interpose.hpp"

namespace weft::detail::instrument {
namespace {

WEFT_REAL(aio_read);
WEFT_REAL(aio_write);
WEFT_REAL(aio_fsync);
WEFT_REAL(lio_listio);
WEFT_REAL(aio_error);
WEFT_REAL(aio_return);
WEFT_REAL(aio_suspend);
WEFT_REAL(aio_cancel);

// Requests done: the I/O threads change state under this lock and
// broadcast; aio_suspend and lio_listio wait. Program-style objects, so
// that they are weft's inside an execution.
pthread_mutex_t requests_lock = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t request_done = PTHREAD_COND_INITIALIZER;

bool done(const aiocb* request) { return request->__error_code != EINPROGRESS; }

/// SIGEV_THREAD's function or SIGEV_SIGNAL's signal, from the thread that
/// finished the work.
void notify(const sigevent& how) {
  if (how.sigev_notify == SIGEV_THREAD && how.sigev_notify_function != nullptr) {
    how.sigev_notify_function(how.sigev_value);
  } else if (how.sigev_notify == SIGEV_SIGNAL) {
    ::kill(::getpid(), how.sigev_signo);
  }
}

/// The I/O of `request` (`operation`: LIO_READ, LIO_WRITE, O_SYNC,
/// O_DSYNC), done by the calling I/O thread for the program's call at `pc`;
/// its result and errno.
void perform(aiocb* request, int operation, const void* pc) {
  auto* buffer = const_cast<void*>(request->aio_buf);
  const auto address = reinterpret_cast<std::uintptr_t>(buffer);
  const std::size_t checked = std::min(request->aio_nbytes, checked_bytes);
  ssize_t result = 0;
  if (operation == LIO_READ) {
    result = ::pread(request->aio_fildes, buffer, request->aio_nbytes, request->aio_offset);
    if (checked > 0) plain_write(address, checked, pc);
  } else if (operation == LIO_WRITE) {
    if (checked > 0) plain_read(address, checked, pc);
    result = ::pwrite(request->aio_fildes, buffer, request->aio_nbytes, request->aio_offset);
  } else {
    result = operation == O_DSYNC ? ::fdatasync(request->aio_fildes) : ::fsync(request->aio_fildes);
  }
  const int error = result < 0 ? errno : 0;
  release_at(request);  // aio_error and aio_return acquire it
  pthread_mutex_lock(&requests_lock);
  request->__return_value = result;
  request->__error_code = error;
  pthread_cond_broadcast(&request_done);
  pthread_mutex_unlock(&requests_lock);
}

/// One request for an I/O thread.
struct job {
  aiocb* request;
  int operation;
  bool notifies;  // false: a lio_listio's, notified for the list
  const void* pc;  // the program's call
};

void* run_request(void* argument) {
  const job j = *static_cast<job*>(argument);
  {
    const weft_section weft;
    delete static_cast<job*>(argument);
  }
  perform(j.request, j.operation, j.pc);
  if (j.notifies) notify(j.request->aio_sigevent);
  return nullptr;
}

/// Starts an I/O thread for `request`, asked for at `pc`; 0, or -1 with errno.
int start(aiocb* request, int operation, bool notifies, const void* pc) {
  request->__error_code = EINPROGRESS;
  request->__return_value = 0;
  job* j = nullptr;
  {
    const weft_section weft;
    j = new job{request, operation, notifies, pc};
  }
  pthread_t thread;
  const int error = ::pthread_create(&thread, nullptr, run_request, j);
  if (error != 0) {
    const weft_section weft;
    delete j;
    request->__error_code = 0;
    errno = EAGAIN;
    return -1;
  }
  ::pthread_detach(thread);
  return 0;
}

/// Waits under requests_lock until `finished()` or `deadline` (null: none);
/// false when the deadline came first.
template <class Finished>
bool wait_until(Finished finished, const timespec* timeout) {
  timespec deadline{};
  if (timeout != nullptr) {
    ::clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += timeout->tv_sec;
    deadline.tv_nsec += timeout->tv_nsec;
    if (deadline.tv_nsec >= 1'000'000'000) {
      deadline.tv_nsec -= 1'000'000'000;
      ++deadline.tv_sec;
    }
  }
  pthread_mutex_lock(&requests_lock);
  bool in_time = true;
  while (!finished() && in_time) {
    if (timeout == nullptr) {
      pthread_cond_wait(&request_done, &requests_lock);
    } else {
      in_time = pthread_cond_timedwait(&request_done, &requests_lock, &deadline) == 0 || finished();
    }
  }
  pthread_mutex_unlock(&requests_lock);
  return in_time;
}

/// A lio_listio(LIO_NOWAIT)'s notification, once every request is done.
struct list_notice {
  aiocb* const* list;
  int count;
  sigevent how;
};

void* notify_when_listed_done(void* argument) {
  const list_notice n = *static_cast<list_notice*>(argument);
  {
    const weft_section weft;
    delete static_cast<list_notice*>(argument);
  }
  wait_until([&] { return std::all_of(n.list, n.list + n.count, [](const aiocb* r) { return r == nullptr || done(r); }); },
             nullptr);
  notify(n.how);
  return nullptr;
}

}  // namespace
}  // namespace weft::detail::instrument

using namespace weft::detail::instrument;

extern "C" {

int aio_read(aiocb* request) {
  if (tables() == nullptr) return real_aio_read(request);
  return start(request, LIO_READ, true, WEFT_PC);
}
int aio_write(aiocb* request) {
  if (tables() == nullptr) return real_aio_write(request);
  return start(request, LIO_WRITE, true, WEFT_PC);
}
int aio_fsync(int operation, aiocb* request) {
  if (tables() == nullptr) return real_aio_fsync(operation, request);
  if (operation != O_SYNC && operation != O_DSYNC) {
    errno = EINVAL;
    return -1;
  }
  return start(request, operation, true, WEFT_PC);
}

int lio_listio(int mode, aiocb* const list[], int count, sigevent* how) {
  if (tables() == nullptr) return real_lio_listio(mode, list, count, how);
  if ((mode != LIO_WAIT && mode != LIO_NOWAIT) || count < 0) {
    errno = EINVAL;
    return -1;
  }
  int failed = 0;
  for (int i = 0; i < count; ++i) {
    aiocb* request = list[i];
    if (request == nullptr || request->aio_lio_opcode == LIO_NOP) continue;
    if (start(request, request->aio_lio_opcode, false, WEFT_PC) != 0) ++failed;
  }
  if (mode == LIO_WAIT) {
    wait_until([&] { return std::all_of(list, list + count, [](const aiocb* r) { return r == nullptr || done(r); }); },
               nullptr);
    for (int i = 0; i < count; ++i) {
      if (list[i] != nullptr && list[i]->aio_lio_opcode != LIO_NOP) acquire_at(list[i]);
    }
  } else if (how != nullptr && how->sigev_notify != SIGEV_NONE) {
    list_notice* n = nullptr;
    {
      const weft_section weft;
      n = new list_notice{list, count, *how};
    }
    pthread_t thread;
    if (::pthread_create(&thread, nullptr, notify_when_listed_done, n) == 0) ::pthread_detach(thread);
  }
  if (failed > 0) {
    errno = EIO;
    return -1;
  }
  return 0;
}

int aio_error(const aiocb* request) {
  if (tables() == nullptr) return real_aio_error(request);
  if (!done(request)) {
    ::sched_yield();  // a poll: give way to the I/O thread
    return EINPROGRESS;
  }
  acquire_at(request);
  return request->__error_code;
}

ssize_t aio_return(aiocb* request) {
  if (tables() == nullptr) return real_aio_return(request);
  if (!done(request)) {
    errno = EINVAL;
    return -1;
  }
  acquire_at(request);
  return request->__return_value;
}

int aio_suspend(const aiocb* const list[], int count, const timespec* timeout) {
  if (tables() == nullptr) return real_aio_suspend(list, count, timeout);
  const auto any_done = [&] {
    return std::any_of(list, list + count, [](const aiocb* r) { return r != nullptr && done(r); });
  };
  if (!wait_until(any_done, timeout)) {
    errno = EAGAIN;
    return -1;
  }
  return 0;
}

int aio_cancel(int fd, aiocb* request) {
  if (tables() == nullptr) return real_aio_cancel(fd, request);
  if (request == nullptr) return AIO_ALLDONE;  // every request of fd is done or goes on: none is cancelled
  return done(request) ? AIO_ALLDONE : AIO_NOTCANCELED;
}

// The 64-bit-offset names (_FILE_OFFSET_BITS=64): the same structure here.
int aio_read64(aiocb64* request) { return aio_read(reinterpret_cast<aiocb*>(request)); }
int aio_write64(aiocb64* request) { return aio_write(reinterpret_cast<aiocb*>(request)); }
int aio_fsync64(int operation, aiocb64* request) { return aio_fsync(operation, reinterpret_cast<aiocb*>(request)); }
int lio_listio64(int mode, aiocb64* const list[], int count, sigevent* how) {
  return lio_listio(mode, reinterpret_cast<aiocb* const*>(list), count, how);
}
int aio_error64(const aiocb64* request) { return aio_error(reinterpret_cast<const aiocb*>(request)); }
ssize_t aio_return64(aiocb64* request) { return aio_return(reinterpret_cast<aiocb*>(request)); }
int aio_suspend64(const aiocb64* const list[], int count, const timespec* timeout) {
  return aio_suspend(reinterpret_cast<const aiocb* const*>(list), count, timeout);
}
int aio_cancel64(int fd, aiocb64* request) { return aio_cancel(fd, reinterpret_cast<aiocb*>(request)); }

}  // extern "C"
