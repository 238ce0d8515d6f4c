// critnib (Debian's libcritnib-dev: the ordered map from PMDK, with
// lock-free reads) inside an execution of weft exec: what its reads take
// from its writes.
//
// A writer's critnib_insert (and critnib_remove) runs under a pthread mutex
// of the map's, which weft follows; it publishes the new value with a
// release store inside the library. A reader's critnib_get, critnib_find_le,
// critnib_find and critnib_iter take no lock: they walk the tree with
// acquire loads inside the library, which weft never sees. So a correct
// program whose writers fill a record, insert it, and whose readers look it
// up and read it was a false data race between the fill and the read (at
// the first execution under every strategy). Each map has a clock, kept at
// its address: an insert and a remove release into it before the real
// call, and a lookup is a scheduling point, the real call, then an acquire
// from it (critnib_iter acquires before each call of the program's
// function, since the values it visits may have been inserted while it
// walked). A lookup comes after every insert before it, even one whose
// value it did not return: that can hide a race between an unrelated
// writer and the reader, never invent one.
//
// Outside an execution the real functions run untouched.
#include <cstdint>

#include "address_objects.hpp"
#include "descriptors.hpp"
#include "interpose.hpp"

extern "C" {
struct critnib;
enum find_dir_t : int;
int critnib_insert(critnib* c, std::uintptr_t key, void* value, int update);
void* critnib_remove(critnib* c, std::uintptr_t key);
void* critnib_get(critnib* c, std::uintptr_t key);
void* critnib_find_le(critnib* c, std::uintptr_t key);
int critnib_find(critnib* c, std::uintptr_t key, find_dir_t dir, std::uintptr_t* rkey, void** rvalue);
void critnib_iter(critnib* c, std::uintptr_t min, std::uintptr_t max,
                  int (*func)(std::uintptr_t key, void* value, void* privdata), void* privdata);
}

namespace weft::detail::instrument {
namespace {

constexpr const char* critnib_library = "libcritnib.so.1";

WEFT_REAL_IN(critnib_insert, critnib_library);
WEFT_REAL_IN(critnib_remove, critnib_library);
WEFT_REAL_IN(critnib_get, critnib_library);
WEFT_REAL_IN(critnib_find_le, critnib_library);
WEFT_REAL_IN(critnib_find, critnib_library);
WEFT_REAL_IN(critnib_iter, critnib_library);

/// A lookup in the map `c`, `what` called from `pc`: `real()`, between a
/// scheduling point and an acquire of the writes before it.
template <class Real>
auto critnib_lookup(const critnib* c, const char* what, const void* pc, Real real) {
  if (tables() == nullptr) return real();
  call_point(what, pc);
  const auto result = real();
  acquire_at(c);
  return result;
}

/// The program's function and data for critnib_iter, and the map.
struct critnib_iteration {
  int (*func)(std::uintptr_t key, void* value, void* privdata);
  void* privdata;
  const critnib* map;
};

int critnib_visit(std::uintptr_t key, void* value, void* privdata) {
  const critnib_iteration& it = *static_cast<const critnib_iteration*>(privdata);
  acquire_at(it.map);
  return it.func(key, value, it.privdata);
}

}  // namespace
}  // namespace weft::detail::instrument

using namespace weft::detail::instrument;

// Weak: a program with critnib linked in statically keeps its own.
extern "C" {

[[gnu::weak]] int critnib_insert(critnib* c, std::uintptr_t key, void* value, int update) {
  release_at(c);  // what the writer did comes before the lookups after it
  return real_critnib_insert(c, key, value, update);
}

[[gnu::weak]] void* critnib_remove(critnib* c, std::uintptr_t key) {
  release_at(c);  // what the writer did comes before the lookups after it
  return real_critnib_remove(c, key);
}

[[gnu::weak]] void* critnib_get(critnib* c, std::uintptr_t key) {
  return critnib_lookup(c, "critnib_get", WEFT_PC, [&] { return real_critnib_get(c, key); });
}

[[gnu::weak]] void* critnib_find_le(critnib* c, std::uintptr_t key) {
  return critnib_lookup(c, "critnib_find_le", WEFT_PC, [&] { return real_critnib_find_le(c, key); });
}

[[gnu::weak]] int critnib_find(critnib* c, std::uintptr_t key, find_dir_t dir, std::uintptr_t* rkey, void** rvalue) {
  return critnib_lookup(c, "critnib_find", WEFT_PC, [&] { return real_critnib_find(c, key, dir, rkey, rvalue); });
}

[[gnu::weak]] void critnib_iter(critnib* c, std::uintptr_t min, std::uintptr_t max,
                                int (*func)(std::uintptr_t key, void* value, void* privdata), void* privdata) {
  if (tables() == nullptr || func == nullptr) return real_critnib_iter(c, min, max, func, privdata);
  call_point("critnib_iter", WEFT_PC);
  critnib_iteration it{func, privdata, c};
  real_critnib_iter(c, min, max, critnib_visit, &it);
}

}  // extern "C"
