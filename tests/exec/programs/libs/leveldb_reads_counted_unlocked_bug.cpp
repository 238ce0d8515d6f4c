// LevelDB: two readers poll one shared DB for a key a writer puts, and
// count their reads in a plain global without a lock: the counts are a
// data race (LevelDB orders its own data, not the program's).
// weft-exec-expect: data_race
#include <leveldb/db.h>

#include <cstdlib>
#include <string>
#include <thread>
#include <unistd.h>

long reads;  // shared by both readers, unguarded

int main() {
  char dir[] = "/tmp/weft_leveldb_XXXXXX";
  if (mkdtemp(dir) == nullptr) return 2;
  leveldb::Options options;
  options.create_if_missing = true;
  leveldb::DB* db = nullptr;
  if (!leveldb::DB::Open(options, dir, &db).ok()) return 2;
  std::thread writer([db] { db->Put(leveldb::WriteOptions(), "ready", "yes"); });
  auto poll = [db] {
    std::string value;
    do {
      ++reads;
    } while (!db->Get(leveldb::ReadOptions(), "ready", &value).ok());
  };
  std::thread reader1(poll), reader2(poll);
  writer.join();
  reader1.join();
  reader2.join();
  delete db;
  leveldb::DestroyDB(dir, leveldb::Options());
  rmdir(dir);
  return reads >= 2 ? 0 : 1;
}
