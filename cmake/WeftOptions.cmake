# INTERFACE targets carrying weft's warning and sanitizer flags. They are linked
# privately into weft's own targets only; nothing here edits global flags.
add_library(weft_warnings INTERFACE)
target_compile_options(weft_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
  -Wno-missing-field-initializers  # designated initializers leave defaults on purpose
  # GCC 12 at -O3 reports false -Wrestrict positives inside std::string (GCC bug 105651).
  $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>
  $<$<BOOL:${WEFT_WERROR}>:-Werror>)

# Debug information comes from the build type: the test presets ask for line
# tables only (dev: -O1 -g1; sanitizers: -O1 -gline-tables-only), which is
# what reports and weft's own symboliser read. Against -O2 -g, the dev build
# compiles in about half the time (scenarios/lincheck.cpp: 104 s -> 53 s,
# tests/scenarios/deadlock_test.cpp: 17 s -> 10 s). To step through locals in
# gdb: cmake --preset dev -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g".
add_library(weft_sanitizers INTERFACE)
if(WEFT_SANITIZER STREQUAL "thread")
  target_compile_options(weft_sanitizers INTERFACE -fsanitize=thread -fno-omit-frame-pointer)
  target_link_options(weft_sanitizers INTERFACE -fsanitize=thread)
elseif(WEFT_SANITIZER STREQUAL "address")
  # Every UndefinedBehaviorSanitizer check but vptr (a call through an object
  # of the wrong dynamic type): vptr alone made the heaviest translation units
  # compile 1.5x longer (tests/lincheck's unity file: 49 s -> 75 s), about 5
  # of the asan build's 16 minutes on 2 cores.
  target_compile_options(weft_sanitizers INTERFACE -fsanitize=address,undefined -fno-sanitize=vptr
    -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  target_link_options(weft_sanitizers INTERFACE -fsanitize=address,undefined -fno-sanitize=vptr)
elseif(NOT WEFT_SANITIZER STREQUAL "")
  message(FATAL_ERROR "WEFT_SANITIZER must be '', 'thread' or 'address', not '${WEFT_SANITIZER}'")
endif()

# weft_own_target(<target>): the flags every target that weft itself compiles gets.
function(weft_own_target target)
  target_link_libraries(${target} PRIVATE weft_warnings weft_sanitizers)
endfunction()
