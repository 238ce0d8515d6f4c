// Qt 6's cross-thread calls as its documentation shows them: a worker
// object moved to a QThread running its own event loop; main hands it a
// job it filled with QMetaObject::invokeMethod (Qt::QueuedConnection) and
// another with QTimer::singleShot(0, worker, ...); the worker answers with
// QCoreApplication::postEvent of a custom event to an object of main's
// thread, and asks main for a scale factor with a
// Qt::BlockingQueuedConnection call, reading main's reply once it returns.
// Qt orders each hand-over inside libQt6Core (its post-event list's lock,
// a semaphore for the blocking call): a false data_race at the first
// executions under every strategy before weft followed them. Correct.
// weft-exec-expect: clean
#include <QCoreApplication>
#include <QEvent>
#include <QMetaObject>
#include <QThread>
#include <QTimer>

struct Job {
  int input[4];
  long scale;
};

struct ResultEvent : QEvent {
  static constexpr QEvent::Type type = static_cast<QEvent::Type>(QEvent::User + 1);
  explicit ResultEvent(long v) : QEvent(type), value(v) {}
  long value;
};

static long total = 0;  // main's thread's
static int answers = 0;

struct Sink : QObject {
  bool event(QEvent* e) override {
    if (e->type() != ResultEvent::type) return QObject::event(e);
    total += static_cast<ResultEvent*>(e)->value;
    if (++answers == 2) QCoreApplication::quit();
    return true;
  }
};

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  Sink sink;
  QThread thread;
  auto* worker = new QObject;
  worker->moveToThread(&thread);
  QObject::connect(&thread, &QThread::finished, worker, &QObject::deleteLater);
  thread.start();
  const auto work = [&sink](Job* job) {  // runs in the worker's thread
    QMetaObject::invokeMethod(
        &sink, [job] { job->scale = 10; }, Qt::BlockingQueuedConnection);  // main answers
    long sum = 0;
    for (int v : job->input) sum += v;
    QCoreApplication::postEvent(&sink, new ResultEvent(sum * job->scale));
    delete job;
  };
  auto* first = new Job{{1, 2, 3, 4}, 0};
  QMetaObject::invokeMethod(worker, [work, first] { work(first); }, Qt::QueuedConnection);
  auto* second = new Job{{5, 6, 7, 8}, 0};
  QTimer::singleShot(0, worker, [work, second] { work(second); });
  const int rc = app.exec();
  thread.quit();
  thread.wait();
  return rc == 0 && total == 360 ? 0 : 1;
}
