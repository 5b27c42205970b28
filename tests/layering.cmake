# SPDX-License-Identifier: Apache-2.0
# layering.cmake: checks the layering of engine/ (README, "Layout") where includes cannot: at
# link level. For every object of every layer, each nsc_ / nsc__ symbol it references must be
# defined by its own layer or by a layer below it (SEES_<layer>). Also checks that no include
# of the project climbs with "..", and that the library keeps no thread-local storage.
# Run by ctest: cmake -DNM=nm -DLAYERS=a|b -DOBJS_a=x.o|y.o -DSEES_a=a|b ... -DSRC=dir -P this
cmake_minimum_required(VERSION 3.25)
string(REPLACE "|" ";" LAYERS "${LAYERS}")
set(problems "")

foreach(layer ${LAYERS})
  string(REPLACE "|" ";" OBJS_${layer} "${OBJS_${layer}}")
  string(REPLACE "|" ";" SEES_${layer} "${SEES_${layer}}")
  execute_process(COMMAND ${NM} -g --defined-only ${OBJS_${layer}}
    OUTPUT_VARIABLE out RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${NM} failed on the objects of layer ${layer}")
  endif()
  string(REGEX MATCHALL "[0-9a-f]+ [A-Za-z] (nsc_[A-Za-z0-9_]*)" defs "${out}")
  foreach(d ${defs})
    string(REGEX REPLACE "^.* " "" sym "${d}")
    set(owner_${sym} ${layer})
  endforeach()
endforeach()

foreach(layer ${LAYERS})
  foreach(obj ${OBJS_${layer}})
    execute_process(COMMAND ${NM} -u ${obj} OUTPUT_VARIABLE out RESULT_VARIABLE rc)
    string(REGEX MATCHALL "U (nsc_[A-Za-z0-9_]*)" refs "${out}")
    get_filename_component(name ${obj} NAME)
    foreach(r ${refs})
      string(REGEX REPLACE "^U " "" sym "${r}")
      if(NOT DEFINED owner_${sym})
        string(APPEND problems "  ${layer}/${name} references ${sym}, which no layer defines\n")
      elseif(NOT owner_${sym} IN_LIST SEES_${layer})
        string(APPEND problems
          "  ${layer}/${name} calls ${sym} of layer ${owner_${sym}}, which it may not call\n")
      endif()
    endforeach()
  endforeach()
endforeach()

if(SRC)
  file(GLOB_RECURSE sources ${SRC}/engine/*.[ch] ${SRC}/cli/*.[ch] ${SRC}/tests/*.[ch]
    ${SRC}/bench/*.[ch] ${SRC}/fuzz/*.[ch] ${SRC}/tools/*.[ch] ${SRC}/include/*.h)
  foreach(f ${sources})
    file(STRINGS ${f} lines REGEX "^[ \t]*#[ \t]*include[ \t]*[\"<][^\">]*\\.\\./")
    foreach(l ${lines})
      string(APPEND problems "  ${f}: an include climbs with '..': ${l}\n")
    endforeach()
    if(f MATCHES "/engine/")
      file(STRINGS ${f} lines REGEX "(__thread|_Thread_local|thread_local)[ \t]")
      foreach(l ${lines})
        string(APPEND problems "  ${f}: thread-local storage in the library: ${l}\n")
      endforeach()
    endif()
  endforeach()
endif()

if(problems)
  message(FATAL_ERROR "layering violations:\n${problems}")
endif()
list(LENGTH LAYERS n)
message(STATUS "layering: ${n} layers, every call goes down or within a layer")
