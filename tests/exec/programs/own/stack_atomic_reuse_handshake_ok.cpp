// A requester hands a handler thread one operation at a time, each a struct
// on the requester's stack with a std::atomic status (the shape of oneTBB's
// aggregator): the handler marks it taken, writes the result and marks it
// done with a release store; the requester spins until it is done (acquire
// loads) and then reads the result. Every round's operation lives in the
// same stack slot as the round before: its status starts at 0 again, and a
// load must not read the "done" of an earlier round's operation, which is a
// different object. Correct.
// weft-exec-expect: clean
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
    op->status.store(done, std::memory_order_release);
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
