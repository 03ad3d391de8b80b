#!/usr/bin/env bash
# tcvod installed by `meson install`, used through pkg-config with a plain
# compiler command. Usage: build.sh OUTPUT_FILE (PKG_CONFIG_PATH must reach
# the installed tcvod.pc, under <prefix>/share/pkgconfig; CXX and CXXFLAGS
# are honoured).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck disable=SC2046  # the flags are meant to split into words
${CXX:-c++} -std=c++17 -Wall -Wextra -Werror ${CXXFLAGS:-} $(pkg-config --cflags tcvod) \
    "$here/../consumer.cpp" -o "$1" $(pkg-config --libs tcvod)
