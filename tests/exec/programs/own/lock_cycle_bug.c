// Two threads take two mutexes in opposite orders (AB/BA).
// weft-exec-expect: deadlock|lock_order_inversion
#include <pthread.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
static int shared;

static void* ab(void* arg) {
  pthread_mutex_lock(&a);
  pthread_mutex_lock(&b);
  shared++;
  pthread_mutex_unlock(&b);
  pthread_mutex_unlock(&a);
  return arg;
}

static void* ba(void* arg) {
  pthread_mutex_lock(&b);
  pthread_mutex_lock(&a);
  shared++;
  pthread_mutex_unlock(&a);
  pthread_mutex_unlock(&b);
  return arg;
}

int main(void) {
  pthread_t x, y;
  pthread_create(&x, NULL, ab, NULL);
  pthread_create(&y, NULL, ba, NULL);
  pthread_join(x, NULL);
  pthread_join(y, NULL);
  return shared == 2 ? 0 : 1;
}
