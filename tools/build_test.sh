#!/bin/sh
# usage: build_test.sh name  -> /tmp/h2gen/test_name
set -e
n=$1
gcc -std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 -fsanitize=address,undefined -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wvla -Wcast-qual -Werror \
  -DNSC_TEST_DATA=\"/work/main/tests/data\" -DNSC_LISTS_DIR=\"/work/main/lists\" -DNSC_CLI=\"/bin/false\" \
  -I/work/main/include -I/work/main/engine /work/main/tests/test_$n.c obj/*.o stubs.o -o test_$n \
  $(pkg-config --libs libxml-2.0 json-c icu-uc icu-i18n libxxhash nettle cmocka) -lm -lpthread
