// Lock cycle (C, pthreads): one thread takes lock a then lock b, the other
// b then a. If each gets its first lock before the other's second, both wait
// forever (AB/BA deadlock); even when they don't, the order is inverted.
// weft-exec-expect: deadlock|lock_order_inversion
#include <pthread.h>
#include <stddef.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
static int moved; /* guarded by a and b together */

static void *a_then_b(void *arg) {
    (void)arg;
    pthread_mutex_lock(&a);
    pthread_mutex_lock(&b);
    ++moved;
    pthread_mutex_unlock(&b);
    pthread_mutex_unlock(&a);
    return NULL;
}

static void *b_then_a(void *arg) {
    (void)arg;
    pthread_mutex_lock(&b); /* BUG: the opposite order */
    pthread_mutex_lock(&a);
    ++moved;
    pthread_mutex_unlock(&a);
    pthread_mutex_unlock(&b);
    return NULL;
}

int main(void) {
    pthread_t t1, t2;
    pthread_create(&t1, NULL, a_then_b, NULL);
    pthread_create(&t2, NULL, b_then_a, NULL);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
