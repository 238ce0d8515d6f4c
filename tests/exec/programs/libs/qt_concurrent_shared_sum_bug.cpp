// QtConcurrent::blockingMap over a QList whose functor adds each element to
// one total shared by every call, without a lock: the pool's threads race
// on it. A data race weft must find through QtConcurrent's hand-overs
// (which order the work before blockingMap's return, not the calls among
// themselves).
// weft-exec-expect: data_race
#include <QList>
#include <QThreadPool>
#include <QtConcurrent>
#include <cstdio>

int main() {
  QThreadPool::globalInstance()->setMaxThreadCount(2);  // the same on every machine
  QList<int> values = {1, 2, 3, 4, 5, 6, 7, 8};
  long total = 0;
  QtConcurrent::blockingMap(values, [&total](int& v) {
    total += v;  // BUG: no lock, every call
  });
  std::printf("%ld\n", total);
  return total == 36 ? 0 : 1;
}
