// Order violation (C, pthreads): main starts a worker and only afterwards
// publishes the configuration the worker reads. Every access is under the
// mutex, so there is no data race; the bug is that nothing makes the worker
// wait for the initialisation: it may see config == NULL and assert() fails.
// weft-exec-expect: crash
#include <assert.h>
#include <pthread.h>
#include <stddef.h>

struct config {
    int retries;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct config storage;
static struct config *config; /* published by main, read by the worker */

static void *worker(void *arg) {
    (void)arg;
    pthread_mutex_lock(&lock);
    struct config *c = config; /* BUG: assumes main has already set it */
    int retries = c != NULL ? c->retries : -1;
    pthread_mutex_unlock(&lock);
    assert(c != NULL && "worker ran before main initialised the configuration");
    assert(retries == 3);
    return NULL;
}

int main(void) {
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_mutex_lock(&lock);
    storage.retries = 3;
    config = &storage;
    pthread_mutex_unlock(&lock);
    pthread_join(t, NULL);
    return 0;
}
