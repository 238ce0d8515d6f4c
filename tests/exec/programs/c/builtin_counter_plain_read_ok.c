// Workers count finished items with GCC's __atomic_fetch_add; main reads the
// progress with __atomic_load_n while they run, and the plain counter only
// after joining them (the joins order every atomic add before the plain
// accesses): correct, and clean in every schedule.
// weft-exec-expect: clean
#include <assert.h>
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
    finished = 0;  /* plain, before the workers exist */
    for (int i = 0; i < 2; ++i) pthread_create(&workers[i], NULL, worker, NULL);
    long progress = __atomic_load_n(&finished, __ATOMIC_RELAXED);
    for (int i = 0; i < 2; ++i) pthread_join(workers[i], NULL);
    finished += 100;  /* plain, after the joins */
    printf("progress %ld, total %ld\n", progress, finished);
    assert(finished == 106);
    return 0;
}
