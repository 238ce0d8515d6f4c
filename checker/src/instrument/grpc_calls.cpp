// gRPC's hand-offs between threads (Debian's libgrpc++ and libgrpc, 1.51),
// inside an execution of weft exec.
//
// gRPC's C++ API is templates and inline code in the program
// (<grpcpp/...>: the callback reactors, the tags of a call's operations),
// but what orders them is inside the compiled libraries: a batch of
// operations one thread starts (grpc_call_start_batch) completes on a
// completion queue another thread takes it from, through gRPC's lock-free
// queues and combiners, and that thread runs the program's functor or
// reactor. weft saw none of it: a reactor's relaxed store of its own
// pointer, made before the batch was started, was read stale by the
// completion's callback (a false SIGSEGV), and the callback's accesses to
// the call's tag and buffers were false data races under every strategy.
// So every call from libgrpc++ or libgrpc into the program acquires one
// clock and releases it when it returns (library_callbacks.cpp), a batch
// started releases it, and an event a completion queue returns (the sync
// and async APIs' next and pluck) acquires it. What libgrpc, libgrpc++ and
// libgpr copy and free themselves (messages, arenas, the call's reference
// counts) is not checked: they are opaque libraries (openmp_locks.cpp).
// One clock for everything gRPC hands over hides a race only between two
// of gRPC's calls into the program where one returned before the other
// began; two callbacks that run at once are still found.
#include <cstddef>
#include <cstdint>

#include "address_objects.hpp"
#include "interpose.hpp"

using namespace weft::detail::instrument;

namespace {

/// grpc_event and gpr_timespec as gRPC passes them (two registers each).
struct grpc_event_abi {
  int type;
  int success;
  void* tag;
};
struct gpr_timespec_abi {
  std::int64_t tv_sec;
  std::int32_t tv_nsec;
  int clock_type;
};

}  // namespace

extern "C" int grpc_call_start_batch(void* call, const void* ops, std::size_t nops, void* tag, void* reserved);
extern "C" grpc_event_abi grpc_completion_queue_next(void* cq, gpr_timespec_abi deadline, void* reserved);
extern "C" grpc_event_abi grpc_completion_queue_pluck(void* cq, void* tag, gpr_timespec_abi deadline, void* reserved);

namespace {
WEFT_REAL(grpc_call_start_batch);
WEFT_REAL(grpc_completion_queue_next);
WEFT_REAL(grpc_completion_queue_pluck);

/// What a completion queue's event hands over: acquired by the thread that
/// took it (none: a timeout or the queue's shutdown hand over nothing more).
grpc_event_abi taken(grpc_event_abi event) {
  if (event.type == 2 /* GRPC_OP_COMPLETE */) acquire_at(&grpc_handoffs);
  return event;
}

}  // namespace

extern "C" int grpc_call_start_batch(void* call, const void* ops, std::size_t nops, void* tag, void* reserved) {
  release_at(&grpc_handoffs);
  return real_grpc_call_start_batch(call, ops, nops, tag, reserved);
}

extern "C" grpc_event_abi grpc_completion_queue_next(void* cq, gpr_timespec_abi deadline, void* reserved) {
  return taken(real_grpc_completion_queue_next(cq, deadline, reserved));
}

extern "C" grpc_event_abi grpc_completion_queue_pluck(void* cq, void* tag, gpr_timespec_abi deadline,
                                                      void* reserved) {
  return taken(real_grpc_completion_queue_pluck(cq, tag, deadline, reserved));
}
