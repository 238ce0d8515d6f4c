// The same writers without a busy timeout: a writer that finds another's
// transaction open fails its insert at once ("database is locked"), and the
// count comes out short.
// weft-exec-expect: exit
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
