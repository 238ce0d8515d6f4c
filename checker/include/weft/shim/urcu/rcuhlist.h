/* weft/shim/urcu/rcuhlist.h — liburcu's RCU hash list, with its removal seen
 * as the publication it is, for code built for weft exec (this directory is
 * first on the system include path). cds_hlist_del_rcu() unlinks with a
 * plain volatile store a reader may follow at once: a release here, for the
 * reason urcu/rculist.h in this directory gives. */
#define cds_hlist_del_rcu weft_urcu_unused_cds_hlist_del_rcu
#include_next <urcu/rcuhlist.h>
#undef cds_hlist_del_rcu

#ifndef WEFT_SHIM_URCU_RCUHLIST_H
#define WEFT_SHIM_URCU_RCUHLIST_H

static inline void cds_hlist_del_rcu(struct cds_hlist_node* elem) {
  if (elem->next) elem->next->prev = elem->prev;
  __atomic_store_n(&elem->prev->next, elem->next, __ATOMIC_RELEASE);
}

#endif /* WEFT_SHIM_URCU_RCUHLIST_H */
