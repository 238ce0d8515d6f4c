// Two workers each draw a request id from the kernel (getrandom, as NNG and
// many servers do), take a lock once per bit of it to "register" the id,
// then bump a shared count without the lock: a data race. The number of
// steps before the race depends on the random bytes, so a replay of the
// finding reproduces it only when the bytes are the same again (weft's
// stream inside an execution).
// weft-exec-expect: data_race
#include <pthread.h>
#include <stdint.h>
#include <sys/random.h>

static pthread_mutex_t registry = PTHREAD_MUTEX_INITIALIZER;
static unsigned registered;
static unsigned served;

static void* serve(void* arg) {
  (void)arg;
  uint8_t id = 0;
  if (getrandom(&id, sizeof id, 0) != sizeof id) return NULL;
  for (unsigned bits = id; bits != 0; bits &= bits - 1) {
    pthread_mutex_lock(&registry);
    ++registered;
    pthread_mutex_unlock(&registry);
  }
  ++served;  // not under the lock
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, serve, NULL);
  pthread_create(&b, NULL, serve, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return served == 2 ? 0 : 1;
}
