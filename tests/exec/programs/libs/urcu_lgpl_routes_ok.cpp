// Userspace RCU from C++, with the inline read side (_LGPL_SOURCE), as
// performance-minded code includes it: std::thread lookups walk a routing
// table under an RAII read guard while the updater installs a new table
// with rcu_cmpxchg_pointer(), waits for the readers with synchronize_rcu()
// and deletes the old table. Each lookup sees one whole table. Correct.
// weft-exec-expect: clean
#define _LGPL_SOURCE
#include <urcu.h>

#include <array>
#include <cstdlib>
#include <thread>

namespace {

struct RouteTable {
  std::array<int, 4> next_hop{};
  int version = 0;
};

RouteTable* g_routes = nullptr;

class ReadGuard {
 public:
  ReadGuard() { rcu_read_lock(); }
  ~ReadGuard() { rcu_read_unlock(); }
  ReadGuard(const ReadGuard&) = delete;
  ReadGuard& operator=(const ReadGuard&) = delete;
};

int lookup(int destination) {
  ReadGuard guard;
  const RouteTable* table = rcu_dereference(g_routes);
  if (table->next_hop[0] != table->version) std::abort();  // a table written half
  return table->next_hop[destination % 4];
}

RouteTable* make_table(int version) {
  auto* t = new RouteTable;
  t->next_hop.fill(version);
  t->version = version;
  return t;
}

}  // namespace

int main() {
  rcu_assign_pointer(g_routes, make_table(1));
  auto worker = [] {
    rcu_register_thread();
    for (int d = 0; d < 2; ++d) (void)lookup(d);
    rcu_unregister_thread();
  };
  std::thread a(worker), b(worker);
  RouteTable* expected = rcu_dereference(g_routes);
  RouteTable* old = rcu_cmpxchg_pointer(&g_routes, expected, make_table(2));
  if (old != expected) std::abort();  // there is no other updater
  synchronize_rcu();
  delete old;
  a.join();
  b.join();
  delete g_routes;
}
