// The thread-pool jobs of libs/libuv_queue_work_ok.c, but each job adds its
// share to the total itself, on libuv's pool threads, with no lock: the
// jobs run in parallel (four pool threads by default), a data race and, on
// real threads, a lost update. The after-work callbacks, on the loop's
// thread, are where the sum belongs. Buggy.
// weft-exec-expect: data_race
#include <pthread.h>
#include <stdio.h>
#include <uv.h>

enum { jobs = 4 };

static long slots[jobs];
static long total = 0;
static int async_seen = 0, timer_seen = 0;
static uv_async_t wake;

static void job(uv_work_t* work) {
  const long i = (long)(intptr_t)work->data;
  slots[i] = (i + 1) * 10;
  total += slots[i];  // BUG: on a pool thread, racing the other jobs
}

static void job_done(uv_work_t* work, int status) {
  (void)work;
  (void)status;
}

static void on_wake(uv_async_t* handle) {
  async_seen = 1;
  uv_close((uv_handle_t*)handle, NULL);
}

static void on_timer(uv_timer_t* timer) {
  timer_seen = 1;
  uv_close((uv_handle_t*)timer, NULL);
}

static void* waker(void* arg) {
  (void)arg;
  uv_async_send(&wake);
  return NULL;
}

int main(void) {
  uv_loop_t* loop = uv_default_loop();
  uv_work_t work[jobs];
  for (long i = 0; i < jobs; ++i) {
    work[i].data = (void*)(intptr_t)i;
    uv_queue_work(loop, &work[i], job, job_done);
  }
  uv_async_init(loop, &wake, on_wake);
  uv_timer_t timer;
  uv_timer_init(loop, &timer);
  uv_timer_start(&timer, on_timer, 5, 0);
  pthread_t thread;
  pthread_create(&thread, NULL, waker, NULL);
  uv_run(loop, UV_RUN_DEFAULT);
  pthread_join(thread, NULL);
  uv_loop_close(loop);
  if (total != 100 || !async_seen || !timer_seen) {
    fprintf(stderr, "total %ld, async %d, timer %d\n", total, async_seen, timer_seen);
    return 1;
  }
  puts("four jobs, one wake-up, one timer");
  return 0;
}
