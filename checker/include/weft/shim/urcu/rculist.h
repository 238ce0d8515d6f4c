/* weft/shim/urcu/rculist.h — liburcu's RCU list, with its removal seen as
 * the publication it is, for code built for weft exec (weft-cc, weft-c++ and
 * weft_instrument() put this directory first on the system include path).
 *
 * cds_list_del_rcu() unlinks an entry with a plain volatile store
 * (CMM_STORE_SHARED) of the pointer to the next entry, and a reader may
 * follow that new pointer at once. liburcu's memory model (the Linux
 * kernel's) makes this correct: the next entry was published earlier by a
 * release (rcu_assign_pointer), the removal is ordered after it in the
 * pointer's coherence order, and the reader's dependency does the rest. In
 * the C and C++ models the relaxed store carries no ordering, so a reader
 * that got to an entry through a removal was reported racing with the
 * writer that filled the entry in — a false positive on a correct list.
 * Here the removal's store is a release: the updater (which holds the
 * update-side lock, as RCU requires) publishes everything it knows of, the
 * entries it links to included. The list's other operations are liburcu's. */
#define cds_list_del_rcu weft_urcu_unused_cds_list_del_rcu
#include_next <urcu/rculist.h>
#undef cds_list_del_rcu

#ifndef WEFT_SHIM_URCU_RCULIST_H
#define WEFT_SHIM_URCU_RCULIST_H

static inline void cds_list_del_rcu(struct cds_list_head* elem) {
  elem->next->prev = elem->prev;
  __atomic_store_n(&elem->prev->next, elem->next, __ATOMIC_RELEASE);
}

#endif /* WEFT_SHIM_URCU_RCULIST_H */
