// Qt 6's thread synchronisation as its documentation shows it: QThreads
// adding to a counter under a QMutex (QMutexLocker), a producer handing
// items to a consumer through a QWaitCondition (waits in a loop on the
// predicate), a writer and a reader on a QReadWriteLock (the reader waits
// for the table on a QWaitCondition with the read lock), a QSemaphore
// handing a result over, and QThread::wait before the results are read.
// Correct.
// weft-exec-expect: clean
#include <QMutex>
#include <QMutexLocker>
#include <QReadWriteLock>
#include <QSemaphore>
#include <QThread>
#include <QWaitCondition>
#include <cstdio>
#include <deque>

int main() {
  QMutex lock;
  long counter = 0;
  QThread* adders[2];
  for (QThread*& t : adders) {
    t = QThread::create([&] {
      for (int i = 0; i < 3; ++i) {
        QMutexLocker guard(&lock);
        ++counter;
      }
    });
    t->start();
  }

  QMutex queue_lock;
  QWaitCondition not_empty;
  std::deque<int> queue;
  long consumed = 0;
  QThread* consumer = QThread::create([&] {
    for (int n = 0; n < 3; ++n) {
      QMutexLocker guard(&queue_lock);
      while (queue.empty()) not_empty.wait(&queue_lock);
      consumed += queue.front();
      queue.pop_front();
    }
  });
  consumer->start();
  for (int i = 1; i <= 3; ++i) {
    QMutexLocker guard(&queue_lock);
    queue.push_back(i);
    not_empty.wakeOne();
  }

  QReadWriteLock table_lock;
  QWaitCondition table_filled;
  bool filled = false;
  int table[4] = {};
  long read_total = 0;
  QThread* reader = QThread::create([&] {
    table_lock.lockForRead();
    while (!filled) table_filled.wait(&table_lock);
    for (int v : table) read_total += v;
    table_lock.unlock();
  });
  reader->start();
  table_lock.lockForWrite();
  for (int& v : table) v = 1;
  filled = true;
  table_filled.wakeAll();
  table_lock.unlock();

  QSemaphore handed(0);
  int answer = 0;
  QThread* answerer = QThread::create([&] {
    answer = 42;
    handed.release();
  });
  answerer->start();
  handed.acquire();
  const int got = answer;

  for (QThread* t : {adders[0], adders[1], consumer, reader, answerer}) {
    t->wait();
    delete t;
  }
  std::printf("%ld %ld %ld %d\n", counter, consumed, read_total, got);
  return counter == 6 && consumed == 6 && read_total == 4 && got == 42 ? 0 : 1;
}
