// A consumer waits for an item with `if` instead of `while` around
// g_cond_wait: woken by a broadcast meant for another consumer, or
// spuriously, it takes an item that is not there. GLib documents that
// g_cond_wait may return spuriously; weft must find the lost check.
// weft-exec-expect: crash|assertion|exit
#include <assert.h>
#include <glib.h>

static GMutex lock;
static GCond ready;
static int items;

static gpointer consumer(gpointer data) {
  (void)data;
  g_mutex_lock(&lock);
  if (items == 0) g_cond_wait(&ready, &lock);  // BUG: `if`, not `while`
  assert(items > 0 && "took an item that is not there");
  --items;
  g_mutex_unlock(&lock);
  return NULL;
}

int main(void) {
  GThread* a = g_thread_new("a", consumer, NULL);
  GThread* b = g_thread_new("b", consumer, NULL);
  for (int i = 0; i < 2; ++i) {
    g_mutex_lock(&lock);
    ++items;
    g_cond_broadcast(&ready);
    g_mutex_unlock(&lock);
  }
  g_thread_join(a);
  g_thread_join(b);
  return 0;
}
