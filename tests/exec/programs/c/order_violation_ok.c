// Order violation, fixed (C, pthreads): the worker waits on a condition
// variable, in a while loop over the predicate, until main has published the
// configuration, so it can never read it before the initialisation.
// weft-exec-expect: clean
#include <assert.h>
#include <pthread.h>
#include <stddef.h>

struct config {
    int retries;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t published = PTHREAD_COND_INITIALIZER;
static struct config storage;
static struct config *config; /* published by main, read by the worker */

static void *worker(void *arg) {
    (void)arg;
    pthread_mutex_lock(&lock);
    while (config == NULL)
        pthread_cond_wait(&published, &lock);
    int retries = config->retries;
    pthread_mutex_unlock(&lock);
    assert(retries == 3);
    return NULL;
}

int main(void) {
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_mutex_lock(&lock);
    storage.retries = 3;
    config = &storage;
    pthread_cond_signal(&published);
    pthread_mutex_unlock(&lock);
    pthread_join(t, NULL);
    return 0;
}
