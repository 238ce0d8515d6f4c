# The Debian package of weft (CPack's DEB generator): `cpack -G DEB` in a
# build tree packs what `cmake --install` puts there — headers, libraries,
# the CMake package files, weft, weft-relacy, docs and man pages generated
# from the CLI's help by help2man — with its dependencies as Debian package
# names: the -dev packages that find_package(weft) needs, and the shared
# libraries of the programs as dpkg-shlibdeps finds them.
include_guard(GLOBAL)

# Man pages: weft(1) and weft-COMMAND(1) from `weft [COMMAND] --help`.
find_program(WEFT_HELP2MAN help2man)
if(WEFT_HELP2MAN)
  set(man_pages "")
  foreach(command "" list run replay exec stress relacy bench gate report zoo)
    if(command STREQUAL "")
      set(page weft.1)
      set(help_option --help)
      set(what "a property-based concurrency correctness checker for C++20")
    else()
      set(page weft-${command}.1)
      set(help_option "${command} --help")
      set(what "weft ${command}")
    endif()
    add_custom_command(OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/man/${page}.gz
      COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_CURRENT_BINARY_DIR}/man
      COMMAND ${WEFT_HELP2MAN} --no-info --section=1 --name=${what} --help-option=${help_option}
              --version-option=--version --output=${CMAKE_CURRENT_BINARY_DIR}/man/${page} $<TARGET_FILE:weft>
      COMMAND gzip -9nf ${CMAKE_CURRENT_BINARY_DIR}/man/${page}
      DEPENDS weft
      COMMENT "help2man: ${page}"
      VERBATIM)
    list(APPEND man_pages ${CMAKE_CURRENT_BINARY_DIR}/man/${page}.gz)
  endforeach()
  if(WEFT_SANITIZER STREQUAL "thread")  # that build leaves the programs out (CMakeLists.txt)
    add_custom_target(weft_man_pages DEPENDS ${man_pages})
  else()
    add_custom_target(weft_man_pages ALL DEPENDS ${man_pages})
  endif()
  install(FILES ${man_pages} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
  message(STATUS "help2man not found: no man pages (scripts/setup.sh installs it)")
endif()

install(FILES README.md docs/guide.md docs/ci.md docs/gate.md docs/reports.md docs/json-schema.md
              docs/strategies.md docs/zoo.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME weft)
set(CPACK_PACKAGE_VENDOR "weft")
set(CPACK_PACKAGE_CONTACT "weft maintainers <weft@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "property-based concurrency correctness checker for C++20")
string(CONCAT CPACK_PACKAGE_DESCRIPTION
  "weft runs concurrent C++ code under controlled, randomized schedulers and reports data races, deadlocks, "
  "lost wakeups, atomicity and linearizability violations with a replayable schedule. The package holds the "
  "weft and weft-relacy programs, the headers, static libraries and CMake package (find_package(weft)), "
  "and the documentation.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # weft_VERSION_ARCH.deb
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)  # the programs' shared libraries, by dpkg-shlibdeps
# What find_package(weft) and the exported targets need to build against weft.
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "libboost-context-dev (>= 1.74), libfmt-dev, nlohmann-json3-dev (>= 3), libcli11-dev, librapidcheck-dev, libdw-dev, pkg-config, cmake (>= 3.25), g++ (>= 4:12) | clang (>= 1:14)")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "libgtest-dev, clang-14, libomp-14-dev")  # weft::gtest; weft-cc, weft-c++ and weft_instrument() (weft exec); OpenMP programs under weft exec
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
include(CPack)
