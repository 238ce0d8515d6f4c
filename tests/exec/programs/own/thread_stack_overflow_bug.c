// A thread recurses without bound. Every frame writes a local through the
// instrumentation, so the recursion mostly runs inside weft's hooks: weft
// reports the overflow when a hook finds less than its headroom (64 KiB) of
// the thread's stack left, before its own code would hit the guard page halfway through a
// malloc (which, abandoned there, broke the heap of the rest of the process).
// The thread is created with a 1 MiB stack, which weft gives it (plus room
// for its own frames): the overflow comes as soon as on a real thread, and
// the test stays quick (every frame's volatile local is a location weft
// tracks). A `crash` finding with its replay.
// weft-exec-expect: crash
#include <pthread.h>
#include <stdio.h>

static int depth(int n) {
    volatile char frame[256];
    frame[0] = (char)n;
    return n <= 0 ? frame[0] : depth(n - 1) + frame[0]; /* BUG: no bound that fits a stack */
}

static void *deep(void *arg) {
    (void)arg;
    printf("%d\n", depth(1 << 30));
    return NULL;
}

int main(void) {
    pthread_attr_t attr;  /* a 1 MiB thread, as servers size their workers */
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 1u << 20);
    pthread_t t;
    pthread_create(&t, &attr, deep, NULL);
    pthread_attr_destroy(&attr);
    pthread_join(t, NULL);
    return 0;
}
