// Qt 6's cross-thread calls and events inside an execution of weft exec:
// queued signal-slot connections, QMetaObject::invokeMethod with a queued
// or blocking connection, QTimer::singleShot to an object of another
// thread, QCoreApplication::postEvent.
//
// A program fills a job and hands it to an object living in another
// thread's event loop; that thread's slot, lambda or event() reads it. Qt
// orders the two with its post-event list's QMutex inside libQt6Core,
// locked by the library itself (not through the program's QMutex, which
// qt_sync.cpp follows), and weft saw no order: the read was a false data
// race at the first executions under every strategy; a
// BlockingQueuedConnection's caller reading the reply its slot wrote was
// another (the reply is handed back through a QSemaphore inside the
// library).
//
// So, with two clocks for every hand-over (which can hide a race between
// unrelated events, never invent one):
//  - the program's calls that post (QCoreApplication::postEvent,
//    QMetaObject::invokeMethodImpl behind invokeMethod, QMetaObject::activate
//    behind every emit, QTimer::singleShotImpl) release into the first
//    before the real call, and every call from libQt6Core into the
//    program's instrumented code (a slot, a functor, event(), a slot
//    object's destruction) acquires it on entry (__tsan_func_entry,
//    qt_callback_entered);
//  - such a call releases into the second when it returns
//    (qt_callback_leaving), and a posting call acquires it when it returns:
//    a blocking connection's slot ran meanwhile. What a thread does after
//    it posted stays unordered with the slot it posted to;
//  - a call from libQt6Core made while the program's posting call is in
//    progress (the copy constructor of a queued signal's argument, which Qt
//    copies in the emitting thread) releases into the first too when it
//    returns: the copy is what the slot reads;
//  - a free inside a call from libQt6Core acquires the second too
//    (qt_callback_frees): Qt drops the last reference to a slot object (the
//    program's functor and its captures) inside the library, in the thread
//    that posted or the one that ran it, whichever comes last, and the
//    slot object's destruction is such a call.
// Outside an execution nothing is added.
#include "address_objects.hpp"
#include "interpose.hpp"
#include "qt_real.hpp"

// Qt's types, declared for their mangled names only. The definitions are
// weak: a program with Qt linked in statically keeps Qt's.
class QObject;
class QEvent;
namespace QtPrivate {
class QSlotObjectBase;
}
namespace Qt {
enum ConnectionType : int;
enum TimerType : int;
}  // namespace Qt
struct QMetaObject {
  [[gnu::weak]] static void activate(QObject* sender, const QMetaObject* meta, int local_signal_index, void** argv);
  [[gnu::weak]] static bool invokeMethodImpl(QObject* object, QtPrivate::QSlotObjectBase* slot,
                                             Qt::ConnectionType type, void* ret);
};
class QCoreApplication {
 public:
  [[gnu::weak]] static void postEvent(QObject* receiver, QEvent* event, int priority);
};
class QTimer {
 public:
  [[gnu::weak]] static void singleShotImpl(int msec, Qt::TimerType timer_type, const QObject* receiver,
                                           QtPrivate::QSlotObjectBase* slot);
};

namespace weft::detail::instrument {

namespace {

/// What the program posted (released before each posting call), acquired
/// by every call from libQt6Core into the program.
char qt_posted;
/// What those calls did (released when each returns), acquired when a
/// posting call returns.
char qt_returned;

/// The program's posting calls in progress on this thread.
thread_local unsigned posting_calls = 0;

/// A posting call of the program's at `pc`, for its duration: released
/// before, acquired after (the program's calls only, not libQt6Core's own).
class posting_call {
 public:
  explicit posting_call(const void* pc) : followed_(tables() != nullptr && !called_from_qt_core(pc)) {
    if (followed_) release_at(&qt_posted);
    ++posting_calls;
  }
  ~posting_call() {
    --posting_calls;
    if (followed_) acquire_at(&qt_returned);
  }
  posting_call(const posting_call&) = delete;
  posting_call& operator=(const posting_call&) = delete;

 private:
  const bool followed_;
};

}  // namespace

void qt_callback_entered() noexcept {
  if (tables() == nullptr) return;
  acquire_at(&qt_posted);
}

void qt_callback_frees() noexcept {
  acquire_at(&qt_returned);
}

void qt_callback_leaving() noexcept {
  if (tables() == nullptr) return;
  release_at(&qt_returned);
  if (posting_calls > 0) release_at(&qt_posted);
}

}  // namespace weft::detail::instrument

using namespace weft::detail::instrument;

void QMetaObject::activate(QObject* sender, const QMetaObject* meta, int local_signal_index, void** argv) {
  WEFT_REAL_QT(void (*)(QObject*, const QMetaObject*, int, void**),
               "_ZN11QMetaObject8activateEP7QObjectPKS_iPPv");
  const posting_call in_call(WEFT_PC);
  call(sender, meta, local_signal_index, argv);
}

bool QMetaObject::invokeMethodImpl(QObject* object, QtPrivate::QSlotObjectBase* slot, Qt::ConnectionType type,
                                   void* ret) {
  WEFT_REAL_QT(bool (*)(QObject*, QtPrivate::QSlotObjectBase*, Qt::ConnectionType, void*),
               "_ZN11QMetaObject16invokeMethodImplEP7QObjectPN9QtPrivate15QSlotObjectBaseEN2Qt14ConnectionTypeEPv");
  const posting_call in_call(WEFT_PC);
  return call(object, slot, type, ret);
}

void QCoreApplication::postEvent(QObject* receiver, QEvent* event, int priority) {
  WEFT_REAL_QT(void (*)(QObject*, QEvent*, int), "_ZN16QCoreApplication9postEventEP7QObjectP6QEventi");
  const posting_call in_call(WEFT_PC);
  call(receiver, event, priority);
}

void QTimer::singleShotImpl(int msec, Qt::TimerType timer_type, const QObject* receiver,
                            QtPrivate::QSlotObjectBase* slot) {
  WEFT_REAL_QT(void (*)(int, Qt::TimerType, const QObject*, QtPrivate::QSlotObjectBase*),
               "_ZN6QTimer14singleShotImplEiN2Qt9TimerTypeEPK7QObjectPN9QtPrivate15QSlotObjectBaseE");
  const posting_call in_call(WEFT_PC);
  call(msec, timer_type, receiver, slot);
}
