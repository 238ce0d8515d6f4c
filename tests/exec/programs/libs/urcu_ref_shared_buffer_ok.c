// Userspace RCU's reference counts (liburcu-dev, urcu/ref.h): main fills a
// buffer and shares it with two workers, each taking a reference with
// urcu_ref_get(); whoever drops the last one with urcu_ref_put() frees it,
// a worker or main. Correct: the put's fully ordered subtraction orders
// every holder's reads before the free.
// weft-exec-expect: clean
#include <pthread.h>
#include <stdlib.h>
#include <urcu/ref.h>

struct buffer {
  struct urcu_ref ref;
  int bytes[4];
};

static void release(struct urcu_ref* ref) { free(caa_container_of(ref, struct buffer, ref)); }

static void* worker(void* arg) {
  struct buffer* b = arg;
  int sum = 0;
  for (int i = 0; i < 4; ++i) sum += b->bytes[i];
  urcu_ref_put(&b->ref, release);
  return sum == 0 + 1 + 2 + 3 ? NULL : arg;
}

int main(void) {
  struct buffer* b = malloc(sizeof *b);
  urcu_ref_init(&b->ref);
  for (int i = 0; i < 4; ++i) b->bytes[i] = i;
  pthread_t t[2];
  for (int i = 0; i < 2; ++i) {
    urcu_ref_get(&b->ref);
    pthread_create(&t[i], NULL, worker, b);
  }
  urcu_ref_put(&b->ref, release);
  int failed = 0;
  for (int i = 0; i < 2; ++i) {
    void* r;
    pthread_join(t[i], &r);
    failed |= r != NULL;
  }
  return failed;
}
