# weft_discover_scenarios(): one CTest test per scenario of a program linked
# with weft::main, modelled on CMake's gtest_discover_tests (POST_BUILD mode).
#
#   weft_discover_scenarios(TARGET
#     [SCENARIOS pattern...]       # which scenarios (as `weft list` takes them; default: all)
#     [EXTRA_ARGS arg...]          # appended to each `TARGET run NAME` (e.g. --iterations 2000)
#     [TEST_PREFIX prefix]         # CTest name = prefix + scenario name
#     [LABELS label...]            # added to the scenario's family label
#     [PROPERTIES name value...]   # set on every discovered test
#     [WORKING_DIRECTORY dir]
#     [DISCOVERY_TIMEOUT seconds]) # for `TARGET list --json` (default 60)
#
# After every build of TARGET, `TARGET list --json` is asked for the
# scenarios and a CTest file registers `TARGET run NAME EXTRA_ARGS` for each.
# The scenario's expected verdict decides pass/fail through weft's exit status
# (0: as expected, also for an expected bug found; 1: not as expected), and a
# finding's replay command is in the test's log. Discovery at build time, not
# at configure time, because the scenarios are only known once the program
# exists; ctest then reads the generated file (TEST_INCLUDE_FILES).
include_guard(GLOBAL)

set_property(GLOBAL PROPERTY WEFT_DISCOVER_SCENARIOS_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/WeftDiscoverScenariosAddTests.cmake")

function(weft_discover_scenarios target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "TEST_PREFIX;WORKING_DIRECTORY;DISCOVERY_TIMEOUT"
                        "SCENARIOS;EXTRA_ARGS;LABELS;PROPERTIES")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "weft_discover_scenarios: unknown arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT TARGET ${target})
    message(FATAL_ERROR "weft_discover_scenarios: '${target}' is not a target")
  endif()
  if(NOT arg_WORKING_DIRECTORY)
    set(arg_WORKING_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}")
  endif()
  if(NOT arg_DISCOVERY_TIMEOUT)
    set(arg_DISCOVERY_TIMEOUT 60)
  endif()
  get_property(script GLOBAL PROPERTY WEFT_DISCOVER_SCENARIOS_SCRIPT)

  # The arguments go to the script through a file written now, so lists and
  # values with spaces or semicolons need no escaping on a command line.
  set(base "${CMAKE_CURRENT_BINARY_DIR}/${target}_weft")
  set(arguments "")
  foreach(name TEST_PREFIX WORKING_DIRECTORY DISCOVERY_TIMEOUT SCENARIOS EXTRA_ARGS LABELS PROPERTIES)
    string(APPEND arguments "set(arg_${name} [==[${arg_${name}}]==])\n")
  endforeach()
  file(WRITE "${base}_arguments.cmake" "${arguments}")

  add_custom_command(TARGET ${target} POST_BUILD
    BYPRODUCTS "${base}_tests.cmake"
    COMMAND "${CMAKE_COMMAND}" -D "TEST_EXECUTABLE=$<TARGET_FILE:${target}>"
            -D "ARGUMENTS_FILE=${base}_arguments.cmake" -D "CTEST_FILE=${base}_tests.cmake" -P "${script}"
    COMMENT "weft: discovering the scenarios of ${target}"
    VERBATIM)

  file(WRITE "${base}_include.cmake"
    "if(EXISTS \"${base}_tests.cmake\")\n"
    "  include(\"${base}_tests.cmake\")\n"
    "else()\n"
    "  add_test(${target}_NOT_BUILT ${target}_NOT_BUILT)\n"
    "endif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${base}_include.cmake")
endfunction()
