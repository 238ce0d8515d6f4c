# WeakenDefinitions.cmake: makes the functions an archive defines for
# others' names weak (cmake -DARCHIVE=... -DNM=... -DOBJCOPY=... -P
# WeakenDefinitions.cmake): every defined function outside namespace weft —
# the interposed libc, pthread and library entry points, C-named or mangled
# (operator delete, which a program may replace; Abseil's entry points). Not
# weft's own, and not every symbol: weakening those would weaken the
# archive's undefined references too, and a weak reference pulls no member
# out of the libraries after it.
execute_process(COMMAND ${NM} --defined-only --extern-only ${ARCHIVE}
                OUTPUT_VARIABLE listing RESULT_VARIABLE failed)
if(failed)
  message(FATAL_ERROR "nm failed on ${ARCHIVE}")
endif()
string(REGEX MATCHALL "[0-9a-f]+ [TW] [A-Za-z_][A-Za-z0-9_]*" lines "${listing}")
set(names "")
foreach(line IN LISTS lines)
  string(REGEX REPLACE "^[0-9a-f]+ [TW] " "" name "${line}")
  if(NOT name MATCHES "^_Z[A-Z]*N4weft")  # weft::..., const members (_ZNK) and statics (_ZZN) too
    list(APPEND names ${name})
  endif()
endforeach()
list(REMOVE_DUPLICATES names)
list(JOIN names "\n" text)
file(WRITE ${ARCHIVE}.weak "${text}\n")
execute_process(COMMAND ${OBJCOPY} --weaken-symbols=${ARCHIVE}.weak ${ARCHIVE} RESULT_VARIABLE failed)
if(failed)
  message(FATAL_ERROR "objcopy failed on ${ARCHIVE}")
endif()
