// Wrong lock (C, pthreads): one counter, two mutexes. The statistics thread
// increments `hits` under stats_lock, the logging thread under log_lock, so
// the two increments are not ordered and race on plain memory.
// weft-exec-expect: data_race
#include <pthread.h>
#include <stddef.h>

static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static int hits; /* meant to be guarded by stats_lock */

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
        pthread_mutex_lock(&log_lock); /* BUG: the wrong mutex for hits */
        ++hits;
        pthread_mutex_unlock(&log_lock);
    }
    return NULL;
}

int main(void) {
    pthread_t a, b;
    pthread_create(&a, NULL, stats_thread, NULL);
    pthread_create(&b, NULL, log_thread, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
