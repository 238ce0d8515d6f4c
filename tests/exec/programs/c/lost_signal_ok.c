// Lost signal, fixed (C, pthreads): main waits in a while loop over the
// `started` flag, so a signal sent before main waits is not needed (the flag
// is already set) and a spurious wakeup just waits again.
// weft-exec-expect: clean
#include <assert.h>
#include <pthread.h>
#include <stddef.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t started_cv = PTHREAD_COND_INITIALIZER;
static int started; /* guarded by lock */

static void *worker(void *arg) {
    (void)arg;
    pthread_mutex_lock(&lock);
    started = 1;
    pthread_cond_signal(&started_cv);
    pthread_mutex_unlock(&lock);
    return NULL;
}

int main(void) {
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_mutex_lock(&lock);
    while (!started)
        pthread_cond_wait(&started_cv, &lock);
    assert(started == 1);
    pthread_mutex_unlock(&lock);
    pthread_join(t, NULL);
    return 0;
}
