// Two threads write their own keys into one RocksDB database (an in-memory
// Env: no files), each through DB::Put as RocksDB's documentation does; main
// reads every key back after joining them. Correct: RocksDB serialises the
// writers itself. weft reported a data race at the first execution under
// every strategy before: RocksDB's write path appends to its own strings
// through the program's instrumented copies of std::string's members (a
// C++20 program instantiates them, and the executable exported them) and
// through libstdc++'s, both ordered by RocksDB's own atomics, which weft
// does not see.
// weft-exec-expect: clean
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
  auto writer = [db](int id) {
    for (int i = 0; i < 3; ++i) {
      const std::string key = "k" + std::to_string(id) + "_" + std::to_string(i);
      rocksdb::Status put = db->Put(rocksdb::WriteOptions(), key, "v" + std::to_string(i));
      assert(put.ok());
    }
  };
  std::thread a(writer, 0), b(writer, 1);
  a.join();
  b.join();
  for (int id = 0; id < 2; ++id) {
    for (int i = 0; i < 3; ++i) {
      std::string value;
      rocksdb::Status got = db->Get(rocksdb::ReadOptions(), "k" + std::to_string(id) + "_" + std::to_string(i), &value);
      assert(got.ok() && value == "v" + std::to_string(i));
    }
  }
  delete db;
  return 0;
}
