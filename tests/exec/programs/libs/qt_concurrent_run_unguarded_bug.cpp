// Two QtConcurrent::run tasks add to one counter, one under a QMutex, the
// other without it; the program waits for both with a QFutureSynchronizer
// and reads the counter after. The wait orders each task before the read,
// not the tasks with each other: a data race weft must find.
// weft-exec-expect: data_race
#include <QFutureSynchronizer>
#include <QMutex>
#include <QMutexLocker>
#include <QThreadPool>
#include <QtConcurrent>
#include <cstdio>

int main() {
  QThreadPool::globalInstance()->setMaxThreadCount(2);  // the same on every machine
  QMutex lock;
  long counter = 0;
  QFutureSynchronizer<void> both;
  both.addFuture(QtConcurrent::run([&] {
    for (int i = 0; i < 3; ++i) {
      QMutexLocker guard(&lock);
      ++counter;
    }
  }));
  both.addFuture(QtConcurrent::run([&] {
    for (int i = 0; i < 3; ++i) ++counter;  // BUG: no lock
  }));
  both.waitForFinished();
  std::printf("%ld\n", counter);
  return counter == 6 ? 0 : 1;
}
