// Per-thread state the C way: a pthread key whose destructor frees each
// thread's value when the thread ends (before its join returns), and the
// kernel's thread ids telling threads apart. Under weft the logical threads
// share one OS thread: weft runs the key destructors at a logical thread's
// end, as glibc does at a real one's, and gettid() gives each its own id
// (before: no destructor ran and every thread had main's id, so this
// correct program failed its asserts).
// weft-exec-expect: clean
#define _GNU_SOURCE
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

static pthread_key_t scratch;
static atomic_int freed;
static pid_t ids[2];

static void release(void *buffer) {
    free(buffer);
    atomic_fetch_add(&freed, 1);
}

static void *worker(void *arg) {
    const long i = (long)arg;
    assert(pthread_getspecific(scratch) == NULL);
    pthread_setspecific(scratch, malloc(64));
    ids[i] = gettid();
    assert(ids[i] == (pid_t)syscall(SYS_gettid));
    return NULL;
}

int main(void) {
    assert(pthread_key_create(&scratch, release) == 0);
    pthread_t t[2];
    for (long i = 0; i < 2; ++i) pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < 2; ++i) pthread_join(t[i], NULL);
    assert(atomic_load(&freed) == 2);
    assert(ids[0] != ids[1] && ids[0] != gettid() && ids[1] != gettid());
    assert(gettid() == getpid()); /* main's is the process's */
    pthread_key_delete(scratch);
    return 0;
}
