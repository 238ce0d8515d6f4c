// GLib's reference-counted types shared between threads, each thread
// holding its own reference and dropping it when done: a GHashTable whose
// value destroy function frees the program's records (g_hash_table_ref /
// g_hash_table_unref), a GBytes whose data workers read (g_bytes_ref /
// g_bytes_unref), a block of GLib's atomic reference-counted boxes
// (g_atomic_rc_box_acquire / g_atomic_rc_box_release_full, whose clear
// function the last release runs), and a struct of the program's counted
// with a gatomicrefcount (g_atomic_ref_count_dec: the thread that takes it
// to zero frees it). Whichever thread drops the last reference destroys
// what the others read; the counts, inside libglib, order them. Correct.
// weft-exec-expect: clean
#include <glib.h>
#include <stdio.h>

typedef struct {
  int id;
  int score;
} record;

typedef struct {
  gatomicrefcount refs;
  int values[2];
} shared_block;

typedef struct {
  int members[3];
} team;

static int cleared;  // added to atomically by the destroy and clear functions

static void free_record(gpointer p) {
  record* r = p;
  g_atomic_int_add(&cleared, r->score);
  g_free(r);
}

static void clear_team(gpointer p) {
  team* t = p;
  g_atomic_int_add(&cleared, t->members[0]);
}

static void block_unref(shared_block* b) {
  if (g_atomic_ref_count_dec(&b->refs)) {
    g_atomic_int_add(&cleared, b->values[0]);
    g_free(b);
  }
}

typedef struct {
  GHashTable* table;
  GBytes* bytes;
  team* team;
  shared_block* block;
} shares;

static gpointer worker(gpointer data) {
  shares* s = data;
  const record* r = g_hash_table_lookup(s->table, GINT_TO_POINTER(1));
  gsize size = 0;
  const char* text = g_bytes_get_data(s->bytes, &size);
  const int sum = r->score + (int)size + text[0] + s->team->members[1] + s->block->values[1];
  g_hash_table_unref(s->table);
  g_bytes_unref(s->bytes);
  g_atomic_rc_box_release_full(s->team, clear_team);
  block_unref(s->block);
  g_free(s);
  return GINT_TO_POINTER(sum);
}

static shares* share(GHashTable* table, GBytes* bytes, team* t, shared_block* b) {
  shares* s = g_new(shares, 1);
  s->table = g_hash_table_ref(table);
  s->bytes = g_bytes_ref(bytes);
  s->team = g_atomic_rc_box_acquire(t);
  g_atomic_ref_count_inc(&b->refs);
  s->block = b;
  return s;
}

int main(void) {
  GHashTable* table = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, free_record);
  record* one = g_new(record, 1);
  one->id = 1;
  one->score = 10;
  g_hash_table_insert(table, GINT_TO_POINTER(1), one);
  GBytes* bytes = g_bytes_new("ab", 2);
  team* t = g_atomic_rc_box_new0(team);
  t->members[0] = 100;
  t->members[1] = 5;
  shared_block* b = g_new0(shared_block, 1);
  g_atomic_ref_count_init(&b->refs);
  b->values[0] = 1000;
  b->values[1] = 7;

  GThread* w1 = g_thread_new("w1", worker, share(table, bytes, t, b));
  GThread* w2 = g_thread_new("w2", worker, share(table, bytes, t, b));
  g_hash_table_unref(table);  // main's references
  g_bytes_unref(bytes);
  g_atomic_rc_box_release_full(t, clear_team);
  block_unref(b);
  const int total = GPOINTER_TO_INT(g_thread_join(w1)) + GPOINTER_TO_INT(g_thread_join(w2));
  printf("%d %d\n", total, g_atomic_int_get(&cleared));
  return total == 2 * (10 + 2 + 'a' + 5 + 7) && g_atomic_int_get(&cleared) == 1110 ? 0 : 1;
}
