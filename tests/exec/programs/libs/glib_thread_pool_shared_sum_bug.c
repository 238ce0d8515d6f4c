// GThreadPool tasks each add their square to one shared total, without a
// lock: the tasks run on two pool threads at once. A data race weft must
// find through GLib's pool.
// weft-exec-expect: data_race
#include <glib.h>

static int total;  // BUG: every task adds to it without a lock

static void add_square(gpointer data, gpointer user_data) {
  (void)user_data;
  const int n = GPOINTER_TO_INT(data);
  total += n * n;
}

int main(void) {
  GThreadPool* pool = g_thread_pool_new(add_square, NULL, 2, FALSE, NULL);
  for (int i = 1; i <= 4; ++i) g_thread_pool_push(pool, GINT_TO_POINTER(i), NULL);
  g_thread_pool_free(pool, FALSE, TRUE);
  return total == 30 ? 0 : 1;
}
