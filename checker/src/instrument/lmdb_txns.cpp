// LMDB's transactions inside an execution of weft exec: what a write
// transaction stored happens before what a transaction begun after its
// commit reads, and what a transaction read happens before the writes of a
// transaction begun after it ended.
//
// With MDB_WRITEMAP a writer's mdb_put copies the value straight into the
// shared map from inside liblmdb.so (the copy weft checks), and LMDB
// publishes the commit with plain and volatile stores and a full barrier
// (the meta page's transaction id, the reader table's): a reader that began
// after the commit and read the value through the pointer mdb_get gave it
// was a false data race at execution 1 under every strategy. The other way
// round, a writer reuses a page once no reader's slot names an older
// snapshot, which the reader frees with a plain store at its end. So the
// transaction entry points are defined here: the end of a transaction
// (mdb_txn_commit, mdb_txn_abort, mdb_txn_reset) releases into one clock,
// and the start of one (mdb_txn_begin, mdb_txn_renew) that succeeded
// acquires it; each is a scheduling point, as which commit a reader sees is
// the schedule's. One clock for every environment can hide a race between
// unrelated databases, never invent one, as for descriptors.
#include "address_objects.hpp"
#include "descriptors.hpp"
#include "interpose.hpp"

extern "C" {
// LMDB's entry points by shape, without its header.
struct MDB_env;
struct MDB_txn;
int mdb_txn_begin(MDB_env* env, MDB_txn* parent, unsigned flags, MDB_txn** txn);
int mdb_txn_renew(MDB_txn* txn);
int mdb_txn_commit(MDB_txn* txn);
void mdb_txn_abort(MDB_txn* txn);
void mdb_txn_reset(MDB_txn* txn);
}

namespace weft::detail::instrument {
namespace {

constexpr const char* lmdb_library = "liblmdb.so.0";

WEFT_REAL_IN(mdb_txn_begin, lmdb_library);
WEFT_REAL_IN(mdb_txn_renew, lmdb_library);
WEFT_REAL_IN(mdb_txn_commit, lmdb_library);
WEFT_REAL_IN(mdb_txn_abort, lmdb_library);
WEFT_REAL_IN(mdb_txn_reset, lmdb_library);

/// The clock every transaction's end releases into and every start acquires.
char transactions_ended;

/// A transaction's start from the program (`what` at `pc`): a scheduling
/// point inside an execution, the real call (`start`), then an acquire when
/// it succeeded.
template <class Start>
int started(const char* what, const void* pc, Start start) {
  if (tables() == nullptr) return start();
  call_point(what, pc);
  const int result = start();
  if (result == 0) acquire_at(&transactions_ended);
  return result;
}

/// A transaction's end from the program: a scheduling point and a release
/// inside an execution, then the real call (`end`).
template <class End>
auto ended(const char* what, const void* pc, End end) {
  if (tables() != nullptr) {
    call_point(what, pc);
    release_at(&transactions_ended);
  }
  return end();
}

}  // namespace
}  // namespace weft::detail::instrument

using namespace weft::detail::instrument;

extern "C" {

int mdb_txn_begin(MDB_env* env, MDB_txn* parent, unsigned flags, MDB_txn** txn) {
  return started("mdb_txn_begin", WEFT_PC, [&] { return real_mdb_txn_begin(env, parent, flags, txn); });
}
int mdb_txn_renew(MDB_txn* txn) {
  return started("mdb_txn_renew", WEFT_PC, [&] { return real_mdb_txn_renew(txn); });
}
int mdb_txn_commit(MDB_txn* txn) {
  return ended("mdb_txn_commit", WEFT_PC, [&] { return real_mdb_txn_commit(txn); });
}
void mdb_txn_abort(MDB_txn* txn) {
  ended("mdb_txn_abort", WEFT_PC, [&] { real_mdb_txn_abort(txn); });
}
void mdb_txn_reset(MDB_txn* txn) {
  ended("mdb_txn_reset", WEFT_PC, [&] { real_mdb_txn_reset(txn); });
}

}  // extern "C"
