// CAF (libcaf-dev 0.17): two worker actors each count the words of the lines
// they are sent into one tally they both hold a pointer to. The bug: each
// actor handles its own messages one at a time, but the two actors run on
// the scheduler's workers at once, and nothing orders their updates of the
// shared tally.
// weft-exec-expect: data_race
#include <caf/all.hpp>
#include <cstdio>
#include <sstream>
#include <string>

using namespace caf;

struct tally {
  long words = 0;
};

behavior word_counter(event_based_actor*, tally* shared) {
  return {
      [=](const std::string& line) {
        std::istringstream in(line);
        std::string word;
        while (in >> word) ++shared->words;
        return 0;
      },
  };
}

void caf_main(actor_system& sys) {
  tally t;
  auto left = sys.spawn(word_counter, &t);
  auto right = sys.spawn(word_counter, &t);
  scoped_actor self{sys};
  self->send(left, std::string("the quick brown fox"));
  self->send(right, std::string("jumps over the lazy dog"));
  self->receive([](int) {});  // both answered: the tally is complete
  self->receive([](int) {});
  std::printf("%ld words\n", t.words);
  anon_send_exit(left, exit_reason::user_shutdown);
  anon_send_exit(right, exit_reason::user_shutdown);
}

CAF_MAIN()
