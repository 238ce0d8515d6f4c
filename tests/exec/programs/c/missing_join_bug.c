// Missing join (C, pthreads): main detaches the worker that computes a sum
// and then reads the result "because the worker must be done by now". No
// join, no lock: the worker's write and main's read are a data race.
// weft-exec-expect: data_race
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>

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
    pthread_detach(t); /* BUG: main never waits for the worker */
    printf("sum = %d\n", result); /* races with the worker's write */
    return 0;
}
