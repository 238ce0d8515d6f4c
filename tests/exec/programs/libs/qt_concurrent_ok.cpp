// QThreadPool and QtConcurrent as Qt's documentation shows them: a
// blockingMap over a QList (each call its own element), mapped() and its
// results(), blockingMappedReduced, QtConcurrent::run returning a QFuture
// whose result() is read, QThreadPool::start with a lambda and with a
// QRunnable subclass then waitForDone, and a QFutureSynchronizer. What the
// program writes before handing work over is read by the work; what the
// work writes is read only after the wait that Qt says it is done by.
// Correct.
// weft-exec-expect: clean
#include <QFuture>
#include <QFutureSynchronizer>
#include <QList>
#include <QRunnable>
#include <QThreadPool>
#include <QtConcurrent>
#include <cstdio>

namespace {

/// A runnable of the program's own, deleted by the pool after its run().
class Fill : public QRunnable {
 public:
  Fill(const int* from, int* to) : from_(from), to_(to) {}
  void run() override { *to_ = *from_ * 2; }

 private:
  const int* from_;
  int* to_;
};

}  // namespace

int main() {
  QThreadPool::globalInstance()->setMaxThreadCount(2);  // the same on every machine

  QList<int> values = {1, 2, 3, 4};
  QtConcurrent::blockingMap(values, [](int& v) { v *= 10; });
  long mapped_total = 0;
  for (int v : values) mapped_total += v;  // 100

  const QList<int> squares = QtConcurrent::mapped(values, [](int v) { return v / 10 * (v / 10); }).results();
  long squares_total = 0;
  for (int v : squares) squares_total += v;  // 30

  const int reduced = QtConcurrent::blockingMappedReduced(
      values, [](int v) { return v + 1; }, [](int& sum, int v) { sum += v; });  // 104

  int factor = 6;  // written before run(), read by the task
  QFuture<int> answer = QtConcurrent::run([&factor] { return factor * 7; });
  const int got = answer.result();  // 42

  QThreadPool pool;
  pool.setMaxThreadCount(2);
  int filled[3] = {};
  for (int i = 0; i < 3; ++i) pool.start([&filled, i] { filled[i] = i + 1; });
  int seed = 21;
  int doubled = 0;
  pool.start(new Fill(&seed, &doubled));
  pool.waitForDone();
  const int filled_total = filled[0] + filled[1] + filled[2] + doubled;  // 6 + 42

  QFutureSynchronizer<void> all;
  long parts[2] = {};
  for (int i = 0; i < 2; ++i) all.addFuture(QtConcurrent::run([&parts, i] { parts[i] = 10 * (i + 1); }));
  all.waitForFinished();

  std::printf("%ld %ld %d %d %d %ld\n", mapped_total, squares_total, reduced, got, filled_total, parts[0] + parts[1]);
  return mapped_total == 100 && squares_total == 30 && reduced == 104 && got == 42 && filled_total == 48 &&
                 parts[0] + parts[1] == 30
             ? 0
             : 1;
}
