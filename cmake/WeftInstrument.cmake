# weft_instrument(<target>) — builds <target> for `weft exec` (docs/guide.md,
# "Unmodified code: weft exec"): its sources compiled with Clang's
# ThreadSanitizer instrumentation (-fsanitize=thread at compile time only),
# and, for an executable, linked with weft's instrumentation runtime instead
# of TSan's: -Wl,--wrap=main (the runtime's main() runs the program's as a
# checked scenario), -rdynamic, the runtime whole-archive, weft::weft and
# weft::cli. A library gets the compile flag only: the executable it ends in
# needs weft_instrument() too. The same as the weft-cc / weft-c++ wrappers.
#
# Included by weft's top-level CMakeLists.txt (add_subdirectory(weft) users)
# and by the installed weftConfig.cmake (find_package(weft) users).
include_guard(GLOBAL)

# The compile flags of instrumented code, for weft_instrument(), weft's own
# programs (WeftInstrumentedProgram.cmake) and the weft-cc / weft-c++
# wrappers alike: ThreadSanitizer's instrumentation (its calls, not its
# runtime); -gdwarf-aranges (reports find file:line through .debug_aranges,
# which clang omits by default); volatile loads and stores as calls of their
# own (weft exec treats them as relaxed atomics, as the READ_ONCE/WRITE_ONCE
# idiom uses them, unless --volatile-plain); Concurrency Kit's atomics as
# compiler builtins, its documented switch for analysers (its x86 inline
# assembly is invisible to the instrumentation), and its fences for the
# weakest memory model it supports, RMO (on x86 it leaves out the fences
# that TSO hardware makes: code checked so holds on every architecture).
#
# Before the system's headers, instrumented code sees weft's shims
# (WEFT_SHIM_DIR, set by weft's CMakeLists.txt or weftConfig.cmake:
# checker/include/weft/shim): liburcu's pointer operations, atomics and
# barriers as compiler atomics and fences (urcu/pointer.h, uatomic.h,
# arch.h; its own are inline assembly on x86), and its wait-free queue and
# stacks inline (urcu/wfcqueue.h, wfstack.h, lfstack.h), and its RCU lists'
# removal as a release (urcu/rculist.h, rcuhlist.h); Boost.Atomic's extra
# operations and sequentially consistent fence, inline assembly on x86 too,
# as Boost's generic operations and a compiler fence
# (boost/atomic/detail/extra_ops_gcc_x86.hpp, fence_arch_ops_gcc_x86.hpp).
set(WEFT_INSTRUMENT_FLAGS -fsanitize=thread -gdwarf-aranges -mllvm -tsan-distinguish-volatile=1 -DCK_USE_CC_BUILTINS=1
                          -DCK_MD_RMO)

# The link of an instrumented executable, also used inside weft's own build
# (weft_instrumented_program): weft's runtime in place of TSan's. No
# -fsanitize=thread here: that would link TSan's runtime. -z now: weft exec's
# fork server binds every symbol once for all executions. --undefined=main: a
# main in an archive (GTest::gtest_main) is linked even when the archive comes
# before the runtime, whose __real_main needs it. The version script
# (checker/include/weft/shim/weft-link.map) keeps the program's copies of
# the standard library's templates out of the libraries' reach.
function(_weft_link_instrumented target runtime)
  target_link_options(${target} PRIVATE -Wl,--wrap=main -rdynamic -Wl,--version-script=${WEFT_SHIM_DIR}/weft-link.map
                      -Wl,-z,now -Wl,--undefined=main)
  target_link_libraries(${target} PRIVATE "$<LINK_LIBRARY:WHOLE_ARCHIVE,${runtime}>" ${ARGN})
endfunction()

function(weft_instrument target)
  if(NOT TARGET ${target})
    message(FATAL_ERROR "weft_instrument(${target}): no such target")
  endif()
  # The languages of the target's sources: each one's compiler must be Clang.
  get_target_property(sources ${target} SOURCES)
  set(languages "")
  foreach(source IN LISTS sources)
    get_source_file_property(language "${source}" LANGUAGE)
    if(NOT language)
      if(source MATCHES "\\.c$")
        set(language C)
      elseif(source MATCHES "\\.(cc|cpp|cxx|c\\+\\+|C|cp|CPP)$")
        set(language CXX)
      endif()
    endif()
    if(language MATCHES "^(C|CXX)$")
      list(APPEND languages ${language})
    endif()
  endforeach()
  if(NOT languages)
    set(languages CXX)
  endif()
  list(REMOVE_DUPLICATES languages)
  foreach(language IN LISTS languages)
    if(NOT CMAKE_${language}_COMPILER_ID STREQUAL "Clang")
      message(FATAL_ERROR
        "weft_instrument(${target}): its ${language} compiler is ${CMAKE_${language}_COMPILER_ID} "
        "${CMAKE_${language}_COMPILER_VERSION} (${CMAKE_${language}_COMPILER}); weft's instrumentation needs Clang "
        "(clang-14: configure with -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14). GCC's "
        "-fsanitize=thread instrumentation is not verified with weft's runtime.")
    endif()
  endforeach()
  foreach(needed weft::instrument weft::weft weft::cli)
    if(NOT TARGET ${needed})
      message(FATAL_ERROR "weft_instrument(${target}): target ${needed} is missing (find_package(weft) first)")
    endif()
  endforeach()
  list(JOIN WEFT_INSTRUMENT_FLAGS " " flags)
  target_compile_options(${target} PRIVATE "SHELL:${flags}")  # SHELL: keeps the two words of -mllvm
  target_include_directories(${target} SYSTEM BEFORE PRIVATE ${WEFT_SHIM_DIR})
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "EXECUTABLE")
    _weft_link_instrumented(${target} weft::instrument weft::cli weft::weft)
  endif()
endfunction()
