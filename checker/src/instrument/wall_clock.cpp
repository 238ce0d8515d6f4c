// gettimeofday() and time() inside an execution of weft exec: the logical
// CLOCK_REALTIME that clock_gettime() reads there (pthread_interpose.cpp),
// and reading them takes time as reading it does. A program, or a library
// (APR's apr_time_now(), under apr_thread_pool_schedule's timed waits),
// that waits until a time read with them gets there in logical time, as
// with clock_gettime(); with the real clock, each logical timeout came back
// at once while the real time had hardly moved, and the loop spun to the
// livelock bound. Outside an execution the real functions run.
#include <sys/time.h>
#include <time.h>

#include "address_objects.hpp"
#include "interpose.hpp"

using namespace weft::detail;
using namespace weft::detail::instrument;

namespace {
WEFT_REAL(gettimeofday);
WEFT_REAL(time);
}  // namespace

int gettimeofday(timeval* __restrict tv, void* __restrict tz) noexcept {
  if (tables() == nullptr) return real_gettimeofday(tv, tz);
  timespec now{};
  ::clock_gettime(CLOCK_REALTIME, &now);  // weft's: logical time
  tv->tv_sec = now.tv_sec;
  tv->tv_usec = now.tv_nsec / 1000;
  if (tz != nullptr) *static_cast<struct timezone*>(tz) = {};  // obsolete: glibc gives zeros too
  return 0;
}

time_t time(time_t* t) noexcept {
  if (tables() == nullptr) return real_time(t);
  timespec now{};
  ::clock_gettime(CLOCK_REALTIME, &now);
  if (t != nullptr) *t = now.tv_sec;
  return now.tv_sec;
}
