// Relaxed publication, fixed (C11, <stdatomic.h>): the flag is raised with a
// release store and read with an acquire load, so a reader that sees the flag
// also sees the whole payload (42), and the payload accesses do not race.
// weft-exec-expect: clean
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

static int payload[2]; /* plain data published through `ready` */
static atomic_int ready;
static int seen;       /* the reader's copy, read by main after join */

static void *writer(void *arg) {
    (void)arg;
    payload[0] = 40;
    payload[1] = 2;
    atomic_store_explicit(&ready, 1, memory_order_release);
    return NULL;
}

static void *reader(void *arg) {
    (void)arg;
    if (atomic_load_explicit(&ready, memory_order_acquire)) {
        seen = payload[0] + payload[1];
        assert(seen == 42);
    }
    return NULL;
}

int main(void) {
    pthread_t w, r;
    pthread_create(&w, NULL, writer, NULL);
    pthread_create(&r, NULL, reader, NULL);
    pthread_join(w, NULL);
    pthread_join(r, NULL);
    assert(seen == 0 || seen == 42);
    return 0;
}
