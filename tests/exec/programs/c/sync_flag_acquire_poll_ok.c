// A worker fills a result, then says it is done with a release store
// (__atomic_store_n); main polls the flag with acquire loads and then reads
// the result. Every access of the flag is atomic, and the acquire orders
// the result's write before its read: correct, clean in every schedule.
// weft-exec-expect: clean
#include <assert.h>
#include <pthread.h>
#include <sched.h>

static int result;
static int done;

static void *worker(void *arg) {
    (void)arg;
    result = 42;
    __atomic_store_n(&done, 1, __ATOMIC_RELEASE);
    return NULL;
}

int main(void) {
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    while (!__atomic_load_n(&done, __ATOMIC_ACQUIRE)) sched_yield();
    assert(result == 42);
    pthread_join(t, NULL);
    done = 0;  /* plain reset after the join: ordered */
    return 0;
}
