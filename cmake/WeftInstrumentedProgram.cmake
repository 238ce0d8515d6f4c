# weft_instrumented_program(<name> <source> [OUTPUT_DIRECTORY dir]
#                           [LIBRARIES target...] [INCLUDES dir...]
#                           [DEFINES NAME[=VALUE]...] [OPENMP]): inside
# weft's own build, an executable as weft-c++ would build it whatever the
# project's compiler: <source> (.c or .cpp) compiled by clang-14 with
# ThreadSanitizer's instrumentation, linked with weft's runtime
# (weft_instrument, whole) instead of TSan's. For the tests and benchmarks of
# `weft exec`; users have weft_instrument() and weft-cc / weft-c++.
# LIBRARIES: targets (or libraries' paths) linked too (not instrumented, e.g.
# GTest::gtest), whose include directories the compile gets (-idirafter: after the system ones,
# so that /usr/include among them does not break #include_next).
# INCLUDES and DEFINES: more -I directories and -D definitions for the compile.
# OPENMP: an OpenMP program, compiled with -fopenmp and linked with LLVM's
# libomp (libomp-14-dev), as clang-14 -fopenmp would.
function(weft_instrumented_program name source)
  cmake_parse_arguments(P "OPENMP" "OUTPUT_DIRECTORY" "LIBRARIES;INCLUDES;DEFINES" ${ARGN})
  find_program(WEFT_CLANG_C clang-14 REQUIRED)
  find_program(WEFT_CLANG_CXX clang++-14 REQUIRED)
  get_filename_component(source ${source} ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
  set(object ${CMAKE_CURRENT_BINARY_DIR}/objects/${name}.o)
  if(source MATCHES "\\.c$")
    set(compile ${WEFT_CLANG_C} -std=gnu11)
  else()
    set(compile ${WEFT_CLANG_CXX} -std=c++20)
  endif()
  set(includes "")
  foreach(dir IN LISTS P_INCLUDES)
    list(APPEND includes -I${dir})
  endforeach()
  foreach(definition IN LISTS P_DEFINES)
    list(APPEND includes -D${definition})
  endforeach()
  set(libraries ${P_LIBRARIES})
  if(P_OPENMP)  # clang's OpenMP: compiled with -fopenmp, linked with LLVM's libomp
    find_library(WEFT_LIBOMP omp PATHS /usr/lib/llvm-14/lib NO_DEFAULT_PATH REQUIRED)
    list(APPEND includes -fopenmp)
  endif()
  foreach(library IN LISTS P_LIBRARIES)
    if(TARGET ${library})  # else a library's path, with no include directories of its own
      set(dirs "$<TARGET_PROPERTY:${library},INTERFACE_INCLUDE_DIRECTORIES>")
      list(APPEND includes "$<$<BOOL:${dirs}>:-idirafter$<JOIN:${dirs},$<SEMICOLON>-idirafter>>")
    endif()
  endforeach()
  add_custom_command(OUTPUT ${object}
    COMMAND ${compile} -g -isystem ${WEFT_SHIM_DIR} ${WEFT_INSTRUMENT_FLAGS} -O1 -pthread -Wall -Wextra -Werror ${includes}
            -MD -MF ${object}.d -c ${source} -o ${object}
    DEPFILE ${object}.d
    DEPENDS ${source}
    COMMAND_EXPAND_LISTS
    COMMENT "clang-14 -fsanitize=thread ${name}")
  add_executable(${name} ${object})
  set_target_properties(${name} PROPERTIES LINKER_LANGUAGE CXX)
  if(P_OUTPUT_DIRECTORY)
    set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${P_OUTPUT_DIRECTORY})
  endif()
  if(P_OPENMP)
    list(APPEND libraries ${WEFT_LIBOMP})
  endif()
  _weft_link_instrumented(${name} weft_instrument ${libraries})  # cmake/WeftInstrument.cmake
endfunction()
