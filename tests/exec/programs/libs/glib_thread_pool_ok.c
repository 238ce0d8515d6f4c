// Work handed out in GLib's style: a GThreadPool squares numbers into a
// results array that main reads once g_thread_pool_free(pool, FALSE, TRUE)
// has waited for every task, and a GAsyncQueue carries records from a
// producer thread to a consumer, a NULL-free stream ended by a sentinel.
// GLib hands both over inside libglib-2.0.so, with locks the
// instrumentation never sees: before weft followed the pool's and the
// queue's entry points, main's read of the results and the consumer's read
// of each record were data races. Correct.
// weft-exec-expect: clean
#include <glib.h>

enum { kTasks = 4, kRecords = 3 };

static int inputs[kTasks];
static int results[kTasks];

typedef struct {
  int id;
  char name[16];
} record_t;

static void square(gpointer data, gpointer user_data) {
  (void)user_data;
  const int i = GPOINTER_TO_INT(data) - 1;
  results[i] = inputs[i] * inputs[i];
}

static gpointer producer(gpointer data) {
  GAsyncQueue* queue = data;
  for (int i = 0; i < kRecords; ++i) {
    record_t* r = g_new0(record_t, 1);
    r->id = i + 1;
    g_snprintf(r->name, sizeof r->name, "record-%d", i + 1);
    g_async_queue_push(queue, r);
  }
  record_t* end = g_new0(record_t, 1);  // id 0: the end
  g_async_queue_push(queue, end);
  return NULL;
}

static gpointer consumer(gpointer data) {
  GAsyncQueue* queue = data;
  int sum = 0;
  for (;;) {
    record_t* r = g_async_queue_pop(queue);
    const int id = r->id;
    if (id != 0 && r->name[0] != 'r') sum = -1000;
    g_free(r);
    if (id == 0) break;
    sum += id;
  }
  return GINT_TO_POINTER(sum);
}

int main(void) {
  for (int i = 0; i < kTasks; ++i) inputs[i] = i + 1;
  GThreadPool* pool = g_thread_pool_new(square, NULL, 2, FALSE, NULL);
  for (int i = 1; i <= kTasks; ++i) g_thread_pool_push(pool, GINT_TO_POINTER(i), NULL);
  g_thread_pool_free(pool, FALSE, TRUE);
  int squares = 0;
  for (int i = 0; i < kTasks; ++i) squares += results[i];

  GAsyncQueue* queue = g_async_queue_new();
  GThread* p = g_thread_new("producer", producer, queue);
  GThread* c = g_thread_new("consumer", consumer, queue);
  g_thread_join(p);
  const int ids = GPOINTER_TO_INT(g_thread_join(c));
  g_async_queue_unref(queue);
  return squares == 1 + 4 + 9 + 16 && ids == 1 + 2 + 3 ? 0 : 1;
}
