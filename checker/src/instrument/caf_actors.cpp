// CAF, the C++ Actor Framework (Debian's libcaf-dev 0.17, libcaf_core),
// inside an execution of weft exec: the hand-overs its compiled code makes
// with atomics the instrumentation never sees.
//
// An actor's behaviour is the program's code (instrumented), but what runs
// it is the library's: a spawn constructs the actor on the spawning thread
// and hands it to a scheduler's worker through the library's queues; a
// message is pushed onto the actor's mailbox (a lock-free list of the
// library's) by the sender and taken off by the thread that runs the actor
// next; an actor that ran on one worker may run next on another; an actor
// that ends drains its mailbox; the last reference to an actor or a message,
// dropped inside the library, destroys it on whichever thread dropped it.
// None of these edges was seen: every one of CAF's own examples that runs
// actors was a false data race at execution 1 (the actor's behaviour, built
// by the spawning thread, read by the worker). So these entry points are
// defined here, by their symbols, and make the edges the library's own
// atomics make, on a clock kept at the actor's address:
// - a launch, and an enqueue of a message to an actor (scheduled or
//   blocking), release into the actor's clock: the sender's writes to the
//   message and to what it points to come before the receiver's reads;
// - a scheduled actor's resume acquires from its clock as it starts and
//   releases into it as it ends (its next run, on any worker, comes after
//   this one);
// - each message an actor takes off its mailbox goes to its mailbox
//   visitor (the scheduled actor's three, for ordinary, upstream and
//   downstream messages, and the blocking actor's), which acquires from it;
// - an actor's cleanup acquires from it, and so does each message left in
//   its mailbox that the cleanup bounces before destroying it;
// - an actor's end (the registry's count of running actors down) releases
//   into the registry's clock, and a wait for that count
//   (await_all_actors_done) acquires from it;
// - dropping a reference to a counted object (ref_counted::deref: messages,
//   behaviours) or to an actor's control block (intrusive_ptr_release and
//   its weak form) is library_reference_dropped's scheduling point and
//   acquire-and-release on the object's clock.
// Acquiring everything released into an actor so far can order a message
// before a receiver that has not taken it yet: that can hide a race between
// a message's sender and the receiver's handling of an earlier message,
// never invent one.
//
// libcaf_core is an opaque library too (in_opaque_library): what it copies,
// fills and frees for itself is not checked. Outside an execution the real
// functions run untouched. Another version of CAF (another soname, or other
// class layouts) keeps the real entry points, and its hand-overs stay
// unseen.
#include <cstddef>
#include <cstdint>

#include "address_objects.hpp"
#include "interpose.hpp"

namespace weft::detail::instrument {
namespace {

/// The real entry point `symbol` (libcaf_core's), resolved on first use.
#define WEFT_REAL_CAF(type, symbol) WEFT_REAL_SYMBOL(type, symbol, "libcaf_core.so.0.17.6")

/// Where a scheduled_actor's `resumable` base lies in it: the 160 of the
/// non-virtual thunk's symbol (_ZThn160_...), which adds it back.
constexpr std::ptrdiff_t resumable_offset = 160;

/// The actor whose cleanup the current thread is in (null: none): the
/// messages left in its mailbox are bounced and destroyed there.
thread_local const void* cleaning_up = nullptr;

/// An actor's cleanup, `real()`: it takes what was handed to it so far, and
/// each message its mailbox still holds, bounced on the way out, what was
/// handed to it until then (a sender may push one while it cleans up).
template <class Real>
bool cleaning(const void* actor, Real real) {
  acquire_at(actor);
  const void* const outer = cleaning_up;
  cleaning_up = actor;
  struct restore {
    const void* outer;
    ~restore() { cleaning_up = outer; }
  } after{outer};
  return real();
}

/// A scheduled actor's run: its clock's work before, its own into it after.
template <class Real>
int resuming(void* actor, Real real) {
  acquire_at(actor);
  const int result = real();
  release_at(actor);
  return result;
}

}  // namespace
}  // namespace weft::detail::instrument

using namespace weft::detail::instrument;

// The definitions, by the library's symbols (`self` is `this`). A
// mailbox_element_ptr (a std::unique_ptr with a deleter) is passed by
// address, and returned through an address the caller passes first.
#define WEFT_CAF_ENTRY WEFT_SYMBOL_ENTRY

// An actor class's launch and enqueue, `kind` its length-prefixed name in
// the symbols: scheduled_actor's (event-based and typed actors) and
// blocking_actor's (a scoped_actor).
#define WEFT_CAF_HANDING(name, kind)                                                                             \
  WEFT_CAF_ENTRY(void, name##_launch, "_ZN3caf" #kind "6launchEPNS_14execution_unitEbb", void* self, void* unit, \
                 bool lazy, bool hide) {                                                                         \
    release_at(self);                                                                                            \
    WEFT_REAL_CAF(void(void*, void*, bool, bool), "_ZN3caf" #kind "6launchEPNS_14execution_unitEbb")             \
    (self, unit, lazy, hide);                                                                                    \
  }                                                                                                              \
  WEFT_CAF_ENTRY(void, name##_enqueue,                                                                           \
                 "_ZN3caf" #kind                                                                                 \
                 "7enqueueESt10unique_ptrINS_15mailbox_elementENS_6detail8disposerEEPNS_14execution_"            \
                 "unitE",                                                                                        \
                 void* self, void* element, void* unit) {                                                        \
    release_at(self);                                                                                            \
    WEFT_REAL_CAF(void(void*, void*, void*),                                                                     \
                  "_ZN3caf" #kind                                                                                \
                  "7enqueueESt10unique_ptrINS_15mailbox_elementENS_6detail8disposerEEPNS_14execution_unitE")     \
    (self, element, unit);                                                                                       \
  }
WEFT_CAF_HANDING(caf_scheduled, 15scheduled_actor)
WEFT_CAF_HANDING(caf_blocking, 14blocking_actor)

#define WEFT_CAF_RESUME "_ZN3caf15scheduled_actor6resumeEPNS_14execution_unitEm"
WEFT_CAF_ENTRY(int, caf_resume, WEFT_CAF_RESUME, void* self, void* unit, std::size_t max_throughput) {
  return resuming(
      self, [&] { return WEFT_REAL_CAF(int(void*, void*, std::size_t), WEFT_CAF_RESUME)(self, unit, max_throughput); });
}

// A worker resumes a job through its `resumable` base: the thunk, which
// jumps to the real resume inside the library.
#define WEFT_CAF_RESUME_THUNK "_ZThn160_N3caf15scheduled_actor6resumeEPNS_14execution_unitEm"
WEFT_CAF_ENTRY(int, caf_resume_thunk, WEFT_CAF_RESUME_THUNK, void* resumable, void* unit, std::size_t max_throughput) {
  void* const actor = static_cast<char*>(resumable) - resumable_offset;
  return resuming(actor, [&] {
    return WEFT_REAL_CAF(int(void*, void*, std::size_t), WEFT_CAF_RESUME_THUNK)(resumable, unit, max_throughput);
  });
}

// Each message an actor takes off its mailbox goes to its mailbox visitor,
// whose first member is the actor (its `self`): the scheduled actor's and
// the blocking actor's (a scoped_actor's receive), `kind` as above.
struct caf_mailbox_visitor {
  void* actor;
};
#define WEFT_CAF_VISIT(name, kind)                                                                                   \
  WEFT_CAF_ENTRY(int, name, "_ZN3caf" #kind "15mailbox_visitorclERNS_15mailbox_elementE", caf_mailbox_visitor* self, \
                 void* element) {                                                                                    \
    acquire_at(self->actor);                                                                                         \
    return WEFT_REAL_CAF(int(caf_mailbox_visitor*, void*),                                                           \
                         "_ZN3caf" #kind "15mailbox_visitorclERNS_15mailbox_elementE")(self, element);               \
  }
WEFT_CAF_VISIT(caf_scheduled_visit, 15scheduled_actor)
WEFT_CAF_VISIT(caf_blocking_visit, 14blocking_actor)

// A stream's upstream and downstream messages go to overloads of their own.
#define WEFT_CAF_UPSTREAM_VISIT                                                                            \
  "_ZN3caf15scheduled_actor15mailbox_visitorclEmRNS_9intrusive9drr_queueINS_6policy17upstream_messagesEEE" \
  "RNS_15mailbox_elementE"
WEFT_CAF_ENTRY(int, caf_upstream_visit, WEFT_CAF_UPSTREAM_VISIT, caf_mailbox_visitor* self, std::size_t key,
               void* queue, void* element) {
  acquire_at(self->actor);
  return WEFT_REAL_CAF(int(caf_mailbox_visitor*, std::size_t, void*, void*), WEFT_CAF_UPSTREAM_VISIT)(self, key, queue,
                                                                                                      element);
}
#define WEFT_CAF_DOWNSTREAM_VISIT                                                                            \
  "_ZN3caf15scheduled_actor15mailbox_visitorclEmRNS_9intrusive30wdrr_dynamic_multiplexed_queueINS_6policy19" \
  "downstream_messagesEEEtRNS2_9drr_queueINS5_6nestedEEERNS_15mailbox_elementE"
WEFT_CAF_ENTRY(int, caf_downstream_visit, WEFT_CAF_DOWNSTREAM_VISIT, caf_mailbox_visitor* self, std::size_t key,
               void* queue, std::uint16_t slot, void* nested, void* element) {
  acquire_at(self->actor);
  return WEFT_REAL_CAF(int(caf_mailbox_visitor*, std::size_t, void*, std::uint16_t, void*, void*),
                       WEFT_CAF_DOWNSTREAM_VISIT)(self, key, queue, slot, nested, element);
}

// An actor's cleanup, in each class that has one (scheduled_actor's calls
// local_actor's, which calls monitorable_actor's).
#define WEFT_CAF_CLEANUP(name, symbol)                                                                               \
  WEFT_CAF_ENTRY(bool, name, symbol, void* self, void* fail_state, void* unit) {                                     \
    return cleaning(self, [&] { return WEFT_REAL_CAF(bool(void*, void*, void*), symbol)(self, fail_state, unit); }); \
  }
WEFT_CAF_CLEANUP(caf_scheduled_cleanup, "_ZN3caf15scheduled_actor7cleanupEONS_5errorEPNS_14execution_unitE")
WEFT_CAF_CLEANUP(caf_blocking_cleanup, "_ZN3caf14blocking_actor7cleanupEONS_5errorEPNS_14execution_unitE")
WEFT_CAF_CLEANUP(caf_local_cleanup, "_ZN3caf11local_actor7cleanupEONS_5errorEPNS_14execution_unitE")
WEFT_CAF_CLEANUP(caf_monitorable_cleanup, "_ZN3caf17monitorable_actor7cleanupEONS_5errorEPNS_14execution_unitE")

// Each message left in a mailbox at its actor's cleanup goes to the
// request bouncer before it is destroyed.
#define WEFT_CAF_BOUNCE "_ZNK3caf6detail20sync_request_bouncerclERKNS_15mailbox_elementE"
WEFT_CAF_ENTRY(void, caf_bounce, WEFT_CAF_BOUNCE, const void* self, const void* element) {
  if (cleaning_up != nullptr) acquire_at(cleaning_up);
  WEFT_REAL_CAF(void(const void*, const void*), WEFT_CAF_BOUNCE)(self, element);
}

// The actor registry counts the running actors with an atomic of the
// library's: an actor's end decrements it, and await_all_actors_done (and
// the actor system's destructor) waits until it is down, returning at once
// when it already is. So an end releases into the registry's clock and the
// wait acquires from it.
#define WEFT_CAF_DEC_RUNNING "_ZN3caf14actor_registry11dec_runningEv"
WEFT_CAF_ENTRY(void, caf_dec_running, WEFT_CAF_DEC_RUNNING, void* self) {
  release_at(self);
  WEFT_REAL_CAF(void(void*), WEFT_CAF_DEC_RUNNING)(self);
}
#define WEFT_CAF_AWAIT_RUNNING "_ZNK3caf14actor_registry25await_running_count_equalEm"
WEFT_CAF_ENTRY(void, caf_await_running, WEFT_CAF_AWAIT_RUNNING, const void* self, std::size_t expected) {
  WEFT_REAL_CAF(void(const void*, std::size_t), WEFT_CAF_AWAIT_RUNNING)(self, expected);
  acquire_at(self);
}

#define WEFT_CAF_DEREF "_ZNK3caf11ref_counted5derefEv"
WEFT_CAF_ENTRY(void, caf_deref, WEFT_CAF_DEREF, const void* self) {
  library_reference_dropped(self, "caf::ref_counted::deref", WEFT_PC);
  WEFT_REAL_CAF(void(const void*), WEFT_CAF_DEREF)(self);
}

// An actor's control block counts strong and weak references: the last weak
// one frees it.
#define WEFT_CAF_RELEASE_WEAK "_ZN3caf26intrusive_ptr_release_weakEPNS_19actor_control_blockE"
WEFT_CAF_ENTRY(void, caf_release_weak, WEFT_CAF_RELEASE_WEAK, void* block) {
  library_reference_dropped(block, "caf::intrusive_ptr_release_weak", WEFT_PC);
  WEFT_REAL_CAF(void(void*), WEFT_CAF_RELEASE_WEAK)(block);
}

#define WEFT_CAF_RELEASE_ACTOR "_ZN3caf21intrusive_ptr_releaseEPNS_19actor_control_blockE"
WEFT_CAF_ENTRY(void, caf_release_actor, WEFT_CAF_RELEASE_ACTOR, void* block) {
  library_reference_dropped(block, "caf::intrusive_ptr_release", WEFT_PC);
  WEFT_REAL_CAF(void(void*), WEFT_CAF_RELEASE_ACTOR)(block);
}
