// The GObject sharing of gobject_refs_ok.c, but each reader drops its
// reference before its last read of the object: when the other threads
// dropped theirs first, that g_object_unref was the last one, and finalize
// has freed the buffer the read then uses; when it was not, the thread
// that drops the last reference frees the buffer with the read unordered.
// weft-exec-expect: data_race|misuse/use_after_free
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

static void report_finalize(GObject* object) {
  Report* r = REP_ORT(object);
  g_free(r->counts);
  G_OBJECT_CLASS(report_parent_class)->finalize(object);
}
static void report_class_init(ReportClass* c) { G_OBJECT_CLASS(c)->finalize = report_finalize; }
static void report_init(Report* r) { r->counts = g_new0(int, 1); }

static gpointer reader(gpointer data) {
  Report* r = data;
  int* counts = r->counts;
  g_object_unref(r);                      // this thread's reference
  return GINT_TO_POINTER(counts[0] + 1);  // BUG: read after the unref
}

int main(void) {
  Report* r = g_object_new(REPORT_TYPE, NULL);
  r->lines = 3;
  GThread* a = g_thread_new("a", reader, g_object_ref(r));
  GThread* b = g_thread_new("b", reader, g_object_ref(r));
  g_object_unref(r);  // main's reference
  const int total = GPOINTER_TO_INT(g_thread_join(a)) + GPOINTER_TO_INT(g_thread_join(b));
  printf("%d\n", total);
  return total == 2 ? 0 : 1;
}
