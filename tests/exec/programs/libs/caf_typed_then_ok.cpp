// CAF (libcaf-dev 0.17): a typed adder actor, and a client actor that asks
// it for three sums with request(...).then(...), keeps them in its state,
// and reports their total to main's scoped actor when the last one is in.
// Correct: every result travels in a message, and the client's state is its
// own.
// weft-exec-expect: clean
#include <caf/all.hpp>
#include <cstdint>
#include <cstdio>
#include <vector>

using namespace caf;

using adder_actor = typed_actor<replies_to<add_atom, int32_t, int32_t>::with<int32_t>>;

adder_actor::behavior_type adder() {
  return {[](add_atom, int32_t a, int32_t b) { return a + b; }};
}

struct client_state {
  std::vector<int32_t> sums;
};

void client(stateful_actor<client_state>* self, adder_actor calc, actor report_to) {
  for (int32_t i = 1; i <= 3; ++i) {
    self->request(calc, infinite, add_atom_v, i, i * 10).then([=](int32_t sum) {
      self->state.sums.push_back(sum);
      if (self->state.sums.size() == 3) {
        int32_t total = 0;
        for (int32_t s : self->state.sums) total += s;
        self->send(report_to, total);
        self->quit();
      }
    });
  }
}

void caf_main(actor_system& sys) {
  auto calc = sys.spawn(adder);
  scoped_actor self{sys};
  sys.spawn(client, calc, actor{self});
  self->receive([](int32_t total) { std::printf("total %d\n", total); });  // 11 + 22 + 33
  self->send_exit(calc, exit_reason::user_shutdown);
}

CAF_MAIN()
