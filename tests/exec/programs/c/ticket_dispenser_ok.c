// Ticket dispenser, correct (C11, <stdatomic.h>): each clerk takes its number
// with one atomic_fetch_add, so the two tickets are always 1 and 2 and main
// returns 0.
// weft-exec-expect: clean
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

static atomic_int next_ticket = 1;
static int tickets[2]; /* each clerk writes its own slot; main reads after join */

static void *clerk(void *arg) {
    int *mine = arg;
    *mine = atomic_fetch_add(&next_ticket, 1);
    return NULL;
}

int main(void) {
    pthread_t a, b;
    pthread_create(&a, NULL, clerk, &tickets[0]);
    pthread_create(&b, NULL, clerk, &tickets[1]);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    assert(tickets[0] + tickets[1] == 3);
    return tickets[0] == tickets[1] ? 1 : 0;
}
