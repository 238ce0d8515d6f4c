// Wrong lock, fixed (C, pthreads): both threads increment `hits` under the
// one mutex that guards it (log_lock still guards the log line count only),
// so no increment is lost and main sees 4.
// weft-exec-expect: clean
#include <assert.h>
#include <pthread.h>
#include <stddef.h>

static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static int hits;      /* guarded by stats_lock */
static int log_lines; /* guarded by log_lock */

static void *stats_thread(void *arg) {
    (void)arg;
    for (int i = 0; i < 2; ++i) {
        pthread_mutex_lock(&stats_lock);
        ++hits;
        pthread_mutex_unlock(&stats_lock);
    }
    return NULL;
}

static void *log_thread(void *arg) {
    (void)arg;
    for (int i = 0; i < 2; ++i) {
        pthread_mutex_lock(&log_lock);
        ++log_lines;
        pthread_mutex_unlock(&log_lock);
        pthread_mutex_lock(&stats_lock);
        ++hits;
        pthread_mutex_unlock(&stats_lock);
    }
    return NULL;
}

int main(void) {
    pthread_t a, b;
    pthread_create(&a, NULL, stats_thread, NULL);
    pthread_create(&b, NULL, log_thread, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    assert(hits == 4 && log_lines == 2);
    return 0;
}
