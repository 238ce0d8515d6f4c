// A consumer waits on a QWaitCondition without a predicate to check: when
// the producer's wakeOne comes before the consumer waits, nobody wakes it
// again. A lost wakeup weft must find.
// weft-exec-expect: lost_wakeup|deadlock
#include <QMutex>
#include <QMutexLocker>
#include <QThread>
#include <QWaitCondition>
#include <cstdio>

int main() {
  QMutex lock;
  QWaitCondition ready;
  int item = 0;
  QThread* consumer = QThread::create([&] {
    QMutexLocker guard(&lock);
    ready.wait(&lock);  // BUG: no predicate; the wake may already have happened
    std::printf("%d\n", item);
  });
  consumer->start();
  {
    QMutexLocker guard(&lock);
    item = 7;
    ready.wakeOne();
  }
  consumer->wait();
  delete consumer;
  return 0;
}
