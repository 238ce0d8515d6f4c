// GObjects shared between threads the way GLib code shares them: a GTask
// run in a pool thread (g_task_run_in_thread_sync) fills an object of the
// program's; then two GThreads each get their own reference (g_object_ref
// before g_thread_new), read the object and drop it with g_object_unref,
// while main drops its own. Whichever thread drops the last reference runs
// finalize, which reads the object and frees its buffer: the reference
// count, inside libgobject, orders every other thread's use before it.
// Correct.
// weft-exec-expect: clean
#include <gio/gio.h>
#include <glib-object.h>
#include <stdio.h>

#define REPORT_TYPE (report_get_type())
G_DECLARE_FINAL_TYPE(Report, report, REP, ORT, GObject)
struct _Report {
  GObject parent;
  int lines;
  int* counts;
};
G_DEFINE_TYPE(Report, report, G_TYPE_OBJECT)

static int finalized;  // added to atomically by each finalize

static void report_finalize(GObject* object) {
  Report* r = REP_ORT(object);
  g_atomic_int_add(&finalized, r->lines + r->counts[0]);
  g_free(r->counts);
  G_OBJECT_CLASS(report_parent_class)->finalize(object);
}
static void report_class_init(ReportClass* c) { G_OBJECT_CLASS(c)->finalize = report_finalize; }
static void report_init(Report* r) { r->counts = g_new0(int, 1); }

static void fill(GTask* task, gpointer source, gpointer data, GCancellable* cancellable) {
  (void)source;
  (void)cancellable;
  Report* r = data;
  r->lines = 3;
  g_task_return_int(task, 3);
}

static gpointer reader(gpointer data) {
  Report* r = data;
  const int seen = r->lines + r->counts[0];
  g_object_unref(r);  // this thread's reference
  return GINT_TO_POINTER(seen);
}

int main(void) {
  int total = 0;
  for (int round = 0; round < 2; ++round) {
    Report* r = g_object_new(REPORT_TYPE, NULL);
    GTask* task = g_task_new(NULL, NULL, NULL, NULL);
    g_task_set_task_data(task, r, NULL);  // main's reference outlives the task's run
    g_task_run_in_thread_sync(task, fill);
    total += (int)g_task_propagate_int(task, NULL);
    g_object_unref(task);
    GThread* a = g_thread_new("a", reader, g_object_ref(r));
    GThread* b = g_thread_new("b", reader, g_object_ref(r));
    g_object_unref(r);  // main's reference
    total += GPOINTER_TO_INT(g_thread_join(a)) + GPOINTER_TO_INT(g_thread_join(b));
  }
  printf("%d %d\n", total, g_atomic_int_get(&finalized));
  return total == 18 && g_atomic_int_get(&finalized) == 6 ? 0 : 1;
}
