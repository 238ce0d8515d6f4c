# The weft-cc and weft-c++ compiler wrappers (cmake/weft-cc.in): clang-14 /
# clang++-14 with weft's instrumentation, for `weft exec`. Two of each:
#   ${CMAKE_BINARY_DIR}/bin/weft-c++       the build tree's libraries, by absolute path (weft's tests)
#   installed next to `weft` in bin/       the installed libraries, found from the script's own place
# Needs the targets weft_instrument, weft_cli, weft_reports, weft_gate,
# weft_checker and the imported Boost::context, fmt::fmt, rapidcheck and
# PkgConfig::libdw (libdw_LINK_LIBRARIES).
include(GNUInstallDirs)

set(_weft_libraries weft_cli weft_reports weft_gate weft_checker)  # in link order
# Their dependencies, as weft_checker and weft_cli link them.
set(_weft_system_libraries
    "$<TARGET_LINKER_FILE:Boost::context>" "$<TARGET_LINKER_FILE:fmt::fmt>" ${libdw_LINK_LIBRARIES}
    "$<TARGET_LINKER_FILE:rapidcheck>")
foreach(lib IN LISTS CMAKE_DL_LIBS ITEMS pthread atomic)
  list(APPEND _weft_system_libraries "-l${lib}")
endforeach()
list(JOIN _weft_system_libraries " " _weft_system_words)

file(RELATIVE_PATH _weft_bin_to_lib "/${CMAKE_INSTALL_BINDIR}" "/${CMAKE_INSTALL_LIBDIR}")
file(RELATIVE_PATH _weft_bin_to_shim "/${CMAKE_INSTALL_BINDIR}" "/${CMAKE_INSTALL_INCLUDEDIR}/weft/shim")
set(_weft_build_words "")
set(_weft_install_words "")
foreach(lib IN LISTS _weft_libraries)
  string(APPEND _weft_build_words " '$<TARGET_FILE:${lib}>'")
  string(APPEND _weft_install_words " \"$here/${_weft_bin_to_lib}/$<TARGET_FILE_NAME:${lib}>\"")
endforeach()

list(JOIN WEFT_INSTRUMENT_FLAGS " " WEFT_WRAPPER_INSTRUMENT_FLAGS)  # cmake/WeftInstrument.cmake
add_custom_target(weft_compiler_wrappers ALL)
add_dependencies(weft_compiler_wrappers weft_instrument ${_weft_libraries})
foreach(wrapper IN ITEMS "weft-cc:clang-14:WEFT_CC:-lstdc++ -lm" "weft-c++:clang++-14:WEFT_CXX:")
  string(REPLACE ":" ";" wrapper "${wrapper}")
  list(GET wrapper 0 WEFT_WRAPPER_NAME)
  list(GET wrapper 1 WEFT_WRAPPER_DEFAULT)
  list(GET wrapper 2 WEFT_WRAPPER_ENV)
  list(LENGTH wrapper n)
  set(WEFT_WRAPPER_EXTRA "")
  if(n GREATER 3)
    list(GET wrapper 3 WEFT_WRAPPER_EXTRA)
  endif()
  foreach(tree IN ITEMS build install)
    if(tree STREQUAL "build")
      set(WEFT_WRAPPER_LIBRARIES
          "instrument_library='$<TARGET_FILE:weft_instrument>'\nweft_libraries=(${_weft_build_words})\nshim_dir='${WEFT_SHIM_DIR}'")
      set(output "${CMAKE_BINARY_DIR}/bin/${WEFT_WRAPPER_NAME}")
    else()
      set(WEFT_WRAPPER_LIBRARIES
          "here=$(cd \"$(dirname \"\${BASH_SOURCE[0]}\")\" && pwd)\ninstrument_library=\"$here/${_weft_bin_to_lib}/$<TARGET_FILE_NAME:weft_instrument>\"\nweft_libraries=(${_weft_install_words})\nshim_dir=\"$here/${_weft_bin_to_shim}\"")
      set(output "${CMAKE_BINARY_DIR}/wrappers-install/${WEFT_WRAPPER_NAME}")
    endif()
    string(APPEND WEFT_WRAPPER_LIBRARIES "\nsystem_libraries=(${_weft_system_words})")
    configure_file(${CMAKE_CURRENT_LIST_DIR}/weft-cc.in
                   ${CMAKE_BINARY_DIR}/wrappers-${tree}.in/${WEFT_WRAPPER_NAME} @ONLY)
    file(GENERATE OUTPUT "${output}" INPUT ${CMAKE_BINARY_DIR}/wrappers-${tree}.in/${WEFT_WRAPPER_NAME}
         FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
  endforeach()
  install(PROGRAMS "${CMAKE_BINARY_DIR}/wrappers-install/${WEFT_WRAPPER_NAME}" DESTINATION ${CMAKE_INSTALL_BINDIR})
endforeach()
