# SPDX-License-Identifier: Apache-2.0
# han_check.cmake: runs tools/unihan/gen_han.py on the installed Unihan database (Debian package
# unicode-data) and compares its output with the shipped table. Without the database the test
# is skipped (the message NSC_SKIPPED, SKIP_REGULAR_EXPRESSION in tests/CMakeLists.txt): the
# build itself never needs it.
if(NOT EXISTS ${UNIHAN}/Unihan_Readings.txt AND NOT EXISTS ${UNIHAN}/Unihan_Readings.txt.bz2)
  message(FATAL_ERROR "NSC_SKIPPED: no Unihan database in ${UNIHAN} (apt-get install unicode-data)")
endif()
execute_process(COMMAND ${PY} ${GEN} ${UNIHAN} OUTPUT_FILE ${OUT} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "tools/unihan/gen_han.py failed (${rc})")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUT} ${WANT} RESULT_VARIABLE diff)
if(NOT diff EQUAL 0)
  message(FATAL_ERROR "engine/text/han_data.h is stale: regenerate it with python3 "
    "tools/unihan/gen_han.py ${UNIHAN} > engine/text/han_data.h (new table in ${OUT})")
endif()
message(STATUS "engine/text/han_data.h matches tools/unihan/gen_han.py and ${UNIHAN}")
