// The connection pool of named_semaphore_slots_ok.c, whose semaphore is
// created with two slots where the statistics it guards allow one: two
// workers update them at once, and the count can come out short
// (natively 100 of 100 runs pass: the updates are a few instructions).
// weft-exec-expect: data_race
#include <fcntl.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <unistd.h>

enum { workers = 3, requests = 2 };

static sem_t* slot;
static int served, busiest;  // under the slot, supposedly

static void* worker(void* arg) {
  (void)arg;
  for (int i = 0; i < requests; ++i) {
    if (sem_wait(slot) != 0) return (void*)1;
    ++served;
    if (served > busiest) busiest = served;
    sem_post(slot);
  }
  return NULL;
}

int main(void) {
  char name[64];
  snprintf(name, sizeof name, "/pool-slots-%d", (int)getpid());
  slot = sem_open(name, O_CREAT | O_EXCL, 0600, 2);  // BUG: two slots
  if (slot == SEM_FAILED) return 2;
  sem_unlink(name);
  pthread_t threads[workers];
  for (int i = 0; i < workers; ++i) pthread_create(&threads[i], NULL, worker, NULL);
  for (int i = 0; i < workers; ++i) pthread_join(threads[i], NULL);
  int free_slots = -1;
  sem_getvalue(slot, &free_slots);
  sem_close(slot);
  return served == workers * requests && busiest == served && free_slots == 2 ? 0 : 1;
}
