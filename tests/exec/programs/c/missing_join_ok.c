// Missing join, fixed (C, pthreads): main joins the worker before reading
// the result; pthread_join orders the worker's write before main's read.
// weft-exec-expect: clean
#include <assert.h>
#include <pthread.h>
#include <stddef.h>

static int result; /* written by the worker, read by main */

static void *sum_to(void *arg) {
    int n = *(const int *)arg;
    int s = 0;
    for (int i = 1; i <= n; ++i)
        s += i;
    result = s;
    return NULL;
}

int main(void) {
    static const int n = 9;
    pthread_t t;
    pthread_create(&t, NULL, sum_to, (void *)&n);
    pthread_join(t, NULL);
    assert(result == 45);
    return 0;
}
