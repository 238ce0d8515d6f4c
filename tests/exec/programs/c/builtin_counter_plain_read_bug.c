// Workers count finished items with GCC's __atomic_fetch_add; main prints
// progress by reading the counter plainly while they still run. A plain
// read unordered with an atomic write of the same int is a data race (C11
// 5.1.2.4; ThreadSanitizer reports it): weft used to keep atomic and plain
// accesses of the same bytes apart and missed it.
// weft-exec-expect: data_race
#include <pthread.h>
#include <stdio.h>

static long finished;

static void *worker(void *arg) {
    (void)arg;
    for (int i = 0; i < 3; ++i) __atomic_fetch_add(&finished, 1, __ATOMIC_RELAXED);
    return NULL;
}

int main(void) {
    pthread_t workers[2];
    for (int i = 0; i < 2; ++i) pthread_create(&workers[i], NULL, worker, NULL);
    long progress = finished;  /* plain read while the workers count */
    for (int i = 0; i < 2; ++i) pthread_join(workers[i], NULL);
    printf("progress %ld, total %ld\n", progress, __atomic_load_n(&finished, __ATOMIC_RELAXED));
    return 0;
}
