// Concurrency Kit (libck-dev) used as its documentation shows: a counter
// under a ck_spinlock_fas, a single-producer single-consumer ck_ring
// handing items to main, a multi-producer ck_ring_enqueue_mpmc, a statistic
// bumped with ck_pr_inc_uint, and a result published with
// ck_pr_fence_store() before ck_pr_store_int(), read after ck_pr_load_int()
// and ck_pr_fence_load(). weft-cc builds Concurrency Kit's atomics as
// compiler builtins and its fences for its weakest memory model (RMO), and
// weft exec treats its volatile loads and stores as relaxed atomics: every
// hand-over is ordered by a fence or an atomic. Correct.
// weft-exec-expect: clean
#include <ck_pr.h>
#include <ck_ring.h>
#include <ck_spinlock.h>
#include <pthread.h>
#include <stdlib.h>

enum { adds = 2, items = 4, ring_size = 4 };

static ck_spinlock_fas_t lock = CK_SPINLOCK_FAS_INITIALIZER;
static long counter;
static unsigned statistic;

static ck_ring_t spsc;
static ck_ring_buffer_t spsc_slots[ring_size];
static int produced[items];

static ck_ring_t mpmc;
static ck_ring_buffer_t mpmc_slots[ring_size];
static int tickets[2];

static int result;
static int result_ready;

static void* adder(void* arg) {
  for (int i = 0; i < adds; ++i) {
    ck_spinlock_fas_lock(&lock);
    ++counter;
    ck_spinlock_fas_unlock(&lock);
  }
  ck_pr_inc_uint(&statistic);
  tickets[(long)arg] = 100 + (int)(long)arg;
  ck_ring_enqueue_mpmc(&mpmc, mpmc_slots, &tickets[(long)arg]);  // room for both
  return NULL;
}

static void* producer(void* arg) {
  (void)arg;
  for (int i = 0; i < items; ++i) {
    produced[i] = i * 3;
    while (!ck_ring_enqueue_spsc(&spsc, spsc_slots, &produced[i])) ck_pr_stall();
  }
  result = 42;
  ck_pr_fence_store();
  ck_pr_store_int(&result_ready, 1);
  return NULL;
}

int main(void) {
  ck_ring_init(&spsc, ring_size);
  ck_ring_init(&mpmc, ring_size);
  pthread_t a, b, p;
  pthread_create(&a, NULL, adder, (void*)0);
  pthread_create(&b, NULL, adder, (void*)1);
  pthread_create(&p, NULL, producer, NULL);
  for (int i = 0; i < items; ++i) {
    int* got;
    while (!ck_ring_dequeue_spsc(&spsc, spsc_slots, &got)) ck_pr_stall();
    if (*got != i * 3) abort();
  }
  while (ck_pr_load_int(&result_ready) == 0) ck_pr_stall();
  ck_pr_fence_load();
  if (result != 42) abort();
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  pthread_join(p, NULL);
  int sum = 0;
  for (int* ticket; ck_ring_dequeue_mpmc(&mpmc, mpmc_slots, &ticket);) sum += *ticket;
  if (counter != 2 * adds || ck_pr_load_uint(&statistic) != 2 || sum != 201) abort();
  return 0;
}
