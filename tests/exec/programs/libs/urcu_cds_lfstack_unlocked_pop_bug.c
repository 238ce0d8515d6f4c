// Userspace RCU's lock-free stack (liburcu-dev, urcu/lfstack.h), misused:
// __cds_lfs_pop() needs the caller's mutual exclusion (a mutex, or an RCU
// read-side section and a grace period before a node is reused), and two
// threads pop without it. A worker that takes two jobs, finishes the
// second and puts the first back is the ABA problem: another popper that
// read the top and its next before all that swings the top to the
// finished, freed job, which main frees again.
// weft-exec-expect: misuse/double_free|misuse/use_after_free|data_race|crash
#include <pthread.h>
#include <stdlib.h>
#include <urcu/lfstack.h>

struct job {
  int id;
  struct cds_lfs_node node;
};

static struct __cds_lfs_stack jobs;

static struct job* pop_job(void) {
  struct cds_lfs_node* n = __cds_lfs_pop(&jobs);
  return n != NULL ? caa_container_of(n, struct job, node) : NULL;
}

static void* taker(void* arg) {
  (void)arg;
  free(pop_job());
  return NULL;
}

static void* reshuffler(void* arg) {
  (void)arg;
  struct job* first = pop_job();
  struct job* second = pop_job();
  free(second);                                          // done with it
  if (first != NULL) cds_lfs_push(&jobs, &first->node);  // not yet: back on the stack
  return NULL;
}

int main(void) {
  __cds_lfs_init(&jobs);
  for (int i = 0; i < 3; ++i) {
    struct job* j = malloc(sizeof *j);
    cds_lfs_node_init(&j->node);
    j->id = i;
    cds_lfs_push(&jobs, &j->node);
  }
  pthread_t t[2];
  pthread_create(&t[0], NULL, taker, NULL);
  pthread_create(&t[1], NULL, reshuffler, NULL);
  for (int i = 0; i < 2; ++i) pthread_join(t[i], NULL);
  struct job* j;
  while ((j = pop_job()) != NULL) free(j);
  return 0;
}
