#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# install-deps.sh: installs the Debian packages namescreen builds, tests and benchmarks with,
# when any is missing (as root, or through sudo). Used by the README commands and by .ci/run.
set -euo pipefail
pkgs=(build-essential cmake pkg-config libicu-dev libxxhash-dev libxml2-dev nettle-dev
      libjson-c-dev libcurl4-openssl-dev zlib1g-dev libcmocka-dev clang libclang-rt-14-dev valgrind python3-jellyfish
      clang-format cppcheck)
# the Unihan database that tools/unihan/gen_han.py reads (test han_table_current; the build
# uses the generated engine/text/han_data.h and never needs it)
pkgs+=(unicode-data)
# the browser test of `namescreen report` (a CJK font for 倪高彬 in its screenshots)
pkgs+=(chromium chromium-driver python3-selenium fonts-wqy-microhei)
missing=()
for p in "${pkgs[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all packages present"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
"${sudo_cmd[@]}" apt-get update
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y "${missing[@]}"
