// CAF (libcaf-dev 0.17): a loader actor answers a request for a report, and
// fills the report's text after it has sent the answer ("the report is
// ready" first, the text next). The bug: main reads the text as soon as the
// answer arrives, while the loader may still be writing it.
// weft-exec-expect: data_race
#include <caf/all.hpp>
#include <cstdio>
#include <string>

using namespace caf;

struct report {
  std::string text;
};
report latest;  // filled by the loader, read by main

behavior loader(event_based_actor* self, report* out) {
  return {
      [=](get_atom) {
        self->send(actor_cast<actor>(self->current_sender()), ok_atom_v);
        out->text = "quarterly figures";
      },
  };
}

void caf_main(actor_system& sys) {
  auto l = sys.spawn(loader, &latest);
  scoped_actor self{sys};
  self->send(l, get_atom_v);
  self->receive([](ok_atom) {});
  std::printf("report: %zu bytes\n", latest.text.size());
  anon_send_exit(l, exit_reason::user_shutdown);
}

CAF_MAIN()
