// A ticket spinlock in the style of Linux's x86 arch_spinlock_t: one 32-bit
// word, {u16 head; u16 tail}. Locking takes a ticket with a 32-bit
// fetch_add on the whole word, then spins on 16-bit acquire loads of head;
// unlocking is a 16-bit release add on head. It guards a plain counter.
// Correct, and clean under ThreadSanitizer. weft reported a data race on
// the counter at the first execution under every strategy before: an
// access of another width made its memory model drop the atomic's history,
// and with it the release the next owner acquires.
// weft-exec-expect: clean
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

static void ticket_unlock(ticketlock *l) { __atomic_fetch_add(&l->s.head, 1, __ATOMIC_RELEASE); }

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
