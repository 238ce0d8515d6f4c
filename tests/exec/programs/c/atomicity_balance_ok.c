// Atomicity violation, fixed (C, pthreads): the balance check and the debit
// are one critical section, so exactly one of the two withdrawals of 60 from
// 100 succeeds and the balance ends at 40.
// weft-exec-expect: clean
#include <assert.h>
#include <pthread.h>
#include <stddef.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int balance = 100;

static void *withdraw(void *arg) {
    int amount = *(const int *)arg;
    pthread_mutex_lock(&lock);
    if (balance >= amount)
        balance -= amount;
    pthread_mutex_unlock(&lock);
    return NULL;
}

int main(void) {
    static const int amount = 60;
    pthread_t a, b;
    pthread_create(&a, NULL, withdraw, (void *)&amount);
    pthread_create(&b, NULL, withdraw, (void *)&amount);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    assert(balance == 40);
    return 0;
}
