// LMDB with MDB_WRITEMAP (as lmdb_writemap_readers_ok.c): a writer commits
// three generations of a record while two readers read it in read
// transactions. The bug: the readers note the newest generation they saw
// in a shared variable of the program's own, without a lock.
// weft-exec-expect: data_race
#include <lmdb.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CHECK(call)                                                          \
  do {                                                                       \
    const int result_ = (call);                                              \
    if (result_ != 0) {                                                      \
      fprintf(stderr, "%s: %s\n", #call, mdb_strerror(result_));             \
      exit(1);                                                               \
    }                                                                        \
  } while (0)

struct record {
  int generation;
  int values[6];
  int checksum;
};

static MDB_env* env;
static MDB_dbi dbi;
static int newest_seen;  // both readers' (the bug: no lock)

static void* writer(void* arg) {
  (void)arg;
  for (int g = 1; g <= 3; ++g) {
    struct record r = {g, {g, g, g, g, g, g}, 6 * g};
    MDB_txn* txn;
    MDB_val key = {6, "config"}, value = {sizeof r, &r};
    CHECK(mdb_txn_begin(env, NULL, 0, &txn));
    CHECK(mdb_put(txn, dbi, &key, &value, 0));
    CHECK(mdb_txn_commit(txn));
  }
  return NULL;
}

static void* reader(void* renew) {
  MDB_txn* txn = NULL;
  for (int i = 0; i < 3; ++i) {
    if (renew != NULL && txn != NULL) {
      CHECK(mdb_txn_renew(txn));
    } else {
      CHECK(mdb_txn_begin(env, NULL, MDB_RDONLY, &txn));
    }
    MDB_val key = {6, "config"}, value;
    const int rc = mdb_get(txn, dbi, &key, &value);
    if (rc == 0) {
      const struct record* r = value.mv_data;
      int sum = 0;
      for (int v = 0; v < 6; ++v) sum += r->values[v];
      if (value.mv_size != sizeof *r || sum != r->checksum || r->values[0] != r->generation) exit(3);
      if (r->generation > newest_seen) newest_seen = r->generation;
    } else if (rc != MDB_NOTFOUND) {
      CHECK(rc);
    }
    if (renew != NULL) {
      mdb_txn_reset(txn);
    } else {
      mdb_txn_abort(txn);
      txn = NULL;
    }
  }
  if (txn != NULL) mdb_txn_abort(txn);
  return NULL;
}

int main(void) {
  char dir[] = "/tmp/weft_lmdb_XXXXXX", path[64];
  if (mkdtemp(dir) == NULL) return 2;
  CHECK(mdb_env_create(&env));
  CHECK(mdb_env_set_mapsize(env, 1 << 20));
  CHECK(mdb_env_open(env, dir, MDB_WRITEMAP | MDB_NOTLS, 0600));
  MDB_txn* txn;
  CHECK(mdb_txn_begin(env, NULL, 0, &txn));
  CHECK(mdb_dbi_open(txn, NULL, 0, &dbi));
  CHECK(mdb_txn_commit(txn));
  pthread_t threads[3];
  pthread_create(&threads[0], NULL, writer, NULL);
  pthread_create(&threads[1], NULL, reader, NULL);
  pthread_create(&threads[2], NULL, reader, "renew");
  for (int i = 0; i < 3; ++i) pthread_join(threads[i], NULL);
  mdb_env_close(env);
  snprintf(path, sizeof path, "%s/data.mdb", dir);
  unlink(path);
  snprintf(path, sizeof path, "%s/lock.mdb", dir);
  unlink(path);
  rmdir(dir);
  return 0;
}
