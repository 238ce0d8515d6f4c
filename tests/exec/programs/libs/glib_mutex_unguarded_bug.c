// Two GThreads add to a total under a GMutex, but one of them also bumps a
// "last writer" field after unlocking: a data race weft must find through
// GLib's locks.
// weft-exec-expect: data_race
#include <glib.h>

static GMutex lock;
static int total;
static int last_writer;  // BUG: written after g_mutex_unlock

static gpointer worker(gpointer data) {
  g_mutex_lock(&lock);
  total += 1;
  g_mutex_unlock(&lock);
  last_writer = GPOINTER_TO_INT(data);
  return NULL;
}

int main(void) {
  GThread* a = g_thread_new("a", worker, GINT_TO_POINTER(1));
  GThread* b = g_thread_new("b", worker, GINT_TO_POINTER(2));
  g_thread_join(a);
  g_thread_join(b);
  return total == 2 && last_writer != 0 ? 0 : 1;
}
