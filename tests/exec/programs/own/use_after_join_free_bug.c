// A worker owns its job and frees it when it is done; the caller, after
// joining it, reads the result out of the job. The join orders the free
// before the read, so there is no race to report, and on real threads the
// read gets whatever the allocator left in the block: a use after free.
// weft-exec-expect: misuse/use_after_free
#include <pthread.h>
#include <stdlib.h>

struct job {
  int input;
  int result;
};

static void* worker(void* arg) {
  struct job* j = arg;
  j->result = j->input * 2;
  free(j);
  return NULL;
}

int main(void) {
  struct job* j = malloc(sizeof *j);
  if (j == NULL) return 2;
  j->input = 21;
  pthread_t t;
  pthread_create(&t, NULL, worker, j);
  pthread_join(t, NULL);
  return j->result == 42 ? 0 : 1;  // BUG: the worker freed the job
}
