// weft/scenarios/families.hpp — one registration function per model family.
// weft::register_builtin_scenarios() (weft/scenarios/builtin.hpp) calls them all.
#pragma once

namespace weft::scenarios {

void register_counter();
void register_bank();
void register_rwlock();
void register_deadlock();
void register_bounded_buffer();
void register_semaphore();
void register_event();
void register_barrier();
void register_pool();
void register_once();
void register_cache();
void register_dict();
void register_list();
void register_limiter();
void register_actor();
void register_pipeline();
void register_pipe();
void register_memory();
void register_lincheck();  // lincheck.cpp: specs of object-like models (<weft/lincheck.hpp>)

}  // namespace weft::scenarios
