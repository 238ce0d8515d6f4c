// Concurrency Kit misuse: ck_ring_enqueue_spsc is for one producer at a
// time, but two threads enqueue into the same ring. Both can read the same
// producer index and write the same slot (a data race on the ring's slots
// and index), and an item is lost.
// weft-exec-expect: data_race
#include <ck_ring.h>
#include <pthread.h>

static ck_ring_t ring;
static ck_ring_buffer_t slots[8];
static int values[2] = {1, 2};

static void* producer(void* arg) {
  ck_ring_enqueue_spsc(&ring, slots, &values[(long)arg]);  // BUG: two producers on an spsc ring
  return NULL;
}

int main(void) {
  ck_ring_init(&ring, 8);
  pthread_t a, b;
  pthread_create(&a, NULL, producer, (void*)0);
  pthread_create(&b, NULL, producer, (void*)1);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  int sum = 0;
  for (int* got; ck_ring_dequeue_spsc(&ring, slots, &got);) sum += *got;
  return sum == 3 ? 0 : 1;
}
