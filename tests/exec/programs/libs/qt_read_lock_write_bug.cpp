// Two threads update a shared table holding only QReadWriteLock's read
// lock, which lets them in together: their writes race. A data race weft
// must find (a read unlock orders nothing for the next reader).
// weft-exec-expect: data_race
#include <QReadWriteLock>
#include <QThread>
#include <cstdio>

int main() {
  QReadWriteLock table_lock;
  long hits = 0;
  auto count = [&] {
    table_lock.lockForRead();
    ++hits;  // BUG: a write under the read lock
    table_lock.unlock();
  };
  QThread* a = QThread::create(count);
  QThread* b = QThread::create(count);
  a->start();
  b->start();
  a->wait();
  b->wait();
  delete a;
  delete b;
  std::printf("%ld\n", hits);
  return hits == 2 ? 0 : 1;
}
