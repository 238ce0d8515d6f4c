// A settings cache in GLib's style (libglib2.0-dev): GThreads, a GMutex and
// a GCond for a hand-off, a GRWLock for the settings, a GRecMutex taken
// again inside itself, a lazily built table behind g_once_init_enter and
// g_once_init_leave, a g_once for a default, and g_cond_wait_until with a
// deadline that passes. GLib takes its locks with atomics inside
// libglib-2.0.so, which the instrumentation never sees: before weft
// followed GLib's entry points, the data these locks guard was a data race.
// Correct.
// weft-exec-expect: clean
#include <glib.h>

static GMutex lock;
static GCond changed;
static int done, total;

static GRWLock settings_lock;
static int verbosity;

static GRecMutex log_lock;
static int log_lines;

typedef struct {
  int sizes[4];
} table_t;
static table_t* table;  // built once, by whichever thread comes first

static const table_t* get_table(void) {
  static gsize built = 0;
  if (g_once_init_enter(&built)) {
    table_t* t = g_new0(table_t, 1);
    for (int i = 0; i < 4; ++i) t->sizes[i] = 1 << i;
    table = t;
    g_once_init_leave(&built, 1);
  }
  return table;
}

static gpointer make_default(gpointer arg) {
  (void)arg;
  return GINT_TO_POINTER(42);
}

static void log_line(void) {
  g_rec_mutex_lock(&log_lock);
  g_rec_mutex_lock(&log_lock);  // a nested helper takes it again
  ++log_lines;
  g_rec_mutex_unlock(&log_lock);
  g_rec_mutex_unlock(&log_lock);
}

static gpointer worker(gpointer data) {
  static GOnce default_once = G_ONCE_INIT;
  const int id = GPOINTER_TO_INT(data);
  g_rw_lock_reader_lock(&settings_lock);
  const int level = verbosity;
  g_rw_lock_reader_unlock(&settings_lock);
  const int value = get_table()->sizes[id] + GPOINTER_TO_INT(g_once(&default_once, make_default, NULL)) + level;
  if (level > 0) log_line();
  g_mutex_lock(&lock);
  total += value;
  ++done;
  g_cond_signal(&changed);
  g_mutex_unlock(&lock);
  return NULL;
}

int main(void) {
  g_rw_lock_writer_lock(&settings_lock);
  verbosity = 1;
  g_rw_lock_writer_unlock(&settings_lock);
  GThread* a = g_thread_new("a", worker, GINT_TO_POINTER(1));
  GThread* b = g_thread_new("b", worker, GINT_TO_POINTER(2));
  g_mutex_lock(&lock);
  while (done < 2) g_cond_wait(&changed, &lock);
  // Nobody signals again: the wait ends at its deadline.
  const gboolean signalled = g_cond_wait_until(&changed, &lock, g_get_monotonic_time() + 10 * G_TIME_SPAN_MILLISECOND);
  const int sum = total;
  g_mutex_unlock(&lock);
  g_thread_join(a);
  g_thread_join(b);
  g_rec_mutex_lock(&log_lock);
  const int lines = log_lines;
  g_rec_mutex_unlock(&log_lock);
  g_free(table);
  return !signalled && sum == (2 + 4) + 2 * 42 + 2 && lines == 2 ? 0 : 1;
}
