# SPDX-License-Identifier: Apache-2.0
# country_check.cmake: runs tools/country/gen.py and compares its output with the shipped table.
execute_process(COMMAND ${PY} ${GEN} OUTPUT_FILE ${OUT} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "tools/country/gen.py failed (${rc})")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUT} ${WANT} RESULT_VARIABLE diff)
if(NOT diff EQUAL 0)
  message(FATAL_ERROR "engine/model/country_table.c is stale: regenerate it with "
    "python3 tools/country/gen.py > engine/model/country_table.c (new table in ${OUT})")
endif()
message(STATUS "engine/model/country_table.c matches tools/country/")
