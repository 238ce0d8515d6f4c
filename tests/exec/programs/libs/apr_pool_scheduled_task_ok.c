// The Apache Portable Runtime's thread pool (libaprutil-1): a task
// scheduled 2 ms ahead with apr_thread_pool_schedule (the pool's thread
// waits for its time with apr_thread_cond_timedwait, reading the time with
// apr_time_now(), which is gettimeofday()), and one pushed at once; each
// task writes its own result and signals main under an APR mutex; main
// waits on an APR condition variable, then destroys the pool. Correct.
// weft-exec-expect: clean
#include <apr_general.h>
#include <apr_thread_cond.h>
#include <apr_thread_mutex.h>
#include <apr_thread_pool.h>
#include <assert.h>

static apr_thread_mutex_t* lock;
static apr_thread_cond_t* finished;
static int results[2];
static int done;

static void* APR_THREAD_FUNC task(apr_thread_t* thread, void* arg) {
  (void)thread;
  int* slot = arg;
  *slot = slot == &results[0] ? 10 : 20;
  apr_thread_mutex_lock(lock);
  ++done;
  apr_thread_cond_signal(finished);
  apr_thread_mutex_unlock(lock);
  return NULL;
}

int main(void) {
  apr_pool_t* pool;
  apr_thread_pool_t* workers;
  assert(apr_initialize() == APR_SUCCESS);
  assert(apr_pool_create(&pool, NULL) == APR_SUCCESS);
  assert(apr_thread_mutex_create(&lock, APR_THREAD_MUTEX_DEFAULT, pool) == APR_SUCCESS);
  assert(apr_thread_cond_create(&finished, pool) == APR_SUCCESS);
  assert(apr_thread_pool_create(&workers, 1, 2, pool) == APR_SUCCESS);
  assert(apr_thread_pool_schedule(workers, task, &results[0], apr_time_from_msec(2), NULL) == APR_SUCCESS);
  assert(apr_thread_pool_push(workers, task, &results[1], APR_THREAD_TASK_PRIORITY_NORMAL, NULL) == APR_SUCCESS);
  apr_thread_mutex_lock(lock);
  while (done < 2) apr_thread_cond_wait(finished, lock);
  apr_thread_mutex_unlock(lock);
  assert(results[0] + results[1] == 30);
  apr_thread_pool_destroy(workers);
  apr_pool_destroy(pool);
  apr_terminate();
  return 0;
}
