# Fails if a module includes a header of a module above it in the layer order.
#
#   cmake -DSOURCE_DIR=<repo> -DMODULES="base,geometry+materials,..." -P check_layers.cmake
#
# MODULES lists the layers from the bottom up, separated by ','; a module may
# include its own headers and those of the layers listed before it. Modules
# on the same layer are joined by '+' (they may not include each other). Run before
# every build of the library (target siswell_layers), so that the include
# graph stays acyclic by construction.
string(REPLACE "," ";" MODULES "${MODULES}")
set(level 0)
set(failures "")
foreach(entry IN LISTS MODULES)
  string(REPLACE "+" ";" same_level "${entry}")
  foreach(module IN LISTS same_level)
    set(level_of_${module} ${level})
  endforeach()
  math(EXPR level "${level} + 1")
endforeach()
foreach(entry IN LISTS MODULES)
  string(REPLACE "+" ";" same_level "${entry}")
  foreach(module IN LISTS same_level)
    file(GLOB_RECURSE files "${SOURCE_DIR}/include/siswell/${module}/*.h"
                            "${SOURCE_DIR}/source/${module}/*.h" "${SOURCE_DIR}/source/${module}/*.cc")
    foreach(file IN LISTS files)
      file(STRINGS "${file}" includes REGEX "^#include <siswell/[a-z_]+/")
      foreach(line IN LISTS includes)
        string(REGEX REPLACE "^#include <siswell/([a-z_]+)/.*" "\\1" used "${line}")
        if(NOT DEFINED level_of_${used})
          list(APPEND failures "${file}: includes module '${used}', which is not in the layer list")
        elseif(NOT used STREQUAL module AND NOT level_of_${used} LESS level_of_${module})
          list(APPEND failures "${file}: module '${module}' includes '${used}' (same or higher layer)")
        endif()
      endforeach()
    endforeach()
  endforeach()
endforeach()
if(failures)
  string(REPLACE ";" "\n  " text "${failures}")
  message(FATAL_ERROR "siswell layer order (${MODULES}) violated:\n  ${text}")
endif()
