// Atomicity violation (C, pthreads): two withdrawals of 60 from a balance of
// 100. Each one checks the balance and then debits it, each half under the
// mutex but not as one critical section; both checks can pass before either
// debit, the balance goes negative and main's assert() fails.
// weft-exec-expect: crash
#include <assert.h>
#include <pthread.h>
#include <stddef.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int balance = 100;

static void *withdraw(void *arg) {
    int amount = *(const int *)arg;
    pthread_mutex_lock(&lock);
    int enough = balance >= amount; /* check ... */
    pthread_mutex_unlock(&lock);
    if (enough) {
        pthread_mutex_lock(&lock);
        balance -= amount; /* ... then act: BUG, the check may be stale */
        pthread_mutex_unlock(&lock);
    }
    return NULL;
}

int main(void) {
    static const int amount = 60;
    pthread_t a, b;
    pthread_create(&a, NULL, withdraw, (void *)&amount);
    pthread_create(&b, NULL, withdraw, (void *)&amount);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    assert(balance >= 0 && "overdrawn: both withdrawals passed the check");
    return 0;
}
