// GLib's main loop (libglib2.0-dev) as GTK and GIO programs hand work to
// it: main runs a GMainLoop; two workers each write a result and hand it
// over with g_idle_add, a third with g_main_context_invoke_full (a destroy
// notify frees its box); the callbacks run in main's thread and add the
// results up; a g_timeout_add poll quits the loop once all arrived. GLib
// orders each add before its callback through the context's lock inside
// libglib, which weft did not see: when an add came after the loop's poll,
// its callback's read was a false `data_race` (at execution 9-14 under
// portfolio, random, pct, pos and surw). Now each add releases and each
// callback acquires (glib_main_loop.cpp).
// weft-exec-expect: clean
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
  *result = result == &results[0] ? 1 : 2;
  g_idle_add(deliver, result);
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
