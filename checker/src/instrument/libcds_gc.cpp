// libcds's hazard-pointer garbage collectors (Debian's libcds-dev, the
// Concurrent Data Structures library: cds::gc::HP and cds::gc::DHP) inside
// an execution of weft exec: a thread's attach and detach.
//
// Each thread that uses a libcds container attaches to the collector
// (cds::threading::Manager::attachThread, inline, calls
// smr::attach_thread() in libcds.so) and detaches when done. A detach
// hands the thread's record (its guards, its retired list) back with a
// release store inside the library, and a later attach takes a free record
// over with a compare-and-swap there; the record's plain fields (the
// guards' free list the program's inline code keeps) went from one thread
// to the next with nothing weft saw: a false data race between the first
// thread's last guard and the next one's first, wherever one thread
// detached before another attached (found at the first executions under
// every strategy, under the sequentially consistent model too). So a
// detach is a scheduling point and a release before the real call, and an
// attach a scheduling point, the real call, then an acquire, on one clock
// for each collector: an attach comes after every detach before it (which
// can hide a race between two threads that used the collector one after
// the other, never invent one).
//
// Not followed: a scan's acquire loads of the other threads' guards (inside
// libcds.so), which order a guard's release before the free of a node it no
// longer protects.
#include "address_objects.hpp"
#include "descriptors.hpp"
#include "interpose.hpp"

// libcds's collectors, declared for their mangled names only. The
// definitions are weak: a program with libcds linked in statically keeps
// libcds's.
namespace cds::gc::hp {
class smr {
 public:
  [[gnu::weak]] static void attach_thread();
  [[gnu::weak]] static void detach_thread();
};
}  // namespace cds::gc::hp
namespace cds::gc::dhp {
class smr {
 public:
  [[gnu::weak]] static void attach_thread();
  [[gnu::weak]] static void detach_thread();
};
}  // namespace cds::gc::dhp

namespace weft::detail::instrument {
namespace {

constexpr const char* libcds = "libcds.so.2.3.3";

/// What threads did before they detached from each collector.
char hp_detached, dhp_detached;

/// The real function `symbol` (mangled) in libcds.
void (*real_cds(std::atomic<void*>& address, const char* symbol))() {
  return reinterpret_cast<void (*)()>(resolve_real_in(address, symbol, libcds));
}

void attaching(char& detached, void (*real)(), const void* pc) {
  if (tables() == nullptr) return real();
  call_point("cds attach_thread", pc);
  real();
  acquire_at(&detached);
}

void detaching(char& detached, void (*real)(), const void* pc) {
  if (tables() != nullptr) {
    call_point("cds detach_thread", pc);
    release_at(&detached);
  }
  real();
}

}  // namespace
}  // namespace weft::detail::instrument

using namespace weft::detail::instrument;

void cds::gc::hp::smr::attach_thread() {
  static std::atomic<void*> real{nullptr};
  attaching(hp_detached, real_cds(real, "_ZN3cds2gc2hp3smr13attach_threadEv"), WEFT_PC);
}
void cds::gc::hp::smr::detach_thread() {
  static std::atomic<void*> real{nullptr};
  detaching(hp_detached, real_cds(real, "_ZN3cds2gc2hp3smr13detach_threadEv"), WEFT_PC);
}
void cds::gc::dhp::smr::attach_thread() {
  static std::atomic<void*> real{nullptr};
  attaching(dhp_detached, real_cds(real, "_ZN3cds2gc3dhp3smr13attach_threadEv"), WEFT_PC);
}
void cds::gc::dhp::smr::detach_thread() {
  static std::atomic<void*> real{nullptr};
  detaching(dhp_detached, real_cds(real, "_ZN3cds2gc3dhp3smr13detach_threadEv"), WEFT_PC);
}
