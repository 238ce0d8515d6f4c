// Lost signal (C, pthreads): main waits for the worker's "started" signal
// with a bare pthread_cond_wait, no predicate. If the worker signals before
// main starts waiting, the signal is lost and main waits forever.
// weft-exec-expect: deadlock|lost_wakeup
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
    pthread_cond_wait(&started_cv, &lock); /* BUG: `started` is never checked */
    pthread_mutex_unlock(&lock);
    pthread_join(t, NULL);
    return 0;
}
