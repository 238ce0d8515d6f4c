// C11 <threads.h>: a worker and main count under a mtx_t, the worker signals
// a cnd_t, main waits for it in a loop, call_once initialises once, and the
// worker's result comes back through thrd_join. glibc implements these with
// internal pthread calls weft cannot see; weft's own definitions route them
// through its checked primitives (before, the worker ran as a real thread).
// weft-exec-expect: clean
#include <assert.h>
#include <threads.h>

static mtx_t lock;
static cnd_t changed;
static once_flag once = ONCE_FLAG_INIT;
static int inits, count, ready;

static void init(void) { ++inits; }

static int worker(void *arg) {
    (void)arg;
    call_once(&once, init);
    mtx_lock(&lock);
    ++count;
    ready = 1;
    cnd_signal(&changed);
    mtx_unlock(&lock);
    return 7;
}

int main(void) {
    assert(mtx_init(&lock, mtx_plain) == thrd_success && cnd_init(&changed) == thrd_success);
    thrd_t t;
    assert(thrd_create(&t, worker, NULL) == thrd_success);
    call_once(&once, init);
    mtx_lock(&lock);
    while (!ready) cnd_wait(&changed, &lock);
    ++count;
    mtx_unlock(&lock);
    int result = 0;
    assert(thrd_join(t, &result) == thrd_success && result == 7);
    assert(count == 2 && inits == 1);
    cnd_destroy(&changed);
    mtx_destroy(&lock);
    return 0;
}
