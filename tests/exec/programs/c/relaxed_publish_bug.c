// Relaxed publication (C11, <stdatomic.h>): the writer fills a plain payload
// and raises a flag with a relaxed store; the reader checks the flag with a
// relaxed load and reads the payload. Relaxed operations create no
// happens-before, so the payload write and read are a data race.
// weft-exec-expect: data_race
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>

static int payload[2]; /* plain data published through `ready` */
static atomic_int ready;
static int seen;       /* the reader's copy, read by main after join */

static void *writer(void *arg) {
    (void)arg;
    payload[0] = 40;
    payload[1] = 2;
    atomic_store_explicit(&ready, 1, memory_order_relaxed); /* BUG: should be release */
    return NULL;
}

static void *reader(void *arg) {
    (void)arg;
    if (atomic_load_explicit(&ready, memory_order_relaxed)) /* BUG: should be acquire */
        seen = payload[0] + payload[1];
    return NULL;
}

int main(void) {
    pthread_t w, r;
    pthread_create(&w, NULL, writer, NULL);
    pthread_create(&r, NULL, reader, NULL);
    pthread_join(w, NULL);
    pthread_join(r, NULL);
    printf("seen %d\n", seen);
    return 0;
}
