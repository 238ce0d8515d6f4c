// QFutures whose shared state outlives the program's use of it: the
// program takes each result (QFuture::takeResult clears the results under
// the future's lock) and drops its QFuture while the pool thread that
// computed it still holds a reference (QtConcurrent::run's task, a
// blockingMappedReduced engine delete theirs after reporting the finish).
// Whichever owner drops the last reference clears and deletes the results;
// the references are counted inside libQt6Core, and that count orders the
// owners. Correct.
// weft-exec-expect: clean
#include <QFuture>
#include <QList>
#include <QThreadPool>
#include <QtConcurrent>
#include <cstdio>

int main() {
  QThreadPool::globalInstance()->setMaxThreadCount(2);  // the same on every machine

  long total = 0;
  for (int i = 1; i <= 3; ++i) total += QtConcurrent::run([i] { return i * i; }).takeResult();  // 14

  const QList<int> values = {1, 2, 3};
  for (int round = 0; round < 2; ++round) {
    total += QtConcurrent::blockingMappedReduced(
        values, [](int v) { return v * 10; }, [](int& sum, int v) { sum += v; });  // 60 each
  }

  std::printf("%ld\n", total);
  return total == 134 ? 0 : 1;
}
