// Userspace RCU's concurrent data structures called in the library
// (liburcu-common and liburcu-cds, Debian's liburcu-dev 0.13): the
// wait-free queue (cds_wfcq_*), the wait-free stack (cds_wfs_*), the
// lock-free stack (cds_lfs_*), the RCU lock-free queue (cds_lfq_*_rcu) and
// the lock-free resizable hash table (cds_lfht_*), inside an execution of
// weft exec.
//
// The library is built without instrumentation, so weft sees none of the
// accesses by which a push hands a node to a pop, and what a node carried
// from one thread to another was reported as a race. Code built for weft
// exec in C reads these headers with _LGPL_SOURCE (checker/include/weft/
// shim/urcu/): the operations are compiled with the program and explored
// step by step. C++ cannot (liburcu 0.13's inline wait-free and lock-free
// stacks are C only), nor can code built without weft's headers; their
// calls land here, around the real ones:
//  - a push or an enqueue is a scheduling point and a release to the
//    structure (its stack, or its queue's head) before the real call;
//  - a pop, a dequeue or a first/next step of an iteration is a scheduling
//    point, the real call, then an acquire of the structure;
//  - a splice acquires its source and releases to its destination.
// The real call is one step (but for the lock a blocking pop takes, which
// weft follows as any mutex). An acquire takes every release made to the structure before it, not only
// the push of the node it got: weft may miss a race through such a
// structure, never invent one. The library's own misuse (two dequeuers
// without the lock) is seen in the inline version only.
#include <atomic>

#include "address_objects.hpp"
#include "interpose.hpp"

extern "C" {
// TSan's annotations (annotations.cpp): happens-before through an address.
void __tsan_release(void* address);
void __tsan_acquire(void* address);
}

namespace weft::detail::instrument {
namespace {

/// A call that hands nodes to other threads: what this thread did is
/// released to `into` first.
template <class Real, class... A>
auto handing_over(void* into, const void* pc, Real real, A... a) {
  if (tables() != nullptr) {
    atomic_fence_from(__ATOMIC_SEQ_CST, pc);
    __tsan_release(into);
  }
  return real(a...);
}

/// After a call that takes nodes other threads handed over (the object's
/// destructor runs once the call has returned): what they released to
/// `from` is acquired (and, for a splice, released to `into`).
struct acquire_after_call {
  void* from;
  void* into = nullptr;
  ~acquire_after_call() {
    if (from == nullptr) return;
    __tsan_acquire(from);
    if (into != nullptr) __tsan_release(into);
  }
};

/// A call that takes nodes other threads handed over: what they released
/// to `from` is acquired after it (and, for a splice, released to `into`).
template <class Real, class... A>
auto taking(void* from, void* into, const void* pc, Real real, A... a) {
  const bool checked = tables() != nullptr;
  if (checked) atomic_fence_from(__ATOMIC_SEQ_CST, pc);
  const acquire_after_call after{checked ? from : nullptr, into};
  return real(a...);
}

}  // namespace
}  // namespace weft::detail::instrument

using namespace weft::detail::instrument;

// The structures' pointers, declared as void*: liburcu passes some through
// a transparent union of pointers, which the calling convention passes as
// the pointer. R: the return type; the first parameter is the structure.
#define WEFT_CDS_REAL(R, name, ...)        \
  static std::atomic<void*> real{nullptr}; \
  using function = R (*)(__VA_ARGS__);     \
  const auto call = [](auto... a) { return reinterpret_cast<function>(resolve_real(real, #name))(a...); }

#define WEFT_CDS_PUSH(R, name, node_type)                                               \
  extern "C" R name(void* structure, node_type node) {                                  \
    WEFT_CDS_REAL(R, name, void*, node_type);                                           \
    return handing_over(structure, __builtin_return_address(0), call, structure, node); \
  }
#define WEFT_CDS_POP(name)                                                           \
  extern "C" void* name(void* structure) {                                           \
    WEFT_CDS_REAL(void*, name, void*);                                               \
    return taking(structure, nullptr, __builtin_return_address(0), call, structure); \
  }
#define WEFT_CDS_POP_WITH_STATE(name)                                                       \
  extern "C" void* name(void* structure, int* state) {                                      \
    WEFT_CDS_REAL(void*, name, void*, int*);                                                \
    return taking(structure, nullptr, __builtin_return_address(0), call, structure, state); \
  }
// The queue's calls take its head and its tail; the head is the key.
#define WEFT_CDS_DEQUEUE(name)                                                   \
  extern "C" void* name(void* head, void* tail) {                                \
    WEFT_CDS_REAL(void*, name, void*, void*);                                    \
    return taking(head, nullptr, __builtin_return_address(0), call, head, tail); \
  }
#define WEFT_CDS_DEQUEUE_WITH(name, extra)                                             \
  extern "C" void* name(void* head, void* tail, extra more) {                          \
    WEFT_CDS_REAL(void*, name, void*, void*, extra);                                   \
    return taking(head, nullptr, __builtin_return_address(0), call, head, tail, more); \
  }
#define WEFT_CDS_SPLICE(name)                                                                                        \
  extern "C" int name(void* dest_head, void* dest_tail, void* src_head, void* src_tail) {                            \
    WEFT_CDS_REAL(int, name, void*, void*, void*, void*);                                                            \
    return taking(src_head, dest_head, __builtin_return_address(0), call, dest_head, dest_tail, src_head, src_tail); \
  }

// The wait-free queue (urcu/wfcqueue.h).
extern "C" bool cds_wfcq_enqueue(void* head, void* tail, void* node) {
  WEFT_CDS_REAL(bool, cds_wfcq_enqueue, void*, void*, void*);
  return handing_over(head, __builtin_return_address(0), call, head, tail, node);
}
WEFT_CDS_DEQUEUE(cds_wfcq_dequeue_blocking)
WEFT_CDS_DEQUEUE(__cds_wfcq_dequeue_blocking)
WEFT_CDS_DEQUEUE(__cds_wfcq_dequeue_nonblocking)
WEFT_CDS_DEQUEUE_WITH(cds_wfcq_dequeue_with_state_blocking, int*)
WEFT_CDS_DEQUEUE_WITH(__cds_wfcq_dequeue_with_state_blocking, int*)
WEFT_CDS_DEQUEUE_WITH(__cds_wfcq_dequeue_with_state_nonblocking, int*)
WEFT_CDS_DEQUEUE(__cds_wfcq_first_blocking)
WEFT_CDS_DEQUEUE(__cds_wfcq_first_nonblocking)
WEFT_CDS_DEQUEUE_WITH(__cds_wfcq_next_blocking, void*)
WEFT_CDS_DEQUEUE_WITH(__cds_wfcq_next_nonblocking, void*)
WEFT_CDS_SPLICE(cds_wfcq_splice_blocking)
WEFT_CDS_SPLICE(__cds_wfcq_splice_blocking)
WEFT_CDS_SPLICE(__cds_wfcq_splice_nonblocking)

// The wait-free stack (urcu/wfstack.h).
WEFT_CDS_PUSH(int, cds_wfs_push, void*)
WEFT_CDS_POP(cds_wfs_pop_blocking)
WEFT_CDS_POP(cds_wfs_pop_all_blocking)
WEFT_CDS_POP(__cds_wfs_pop_blocking)
WEFT_CDS_POP(__cds_wfs_pop_nonblocking)
WEFT_CDS_POP(__cds_wfs_pop_all)
WEFT_CDS_POP_WITH_STATE(cds_wfs_pop_with_state_blocking)
WEFT_CDS_POP_WITH_STATE(__cds_wfs_pop_with_state_blocking)
WEFT_CDS_POP_WITH_STATE(__cds_wfs_pop_with_state_nonblocking)

// The lock-free stack (urcu/lfstack.h).
WEFT_CDS_PUSH(bool, cds_lfs_push, void*)
WEFT_CDS_POP(cds_lfs_pop_blocking)
WEFT_CDS_POP(cds_lfs_pop_all_blocking)
WEFT_CDS_POP(__cds_lfs_pop)
WEFT_CDS_POP(__cds_lfs_pop_all)

// The RCU lock-free queue (urcu/rculfqueue.h), called in the library
// without _LGPL_SOURCE (with it, its inline version is explored step by step).
WEFT_CDS_PUSH(void, cds_lfq_enqueue_rcu, void*)
WEFT_CDS_POP(cds_lfq_dequeue_rcu)

// The lock-free hash table (urcu/rculfhash.h). It has no inline version: C
// and C++ programs alike call the library. Every call is a scheduling point.
// What adds, replaces or removes a node releases to the table first; what
// looks nodes up or iterates acquires from it afterwards; and a match
// function (the program's code, reading the nodes' keys from inside the
// library's call) acquires before each node the library gives it.
namespace {

using lfht_match = int (*)(void* node, const void* key);

/// What acquire_then_match needs: the program's match function and key,
/// and the table to acquire from first.
struct acquiring_key {
  lfht_match match;
  const void* key;
  void* table;
};

int acquire_then_match(void* node, const void* context) {
  const auto& k = *static_cast<const acquiring_key*>(context);
  __tsan_acquire(k.table);
  return k.match(node, k.key);
}

/// A call with a match function: real_call(match, key) with the program's
/// match function and key wrapped (an acquire from the table before each
/// node it is given), after a release to the table when the call can hand a
/// node over, and an acquire from it after the call. The program's code
/// touches the nodes only in its match function and after the call.
template <class Call>
auto matching(void* table, bool hands_over, const void* pc, lfht_match match, const void* key, Call real_call) {
  if (tables() == nullptr) return real_call(match, key);
  atomic_fence_from(__ATOMIC_SEQ_CST, pc);
  if (hands_over) __tsan_release(table);
  const acquiring_key wrapped{match, key, table};
  const acquire_after_call after{table};
  return real_call(&acquire_then_match, &wrapped);
}

}  // namespace

extern "C" void cds_lfht_lookup(void* table, unsigned long hash, lfht_match match, const void* key, void* iter) {
  WEFT_CDS_REAL(void, cds_lfht_lookup, void*, unsigned long, lfht_match, const void*, void*);
  matching(table, false, __builtin_return_address(0), match, key,
           [&](lfht_match m, const void* k) { return call(table, hash, m, k, iter); });
}
extern "C" void cds_lfht_next_duplicate(void* table, lfht_match match, const void* key, void* iter) {
  WEFT_CDS_REAL(void, cds_lfht_next_duplicate, void*, lfht_match, const void*, void*);
  matching(table, false, __builtin_return_address(0), match, key,
           [&](lfht_match m, const void* k) { return call(table, m, k, iter); });
}
extern "C" void* cds_lfht_add_unique(void* table, unsigned long hash, lfht_match match, const void* key, void* node) {
  WEFT_CDS_REAL(void*, cds_lfht_add_unique, void*, unsigned long, lfht_match, const void*, void*);
  return matching(table, true, __builtin_return_address(0), match, key,
                  [&](lfht_match m, const void* k) { return call(table, hash, m, k, node); });
}
extern "C" void* cds_lfht_add_replace(void* table, unsigned long hash, lfht_match match, const void* key, void* node) {
  WEFT_CDS_REAL(void*, cds_lfht_add_replace, void*, unsigned long, lfht_match, const void*, void*);
  return matching(table, true, __builtin_return_address(0), match, key,
                  [&](lfht_match m, const void* k) { return call(table, hash, m, k, node); });
}
extern "C" int cds_lfht_replace(void* table, void* old_iter, unsigned long hash, lfht_match match, const void* key,
                                void* node) {
  WEFT_CDS_REAL(int, cds_lfht_replace, void*, void*, unsigned long, lfht_match, const void*, void*);
  return matching(table, true, __builtin_return_address(0), match, key,
                  [&](lfht_match m, const void* k) { return call(table, old_iter, hash, m, k, node); });
}
extern "C" void cds_lfht_add(void* table, unsigned long hash, void* node) {
  WEFT_CDS_REAL(void, cds_lfht_add, void*, unsigned long, void*);
  handing_over(table, __builtin_return_address(0), call, table, hash, node);
}
extern "C" int cds_lfht_del(void* table, void* node) {
  WEFT_CDS_REAL(int, cds_lfht_del, void*, void*);
  return handing_over(table, __builtin_return_address(0), call, table, node);
}
extern "C" void cds_lfht_first(void* table, void* iter) {
  WEFT_CDS_REAL(void, cds_lfht_first, void*, void*);
  taking(table, nullptr, __builtin_return_address(0), call, table, iter);
}
extern "C" void cds_lfht_next(void* table, void* iter) {
  WEFT_CDS_REAL(void, cds_lfht_next, void*, void*);
  taking(table, nullptr, __builtin_return_address(0), call, table, iter);
}
