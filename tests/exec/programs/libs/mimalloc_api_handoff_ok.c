// mimalloc's own API (libmimalloc-dev): a producer allocates blocks with
// mi_malloc, fills them and queues them (a bounded queue under a mutex);
// the consumer reads each and frees it with mi_free, on its own thread.
// mimalloc gives a block freed by another thread back to its owner through
// an atomic free list inside the library, and the producer's next
// mi_malloc hands it out again: the producer's writes into a reused block
// come after the consumer's reads of its previous life, through the queue
// and mimalloc.
// weft-exec-expect: clean
#include <mimalloc.h>
#include <pthread.h>
#include <stdio.h>

enum { blocks = 48, block_size = 4096 };

struct job {
  struct job* next;
  int number;
  int check;
  char payload[block_size - 16];
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t filled = PTHREAD_COND_INITIALIZER;
static pthread_cond_t room = PTHREAD_COND_INITIALIZER;
static struct job *head, *tail;
static int queued, finished;

static void* consume(void* arg) {
  long* sum = arg;
  for (;;) {
    pthread_mutex_lock(&lock);
    while (head == NULL && !finished) pthread_cond_wait(&filled, &lock);
    struct job* j = head;
    if (j != NULL) {
      head = j->next;
      if (head == NULL) tail = NULL;
      --queued;
      pthread_cond_signal(&room);
    }
    pthread_mutex_unlock(&lock);
    if (j == NULL) return NULL;
    if (j->check != j->number * 7) return NULL;
    *sum += j->number + j->payload[0];
    mi_free(j);
  }
}

int main(void) {
  long sum = 0;
  pthread_t consumer;
  pthread_create(&consumer, NULL, consume, &sum);
  for (int i = 0; i < blocks; ++i) {
    struct job* j = mi_malloc(sizeof *j);
    j->next = NULL;
    j->number = i;
    j->check = i * 7;
    j->payload[0] = 1;
    pthread_mutex_lock(&lock);
    while (queued == 2) pthread_cond_wait(&room, &lock);
    ++queued;
    if (tail != NULL) tail->next = j; else head = j;
    tail = j;
    pthread_cond_signal(&filled);
    pthread_mutex_unlock(&lock);
  }
  pthread_mutex_lock(&lock);
  finished = 1;
  pthread_cond_broadcast(&filled);
  pthread_mutex_unlock(&lock);
  pthread_join(consumer, NULL);
  const long expected = (long)blocks * (blocks - 1) / 2 + blocks;
  if (sum != expected) {
    fprintf(stderr, "sum %ld, expected %ld\n", sum, expected);
    return 1;
  }
  return 0;
}
