# weft_instrumented_program(<name> <source> [OUTPUT_DIRECTORY dir]): inside
# weft's own build, an executable as weft-c++ would build it whatever the
# project's compiler: <source> (.c or .cpp) compiled by clang-14 with
# ThreadSanitizer's instrumentation, linked with weft's runtime
# (weft_instrument, whole) instead of TSan's. For the tests and benchmarks of
# `weft exec`; users have weft_instrument() and weft-cc / weft-c++.
function(weft_instrumented_program name source)
  cmake_parse_arguments(P "" "OUTPUT_DIRECTORY" "" ${ARGN})
  find_program(WEFT_CLANG_C clang-14 REQUIRED)
  find_program(WEFT_CLANG_CXX clang++-14 REQUIRED)
  get_filename_component(source ${source} ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
  set(object ${CMAKE_CURRENT_BINARY_DIR}/objects/${name}.o)
  if(source MATCHES "\\.c$")
    set(compile ${WEFT_CLANG_C} -std=gnu11)
  else()
    set(compile ${WEFT_CLANG_CXX} -std=c++20)
  endif()
  add_custom_command(OUTPUT ${object}
    COMMAND ${compile} -g -gdwarf-aranges -O1 -fsanitize=thread -pthread -Wall -Wextra -Werror
            -MD -MF ${object}.d -c ${source} -o ${object}
    DEPFILE ${object}.d
    DEPENDS ${source}
    COMMENT "clang-14 -fsanitize=thread ${name}")
  add_executable(${name} ${object})
  set_target_properties(${name} PROPERTIES LINKER_LANGUAGE CXX)
  if(P_OUTPUT_DIRECTORY)
    set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${P_OUTPUT_DIRECTORY})
  endif()
  # -z now: the fork server binds every symbol once, not each forked execution.
  target_link_options(${name} PRIVATE -Wl,--wrap=main -rdynamic -Wl,-z,now)
  target_link_libraries(${name} PRIVATE "$<LINK_LIBRARY:WHOLE_ARCHIVE,weft_instrument>")
endfunction()
