// LevelDB (libleveldb-dev): one leveldb::DB shared by threads, as its
// documentation allows (a DB is safe for concurrent use without external
// synchronisation): a writer puts single keys and a WriteBatch, two readers
// poll with Get until they see the last key, then main reads everything
// back through an iterator over a snapshot. LevelDB publishes a write to
// readers through its memtable's skip list, atomics compiled into
// libleveldb.so.
// weft-exec-expect: clean
#include <leveldb/db.h>
#include <leveldb/write_batch.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <unistd.h>

int main() {
  char dir[] = "/tmp/weft_leveldb_XXXXXX";
  if (mkdtemp(dir) == nullptr) return 2;
  leveldb::Options options;
  options.create_if_missing = true;
  leveldb::DB* db = nullptr;
  if (!leveldb::DB::Open(options, dir, &db).ok()) return 2;

  std::thread writer([db] {
    db->Put(leveldb::WriteOptions(), "alpha", "1");
    leveldb::WriteBatch batch;
    batch.Put("beta", "2");
    batch.Put("gamma", "3");
    db->Write(leveldb::WriteOptions(), &batch);
  });
  auto read_until_gamma = [db] {
    std::string value;
    while (!db->Get(leveldb::ReadOptions(), "gamma", &value).ok()) std::this_thread::yield();
    if (value != "3") std::abort();
  };
  std::thread reader1(read_until_gamma), reader2(read_until_gamma);
  writer.join();
  reader1.join();
  reader2.join();

  leveldb::ReadOptions at_snapshot;
  at_snapshot.snapshot = db->GetSnapshot();
  leveldb::Iterator* it = db->NewIterator(at_snapshot);
  int keys = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next()) ++keys;
  delete it;
  db->ReleaseSnapshot(at_snapshot.snapshot);
  delete db;
  leveldb::DestroyDB(dir, leveldb::Options());
  rmdir(dir);
  return keys == 3 ? 0 : 1;
}
