// CAF (libcaf-dev 0.17): a pipeline of stateful actors. A source sends
// batches (a std::vector<int> each, filled on its thread) to a squarer,
// which squares them in place and forwards them to a sink; the sink sums
// what it receives in its state and answers main's scoped actor once all
// batches are in. Correct: each batch is handed over by a message, and each
// actor's state is touched only by the actor.
// weft-exec-expect: clean
#include <caf/all.hpp>
#include <cstdio>
#include <numeric>
#include <vector>

using namespace caf;

constexpr int batches = 3;

struct sink_state {
  long sum = 0;
  int received = 0;
  strong_actor_ptr waiting;  // main's scoped actor, once it asked
};

behavior sink(stateful_actor<sink_state>* self) {
  return {
      [=](const std::vector<int>& batch) {
        self->state.sum += std::accumulate(batch.begin(), batch.end(), 0L);
        if (++self->state.received == batches && self->state.waiting) {
          anon_send(actor_cast<actor>(self->state.waiting), self->state.sum);
        }
      },
      [=](get_atom) {
        self->state.waiting = self->current_sender();
        if (self->state.received == batches) anon_send(actor_cast<actor>(self->state.waiting), self->state.sum);
      },
  };
}

behavior squarer(event_based_actor* self, actor next) {
  return {
      [=](std::vector<int> batch) {
        for (int& x : batch) x *= x;
        self->send(next, std::move(batch));
      },
  };
}

void source(event_based_actor* self, actor next) {
  for (int b = 0; b < batches; ++b) {
    std::vector<int> batch(4);
    std::iota(batch.begin(), batch.end(), b * 4);
    self->send(next, std::move(batch));
  }
}

void caf_main(actor_system& sys) {
  auto out = sys.spawn(sink);
  auto square = sys.spawn(squarer, out);
  sys.spawn(source, square);
  scoped_actor main_actor{sys};
  main_actor->send(out, get_atom_v);
  long sum = 0;
  main_actor->receive([&](long s) { sum = s; });
  std::printf("sum of squares %ld\n", sum);  // 0^2 + ... + 11^2 = 506
  anon_send_exit(square, exit_reason::user_shutdown);
  anon_send_exit(out, exit_reason::user_shutdown);
}

CAF_MAIN()
