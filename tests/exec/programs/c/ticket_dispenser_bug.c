// Atomicity violation on an atomic (C11, <stdatomic.h>): two clerks take a
// ticket number with an atomic load followed by a separate atomic store of
// number + 1. Every access is atomic, so there is no data race, but both can
// load the same number: duplicate tickets, and main returns 1.
// weft-exec-expect: exit
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

static atomic_int next_ticket = 1;
static int tickets[2]; /* each clerk writes its own slot; main reads after join */

static void *clerk(void *arg) {
    int *mine = arg;
    int t = atomic_load(&next_ticket); /* BUG: load and store are two steps */
    atomic_store(&next_ticket, t + 1);
    *mine = t;
    return NULL;
}

int main(void) {
    pthread_t a, b;
    pthread_create(&a, NULL, clerk, &tickets[0]);
    pthread_create(&b, NULL, clerk, &tickets[1]);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return tickets[0] == tickets[1] ? 1 : 0; /* 1: a ticket was handed out twice */
}
