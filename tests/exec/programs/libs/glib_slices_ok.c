// Two GThreads that each allocate, fill and free GLib slices of their own
// (g_slice_alloc / g_slice_free1, what GList, GHashTable and GObject
// instances are made of), one after the other. Nothing is shared: a
// relaxed flag only lets the second start after the first's slices are
// freed. GLib's slice allocator hands the first thread's freed chunks to
// the second under libglib's own locks; before weft exec set
// G_SLICE=always-malloc for the program, the second thread's fill of a
// chunk the first had used was a false data race at the first execution.
// Correct.
// weft-exec-expect: clean
#include <glib.h>
#include <stdatomic.h>
#include <stdio.h>

static atomic_int first_done;

static gpointer fill_slices(gpointer data) {
  const int wait_for_first = GPOINTER_TO_INT(data);
  while (wait_for_first && atomic_load_explicit(&first_done, memory_order_relaxed) == 0) g_thread_yield();
  long sum = 0;
  for (int i = 0; i < 100; ++i) {
    int* slice = g_slice_alloc(8 * sizeof *slice);
    for (int j = 0; j < 8; ++j) slice[j] = i + j;
    sum += slice[7];
    g_slice_free1(8 * sizeof *slice, slice);
  }
  if (!wait_for_first) atomic_store_explicit(&first_done, 1, memory_order_relaxed);
  return (gpointer)sum;
}

int main(void) {
  GThread* first = g_thread_new("first", fill_slices, GINT_TO_POINTER(0));
  GThread* second = g_thread_new("second", fill_slices, GINT_TO_POINTER(1));
  const long total = (long)g_thread_join(first) + (long)g_thread_join(second);
  printf("%ld\n", total);
  return total == 2 * (4950 + 700) ? 0 : 1;
}
