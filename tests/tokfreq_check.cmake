# SPDX-License-Identifier: Apache-2.0
# tokfreq_check.cmake: runs tools/gen_tokfreq and compares its output with the shipped table.
execute_process(COMMAND ${GEN} ${LISTS} OUTPUT_FILE ${OUT} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "gen_tokfreq failed (${rc})")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUT} ${WANT} RESULT_VARIABLE diff)
if(NOT diff EQUAL 0)
  message(FATAL_ERROR "engine/text/tokfreq_data.h is stale: regenerate it with gen_tokfreq lists > engine/text/tokfreq_data.h (new table in ${OUT})")
endif()
message(STATUS "engine/text/tokfreq_data.h matches the tokenizer and the bundled lists")
