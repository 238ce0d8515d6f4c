// A GLib slice main fills and hands to a worker, but main frees it (with
// g_slice_free1) before it joins the worker that reads it.
// weft-exec-expect: data_race|misuse/use_after_free
#include <glib.h>
#include <stdio.h>

static gpointer sum_slice(gpointer data) {
  const int* slice = data;
  long sum = 0;
  for (int j = 0; j < 8; ++j) sum += slice[j];
  return (gpointer)sum;
}

int main(void) {
  int* slice = g_slice_alloc(8 * sizeof *slice);
  for (int j = 0; j < 8; ++j) slice[j] = j;
  GThread* worker = g_thread_new("worker", sum_slice, slice);
  g_slice_free1(8 * sizeof *slice, slice);  // BUG: the worker may still read it
  const long sum = (long)g_thread_join(worker);
  printf("%ld\n", sum);
  return sum == 28 ? 0 : 1;
}
