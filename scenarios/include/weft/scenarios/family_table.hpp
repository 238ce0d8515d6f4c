// weft/scenarios/family_table.hpp — the one list of the built-in model
// families, in registration order. WEFT_SCENARIO_FAMILIES(X) expands X(family)
// for each: register_builtin_scenarios() (builtin.cpp) calls
// scenarios::register_<family>(), weft-relacy (scenarios/relacy/) calls
// add_<family>_suites(), models-on-std-types (scenarios/std_types/) includes
// scenarios/<family>.cpp. A new family is a line here, its own files and that
// include (the link fails without it).
#pragma once

#define WEFT_SCENARIO_FAMILIES(X)                                                                          \
  X(counter) X(bank) X(rwlock) X(deadlock) X(bounded_buffer) X(semaphore) X(event) X(barrier) X(pool) \
  X(once) X(cache) X(dict) X(list) X(limiter) X(actor) X(pipeline) X(pipe) X(memory)
