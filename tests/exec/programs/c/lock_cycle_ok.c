// Lock cycle, fixed (C, pthreads): both threads take lock a before lock b,
// one global order, so no cycle and no deadlock; main sees both updates.
// weft-exec-expect: clean
#include <assert.h>
#include <pthread.h>
#include <stddef.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
static int moved; /* guarded by a and b together */

static void *mover(void *arg) {
    (void)arg;
    pthread_mutex_lock(&a);
    pthread_mutex_lock(&b);
    ++moved;
    pthread_mutex_unlock(&b);
    pthread_mutex_unlock(&a);
    return NULL;
}

int main(void) {
    pthread_t t1, t2;
    pthread_create(&t1, NULL, mover, NULL);
    pthread_create(&t2, NULL, mover, NULL);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    assert(moved == 2);
    return 0;
}
