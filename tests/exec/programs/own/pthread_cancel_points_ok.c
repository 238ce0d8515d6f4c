// More cancellation points, each with a thread cancelled in it: a join (of a
// thread that sleeps for ever), a timed condition wait (a cleanup handler
// unlocks), a thread that cancels itself and reaches pthread_testcancel, a
// sigwait, a blocking read of a timerfd nobody arms, a recv on a socket
// pair, one of two threads waiting for a semaphore's permit (the other still
// takes the permit main posts afterwards), and a condition wait with
// cancellation disabled, which only acts
// once the thread enables it again and reaches pthread_testcancel. Every
// join gives PTHREAD_CANCELED; the thread whose join was cancelled stays
// joinable, and main cancels and joins it last.
// (ThreadSanitizer cannot run it: a thread cancelled inside one of its
// interceptors "finished with ignores enabled".)
// weft-exec-expect: clean
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t c = PTHREAD_COND_INITIALIZER;
static int flag = 0;
static pthread_t sleeper;

static void* sleep_forever(void* a) {
  (void)a;
  for (;;) sleep(100);
  return NULL;
}
static void* joiner(void* a) {
  (void)a;
  pthread_join(sleeper, NULL);
  return (void*)1;
}
static void* timed_waiter(void* a) {
  (void)a;
  pthread_mutex_lock(&m);
  pthread_cleanup_push((void (*)(void*))pthread_mutex_unlock, &m);
  while (!flag) {
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    t.tv_sec += 100;
    pthread_cond_timedwait(&c, &m, &t);
  }
  pthread_cleanup_pop(1);
  return NULL;
}
static void* self_cancel(void* a) {
  (void)a;
  pthread_cancel(pthread_self());
  for (;;) pthread_testcancel();
  return NULL;
}
static void* sig_waiter(void* a) {
  (void)a;
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, SIGUSR1);
  int sig;
  sigwait(&s, &sig);
  return NULL;
}
static void* timerfd_reader(void* a) {
  (void)a;
  int fd = timerfd_create(CLOCK_MONOTONIC, 0);
  unsigned long long x;
  read(fd, &x, sizeof x);
  return NULL;
}
static int sv[2];
static void* sock_reader(void* a) {
  (void)a;
  char b;
  recv(sv[0], &b, 1, 0);
  return NULL;
}
static sem_t permits;  // two threads wait for one permit: one is cancelled, the other gets it
static void* permit_waiter(void* a) {
  (void)a;
  sem_wait(&permits);
  return (void*)3;
}
static void* disabled_waiter(void* a) {
  (void)a;
  pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, NULL);
  pthread_mutex_lock(&m);
  while (!flag) pthread_cond_wait(&c, &m);
  pthread_mutex_unlock(&m);
  pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, NULL);
  pthread_testcancel();
  return (void*)2;
}

int main(void) {
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, SIGUSR1);
  pthread_sigmask(SIG_BLOCK, &s, NULL);
  socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
  pthread_t j, tw, sc, sw, tr, sr, dw;
  pthread_create(&sleeper, NULL, sleep_forever, NULL);
  pthread_create(&j, NULL, joiner, NULL);
  pthread_create(&tw, NULL, timed_waiter, NULL);
  pthread_create(&sc, NULL, self_cancel, NULL);
  pthread_create(&sw, NULL, sig_waiter, NULL);
  pthread_create(&tr, NULL, timerfd_reader, NULL);
  pthread_create(&sr, NULL, sock_reader, NULL);
  pthread_create(&dw, NULL, disabled_waiter, NULL);
  sem_init(&permits, 0, 0);
  pthread_t cancelled_waiter, served_waiter;
  pthread_create(&cancelled_waiter, NULL, permit_waiter, NULL);
  pthread_create(&served_waiter, NULL, permit_waiter, NULL);
  pthread_cancel(cancelled_waiter);
  pthread_cancel(j);
  pthread_cancel(tw);
  pthread_cancel(sw);
  pthread_cancel(tr);
  pthread_cancel(sr);
  pthread_cancel(dw);
  void* r;
  pthread_join(j, &r);
  if (r != PTHREAD_CANCELED) abort();
  pthread_join(tw, &r);
  if (r != PTHREAD_CANCELED) abort();
  pthread_join(sc, &r);
  if (r != PTHREAD_CANCELED) abort();
  pthread_join(sw, &r);
  if (r != PTHREAD_CANCELED) abort();
  pthread_join(tr, &r);
  if (r != PTHREAD_CANCELED) abort();
  pthread_join(sr, &r);
  if (r != PTHREAD_CANCELED) abort();
  pthread_mutex_lock(&m);
  flag = 1;
  pthread_cond_broadcast(&c);
  pthread_mutex_unlock(&m);
  pthread_join(dw, &r);
  if (r != PTHREAD_CANCELED) {
    fprintf(stderr, "dw %p\n", r);
    abort();
  }
  pthread_join(cancelled_waiter, &r);
  if (r != PTHREAD_CANCELED) abort();
  sem_post(&permits);  // the other waiter, still waiting, takes it
  pthread_join(served_waiter, &r);
  if (r != (void*)3) abort();
  sem_destroy(&permits);
  pthread_cancel(sleeper);
  pthread_join(sleeper, &r);
  if (r != PTHREAD_CANCELED) abort();
  puts("ok");
  return 0;
}
