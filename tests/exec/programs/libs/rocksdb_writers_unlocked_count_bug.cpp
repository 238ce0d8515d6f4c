// rocksdb_writers_ok with one mistake of the program's own: the two writers
// count their writes in a plain int that nothing orders, beside RocksDB's
// calls (which order themselves). weft reports the counter's data race, not
// RocksDB's internals; its replay traces RocksDB's DB::Open, which took 11 s
// before the symboliser indexed a module's variables (the corpus replays
// with a 3 s watchdog).
// weft-exec-expect: data_race
#include <rocksdb/db.h>
#include <rocksdb/env.h>

#include <cassert>
#include <memory>
#include <string>
#include <thread>

int main() {
  std::unique_ptr<rocksdb::Env> memory(rocksdb::NewMemEnv(rocksdb::Env::Default()));
  rocksdb::Options options;
  options.create_if_missing = true;
  options.env = memory.get();
  rocksdb::DB* db = nullptr;
  rocksdb::Status opened = rocksdb::DB::Open(options, "/weft-rocksdb", &db);
  assert(opened.ok());
  int written = 0;
  auto writer = [db, &written](int id) {
    for (int i = 0; i < 3; ++i) {
      const std::string key = "k" + std::to_string(id) + "_" + std::to_string(i);
      rocksdb::Status put = db->Put(rocksdb::WriteOptions(), key, "v" + std::to_string(i));
      assert(put.ok());
      ++written;  // the bug: both writers, no lock
    }
  };
  std::thread a(writer, 0), b(writer, 1);
  a.join();
  b.join();
  assert(written == 6);
  delete db;
  return 0;
}
