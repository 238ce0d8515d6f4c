// A connection pool of one slot guarded by a POSIX named semaphore
// (sem_open, unlinked at once so that nothing is left in /dev/shm whatever
// happens): each worker waits for the slot, updates the pool's statistics
// and posts it back; main reads the free slots with sem_getvalue at the
// end. weft exec did not follow named semaphores: the waits were real
// (a contended one held every thread) and ordered nothing, and this
// correct program was a false `data_race` at its first execution.
// weft-exec-expect: clean
#include <fcntl.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <unistd.h>

enum { workers = 3, requests = 2 };

static sem_t* slot;
static int served, busiest;  // under the slot

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
  slot = sem_open(name, O_CREAT | O_EXCL, 0600, 1);
  if (slot == SEM_FAILED) return 2;
  sem_unlink(name);  // private to this process from here on
  pthread_t threads[workers];
  for (int i = 0; i < workers; ++i) pthread_create(&threads[i], NULL, worker, NULL);
  for (int i = 0; i < workers; ++i) pthread_join(threads[i], NULL);
  int free_slots = -1;
  sem_getvalue(slot, &free_slots);
  sem_close(slot);
  return served == workers * requests && busiest == served && free_slots == 1 ? 0 : 1;
}
