# SPDX-License-Identifier: Apache-2.0
# gen_man.cmake: writes the manual page OUT from the built tool CLI ('CLI --man'), at build time.
# Usage: cmake -DCLI=<path to namescreen> -DOUT=<path of namescreen.1> -P gen_man.cmake
execute_process(COMMAND ${CLI} --man OUTPUT_FILE ${OUT}.tmp RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  file(REMOVE ${OUT}.tmp)
  message(FATAL_ERROR "'${CLI} --man' failed: ${rc}")
endif()
file(RENAME ${OUT}.tmp ${OUT})
