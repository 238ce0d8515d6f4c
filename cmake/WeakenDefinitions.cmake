# WeakenDefinitions.cmake: makes the C-named functions an archive defines
# weak (cmake -DARCHIVE=... -DNM=... -DOBJCOPY=... -P WeakenDefinitions.cmake).
# Only defined functions whose names are not mangled (the interposed libc,
# pthread and library entry points): weakening every symbol would weaken the
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
  if(NOT name MATCHES "^_Z")
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
