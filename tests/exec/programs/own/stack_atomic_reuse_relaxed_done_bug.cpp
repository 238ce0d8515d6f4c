// The handshake of stack_atomic_reuse_handshake_ok.cpp, each round's
// operation in the same stack slot, with the handler's "done" stored
// relaxed: the requester's acquire load of it synchronises with nothing,
// and its read of the result races with the handler's write. A data race
// weft must find although every operation is a new object in an old slot.
// weft-exec-expect: data_race
#include <atomic>
#include <cstdio>
#include <thread>

namespace {

struct operation {
  std::atomic<int> status{0};
  int argument = 0;
  int result = 0;
};

std::atomic<operation*> pending{nullptr};
constexpr int rounds = 3;
constexpr int taken = 1, done = 2;

void handler() {
  for (int round = 0; round < rounds; ++round) {
    operation* op = nullptr;
    while ((op = pending.exchange(nullptr, std::memory_order_acquire)) == nullptr) std::this_thread::yield();
    op->status.store(taken, std::memory_order_relaxed);
    op->result = op->argument * 10;
    op->status.store(done, std::memory_order_relaxed);  // BUG: publishes the result with no release
  }
}

// Through a reference: the compiler's instrumentation leaves some accesses
// to a local object's own fields out.
[[gnu::noinline]] int result_of(const operation& op) { return op.result; }

[[gnu::noinline]] int request(int argument) {
  operation op;
  op.argument = argument;
  pending.store(&op, std::memory_order_release);
  while (op.status.load(std::memory_order_acquire) != done) std::this_thread::yield();
  return result_of(op);
}

}  // namespace

int main() {
  std::thread worker(handler);
  int total = 0;
  for (int round = 0; round < rounds; ++round) total += request(round + 1);
  worker.join();
  std::printf("%d\n", total);
  return total == 60 ? 0 : 1;
}
