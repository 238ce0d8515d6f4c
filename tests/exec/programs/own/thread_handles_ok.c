// The pthread calls that take a thread's handle, used as programs use them:
// naming threads, pinning and prioritising them, reading a thread's stack,
// probing it with pthread_kill(t, 0), and joining with a try or a timeout.
// Each takes the handle of a logical thread under weft; the real ones would
// read it as a thread of their own and crash the process (a `crash` on this
// correct program, before thread_handles.cpp).
// weft-exec-expect: clean
#define _GNU_SOURCE
#include <assert.h>
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int done;

static void *worker(void *arg) {
    (void)arg;
    usleep(1000);
    pthread_mutex_lock(&lock);
    ++done;
    pthread_mutex_unlock(&lock);
    return &done;
}

int main(void) {
    pthread_t t, u;
    assert(pthread_create(&t, NULL, worker, NULL) == 0);
    assert(pthread_create(&u, NULL, worker, NULL) == 0);

    assert(pthread_setname_np(t, "worker-t") == 0);
    assert(pthread_setname_np(t, "a name longer than sixteen") == ERANGE);
    char name[16];
    assert(pthread_getname_np(t, name, sizeof name) == 0 && strcmp(name, "worker-t") == 0);
    assert(pthread_getname_np(t, name, 4) == ERANGE);

    cpu_set_t cpus;
    CPU_ZERO(&cpus);
    CPU_SET(0, &cpus);
    assert(pthread_setaffinity_np(t, sizeof cpus, &cpus) == 0);
    assert(pthread_getaffinity_np(t, sizeof cpus, &cpus) == 0 && CPU_COUNT(&cpus) > 0);
    struct sched_param param;
    int policy;
    assert(pthread_getschedparam(t, &policy, &param) == 0);
    assert(pthread_setschedparam(t, policy, &param) == 0);
    assert(pthread_setschedprio(t, param.sched_priority) == 0);

    pthread_attr_t attr;
    assert(pthread_getattr_np(t, &attr) == 0);
    void *stack;
    size_t size;
    int detached;
    assert(pthread_attr_getstack(&attr, &stack, &size) == 0 && stack != NULL && size > 0);
    assert(pthread_attr_getdetachstate(&attr, &detached) == 0 && detached == PTHREAD_CREATE_JOINABLE);
    pthread_attr_destroy(&attr);
    assert(pthread_getattr_np(pthread_self(), &attr) == 0);
    pthread_attr_destroy(&attr);

    assert(pthread_kill(t, 0) == 0);

    void *result = NULL;
    int tried = pthread_tryjoin_np(t, &result); /* ended or not: either is right */
    assert(tried == 0 || tried == EBUSY);
    if (tried == EBUSY) assert(pthread_join(t, &result) == 0);
    assert(result == &done);

    struct timespec soon;
    clock_gettime(CLOCK_REALTIME, &soon);
    soon.tv_nsec += 100000; /* 0.1 ms: the worker sleeps 1 ms, so this may time out */
    if (soon.tv_nsec >= 1000000000) {
        soon.tv_sec += 1;
        soon.tv_nsec -= 1000000000;
    }
    int timed = pthread_timedjoin_np(u, &result, &soon);
    assert(timed == 0 || timed == ETIMEDOUT);
    if (timed == ETIMEDOUT) assert(pthread_join(u, &result) == 0);
    assert(result == &done);

    assert(done == 2);
    return 0;
}
