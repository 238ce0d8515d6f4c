// A ticket spinlock in the style of Linux's x86 arch_spinlock_t (one 32-bit
// word, {u16 head; u16 tail}: a 32-bit fetch_add takes a ticket, 16-bit
// acquire loads of head wait for it) whose unlock adds to head with a
// relaxed 16-bit add instead of a release: the next owner's acquire
// synchronises with nothing, and the counter it guards is a data race.
// weft-exec-expect: data_race
#include <assert.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>

typedef union {
    uint32_t word;
    struct {
        uint16_t head, tail;
    } s;
} ticketlock;

static ticketlock lock;
static long counter;

static void ticket_lock(ticketlock *l) {
    uint32_t old = __atomic_fetch_add(&l->word, 1u << 16, __ATOMIC_ACQUIRE);
    uint16_t mine = (uint16_t)(old >> 16);
    while (__atomic_load_n(&l->s.head, __ATOMIC_ACQUIRE) != mine) sched_yield();
}

static void ticket_unlock(ticketlock *l) { __atomic_fetch_add(&l->s.head, 1, __ATOMIC_RELAXED); }  /* should release */

static void *worker(void *arg) {
    (void)arg;
    for (int i = 0; i < 2; ++i) {
        ticket_lock(&lock);
        counter++;
        ticket_unlock(&lock);
    }
    return NULL;
}

int main(void) {
    pthread_t workers[2];
    for (int i = 0; i < 2; ++i) pthread_create(&workers[i], NULL, worker, NULL);
    for (int i = 0; i < 2; ++i) pthread_join(workers[i], NULL);
    assert(counter == 4);
    return 0;
}
