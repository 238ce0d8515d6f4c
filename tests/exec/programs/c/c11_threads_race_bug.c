// C11 <threads.h>: main and a thrd_create'd worker both increment a counter,
// the worker under a mtx_t and main without it. A data race weft finds
// through its own <threads.h> (before, the worker ran as a real thread
// beside weft and the race passed as clean).
// weft-exec-expect: data_race
#include <threads.h>

static mtx_t lock;
static int count;

static int worker(void *arg) {
    (void)arg;
    mtx_lock(&lock);
    ++count;
    mtx_unlock(&lock);
    return 0;
}

int main(void) {
    mtx_init(&lock, mtx_plain);
    thrd_t t;
    thrd_create(&t, worker, NULL);
    ++count; /* BUG: not under the lock */
    thrd_join(t, NULL);
    mtx_destroy(&lock);
    return count == 2 ? 0 : 1;
}
