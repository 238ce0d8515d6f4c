// The same hand-overs with each result written after its g_idle_add: the
// loop thread may run the callback and read it before the worker wrote it
// (a data race; and the loop never quits when it read 0).
// weft-exec-expect: data_race
#include <glib.h>
#include <stdlib.h>

static int results[2];
static int arrived;  // main's thread only
static GMainLoop* loop;

static gboolean deliver(gpointer data) {
  arrived += *(int*)data;
  return G_SOURCE_REMOVE;
}

static gboolean all_arrived(gpointer data) {
  (void)data;
  if (arrived != 1 + 2 + 4) return G_SOURCE_CONTINUE;
  g_main_loop_quit(loop);
  return G_SOURCE_REMOVE;
}

static gpointer worker(gpointer data) {
  int* result = data;
  g_idle_add(deliver, result);
  *result = result == &results[0] ? 1 : 2;  // BUG: the loop may already be reading it
  return NULL;
}

static gpointer boxed_worker(gpointer data) {
  (void)data;
  int* box = malloc(sizeof *box);
  *box = 4;
  g_main_context_invoke_full(NULL, G_PRIORITY_DEFAULT, deliver, box, free);
  return NULL;
}

int main(void) {
  loop = g_main_loop_new(NULL, FALSE);
  GThread* a = g_thread_new("a", worker, &results[0]);
  GThread* b = g_thread_new("b", worker, &results[1]);
  GThread* c = g_thread_new("boxed", boxed_worker, NULL);
  g_timeout_add(5, all_arrived, NULL);
  g_main_loop_run(loop);
  g_thread_join(a);
  g_thread_join(b);
  g_thread_join(c);
  g_main_loop_unref(loop);
  return arrived == 7 ? 0 : 1;
}
