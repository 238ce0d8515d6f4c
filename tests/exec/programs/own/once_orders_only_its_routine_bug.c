// Configuration loaded once with pthread_once (main loads it before its
// workers start), and two workers that each call the loader again on their
// way, as libraries do on every entry point (OpenSSL's CRYPTO_THREAD_run_once).
// The bug: the workers share a plain status word with no lock; the first
// writes it, then signals the second with a relaxed flag (which orders
// nothing), and the second writes it too. A pthread_once whose routine ran
// orders its caller after the routine, not after the callers before it:
// weft took the once's lock on every call, which ordered the second worker
// after the first, and this race was hidden.
// weft-exec-expect: data_race
#include <pthread.h>
#include <stdatomic.h>

static pthread_once_t loaded = PTHREAD_ONCE_INIT;
static int config_version;
static int status;  // both workers' (the bug: no lock)
static atomic_int first_done;

static void load_config(void) { config_version = 3; }

static void* first(void* arg) {
  status = 1;
  pthread_once(&loaded, load_config);
  atomic_store_explicit(&first_done, 1, memory_order_relaxed);
  return arg;
}

static void* second(void* arg) {
  while (!atomic_load_explicit(&first_done, memory_order_relaxed)) {
  }
  pthread_once(&loaded, load_config);
  status = 2;
  return arg;
}

int main(void) {
  pthread_once(&loaded, load_config);
  pthread_t threads[2];
  pthread_create(&threads[0], NULL, first, NULL);
  pthread_create(&threads[1], NULL, second, NULL);
  for (int i = 0; i < 2; ++i) pthread_join(threads[i], NULL);
  return config_version == 3 && status == 2 ? 0 : 1;
}
