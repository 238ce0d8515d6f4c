// Two QThreads add to one counter; one takes the QMutex, the other forgot
// to. A data race weft must find through Qt's threads and mutex.
// weft-exec-expect: data_race
#include <QMutex>
#include <QMutexLocker>
#include <QThread>
#include <cstdio>

int main() {
  QMutex lock;
  long counter = 0;
  QThread* careful = QThread::create([&] {
    for (int i = 0; i < 3; ++i) {
      QMutexLocker guard(&lock);
      ++counter;
    }
  });
  QThread* careless = QThread::create([&] {
    for (int i = 0; i < 3; ++i) ++counter;  // BUG: no lock
  });
  careful->start();
  careless->start();
  careful->wait();
  careless->wait();
  delete careful;
  delete careless;
  std::printf("%ld\n", counter);
  return counter == 6 ? 0 : 1;
}
