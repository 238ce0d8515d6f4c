// Qt 6's cross-thread calls (as qt_cross_thread_calls_ok.cpp): main hands
// jobs to a worker object in a QThread's event loop, the worker answers
// with a posted event. The bug: the worker counts its answers in a plain
// counter after it posted the answer, and main's event() reads the count.
// weft-exec-expect: data_race
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
static int posted = 0;  // the worker's... and read by main's event()

struct Sink : QObject {
  bool event(QEvent* e) override {
    if (e->type() != ResultEvent::type) return QObject::event(e);
    total += static_cast<ResultEvent*>(e)->value;
    if (posted > 2) QCoreApplication::exit(2);  // reads the worker's count
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
    ++posted;  // after the hand-over
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
