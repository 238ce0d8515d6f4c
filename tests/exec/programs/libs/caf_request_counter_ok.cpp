// CAF (the C++ Actor Framework, libcaf-dev 0.17): a counter actor keeps its
// total in a std::shared_ptr its handlers share; two scoped actors on the
// main thread each ask it to add, then ask for the total. Correct: the actor
// handles one message at a time, and each reply is a message back.
// weft-exec-expect: clean
#include <caf/all.hpp>
#include <cstdio>
#include <memory>

using namespace caf;

behavior counter(event_based_actor*) {
  auto total = std::make_shared<int>(0);
  return {
      [=](add_atom, int n) {
        *total += n;
        return *total;
      },
      [=](get_atom) { return *total; },
  };
}

void caf_main(actor_system& sys) {
  auto c = sys.spawn(counter);
  scoped_actor a{sys};
  scoped_actor b{sys};
  a->request(c, infinite, add_atom_v, 2).receive([](int) {}, [](error&) {});
  b->request(c, infinite, add_atom_v, 3).receive([](int) {}, [](error&) {});
  int got = 0;
  a->request(c, infinite, get_atom_v).receive([&](int v) { got = v; }, [](error&) {});
  std::printf("total %d\n", got);
  anon_send_exit(c, exit_reason::user_shutdown);
}

CAF_MAIN()
