// CAF (libcaf-dev 0.17): an account actor with two behaviours, open and
// closed, switched with become(); its balance lives in a struct the
// behaviours' handlers capture. Main drives it through function views
// (synchronous calls that wait for each answer), and a second scoped actor
// deposits concurrently with a plain send. Correct: only the actor touches
// the balance.
// weft-exec-expect: clean
#include <caf/all.hpp>
#include <cstdio>
#include <memory>

using namespace caf;

struct ledger {
  long balance = 0;
  int operations = 0;
};

behavior open_account(event_based_actor* self, std::shared_ptr<ledger> book);

behavior closed_account(event_based_actor* self, std::shared_ptr<ledger> book) {
  return {
      [=](get_atom) { return book->balance; },
      [=](open_atom) {
        self->become(open_account(self, book));
        return book->balance;
      },
      [=](add_atom, long) { return book->balance; },  // refused while closed
  };
}

behavior open_account(event_based_actor* self, std::shared_ptr<ledger> book) {
  return {
      [=](add_atom, long amount) {
        book->balance += amount;
        ++book->operations;
        return book->balance;
      },
      [=](get_atom) { return book->balance; },
      [=](close_atom) {
        self->become(closed_account(self, book));
        return book->balance;
      },
  };
}

void caf_main(actor_system& sys) {
  auto account = sys.spawn(open_account, std::make_shared<ledger>());
  scoped_actor other{sys};
  other->send(account, add_atom_v, 5L);
  auto call = make_function_view(account);
  call(add_atom_v, 100L);
  call(close_atom_v);
  call(add_atom_v, 1000L);  // refused
  call(open_atom_v);
  auto balance = call(get_atom_v);
  std::printf("balance %ld\n", balance ? balance->get_as<long>(0) : -1L);
  anon_send_exit(account, exit_reason::user_shutdown);
}

CAF_MAIN()
