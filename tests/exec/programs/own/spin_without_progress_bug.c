// A waiter spins on a plain flag that main sets only after joining it: the
// compiler reads the flag once and the loop never touches memory again, so no
// scheduling point comes and nothing else can run. weft's watchdog ends the
// execution: a `hang` finding naming the spinning thread, with its trace and
// a replay (on real threads the program never ends).
// weft-exec-expect: hang
#include <pthread.h>
#include <stddef.h>

static int ready; /* plain, and set too late */

static void *waiter(void *arg) {
    (void)arg;
    while (!ready) {
    }
    return NULL;
}

int main(void) {
    pthread_t t;
    pthread_create(&t, NULL, waiter, NULL);
    pthread_join(t, NULL); /* BUG: joins before setting what the waiter waits for */
    ready = 1;
    return 0;
}
