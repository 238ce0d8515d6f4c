// A struct of the program's counted with GLib's gatomicrefcount, shared by
// two workers and main, but each worker drops its reference before its
// last read of the struct: when that drop was the last one, the worker
// reads memory it has just freed; when it was not, the thread that frees
// the struct does so with the read unordered.
// weft-exec-expect: data_race|misuse/use_after_free
#include <glib.h>
#include <stdio.h>

typedef struct {
  gatomicrefcount refs;
  int values[2];
} shared_block;

static void block_unref(shared_block* b) {
  if (g_atomic_ref_count_dec(&b->refs)) g_free(b);
}

static gpointer worker(gpointer data) {
  shared_block* b = data;
  const int first = b->values[0];
  block_unref(b);
  return GINT_TO_POINTER(first + b->values[1]);  // BUG: read after the reference is dropped
}

int main(void) {
  shared_block* b = g_new0(shared_block, 1);
  g_atomic_ref_count_init(&b->refs);
  b->values[0] = 1;
  b->values[1] = 2;
  g_atomic_ref_count_inc(&b->refs);
  GThread* w1 = g_thread_new("w1", worker, b);
  g_atomic_ref_count_inc(&b->refs);
  GThread* w2 = g_thread_new("w2", worker, b);
  block_unref(b);  // main's reference
  const int total = GPOINTER_TO_INT(g_thread_join(w1)) + GPOINTER_TO_INT(g_thread_join(w2));
  printf("%d\n", total);
  return total == 6 ? 0 : 1;
}
