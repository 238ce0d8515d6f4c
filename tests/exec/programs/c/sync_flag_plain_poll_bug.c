// A worker says it is done with an atomic store (__atomic_store_n, release);
// main waits for it by polling the flag plainly (`while (!done)`), as code
// written before C11 often does. The plain poll races with the atomic store
// (C11 5.1.2.4; ThreadSanitizer reports it, and a compiler may hoist the
// load out of the loop): a mixed atomic/plain race weft missed before.
// weft-exec-expect: data_race
#include <pthread.h>
#include <sched.h>
#include <stdio.h>

static int done;

static void *worker(void *arg) {
    (void)arg;
    puts("working");
    __atomic_store_n(&done, 1, __ATOMIC_RELEASE);
    return NULL;
}

int main(void) {
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    while (!done) sched_yield();  /* plain read of an atomically written flag */
    pthread_join(t, NULL);
    return 0;
}
