// SQLite (libsqlite3-dev) as services use it from several threads: each
// writer opens its own connection to one database file in WAL mode, sets a
// busy timeout of 5 s, and inserts its rows in BEGIN IMMEDIATE
// transactions; main counts them. A writer that finds another's
// transaction open gets SQLITE_BUSY, and SQLite's busy handler sleeps and
// tries again (1, 2, 5 ... 100 ms) until the timeout. Under weft each of
// those sleeps could end while the holder was still in its transaction, a
// step of it per 100 ms, and the waiter gave up within a few steps: this
// correct program was a false `exit` at execution 1-2 under every strategy
// ("database is locked"). A thread's timed wait that ended early is now
// followed by one that ends when the others stop working (docs/guide.md).
// weft-exec-expect: clean
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char path[64];

static void* writer(void* arg) {
  const long id = (long)arg;
  sqlite3* db = NULL;
  if (sqlite3_open(path, &db) != SQLITE_OK) return (void*)1;
  sqlite3_busy_timeout(db, 5000);
  long failed = 0;
  for (int i = 0; i < 3; ++i) {
    char sql[128];
    snprintf(sql, sizeof sql, "BEGIN IMMEDIATE; INSERT INTO t(w, n) VALUES (%ld, %d); COMMIT;", id, i);
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) failed = 1;
  }
  sqlite3_close(db);
  return (void*)failed;
}

static int count_rows(void* out, int columns, char** values, char** names) {
  (void)columns;
  (void)names;
  sscanf(values[0], "%d", (int*)out);
  return 0;
}

int main(void) {
  snprintf(path, sizeof path, "/tmp/weft-sqlite-%d.db", (int)getpid());
  sqlite3* db = NULL;
  if (sqlite3_open(path, &db) != SQLITE_OK) return 2;
  sqlite3_exec(db, "PRAGMA journal_mode=WAL; CREATE TABLE t(w INTEGER, n INTEGER)", NULL, NULL, NULL);
  pthread_t threads[3];
  for (long i = 0; i < 3; ++i) pthread_create(&threads[i], NULL, writer, (void*)i);
  long failed = 0;
  for (int i = 0; i < 3; ++i) {
    void* r = NULL;
    pthread_join(threads[i], &r);
    failed += (long)r;
  }
  int rows = 0;
  sqlite3_exec(db, "SELECT count(*) FROM t", count_rows, &rows, NULL);
  sqlite3_close(db);
  char extra[80];
  unlink(path);
  snprintf(extra, sizeof extra, "%s-wal", path);
  unlink(extra);
  snprintf(extra, sizeof extra, "%s-shm", path);
  unlink(extra);
  return failed == 0 && rows == 9 ? 0 : 1;
}
