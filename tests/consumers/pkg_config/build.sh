#!/usr/bin/env bash
# tcvod installed by `meson install`, used through pkg-config with a plain
# compiler command. Usage: build.sh OUTPUT_FILE [PACKAGE]
#   PACKAGE tcvod (default): consumer.cpp with tcvod.pc (core + json + fmt)
#   PACKAGE tcvod-core: core_consumer.cpp with tcvod-core.pc, which must
#     require nothing and add no library
# PKG_CONFIG_PATH must reach the installed .pc files, under
# <prefix>/share/pkgconfig; CXX and CXXFLAGS are honoured.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
package="${2:-tcvod}"
source="$here/../consumer.cpp"
if [ "$package" = tcvod-core ]; then
  source="$here/../core_consumer.cpp"
  requires="$(pkg-config --print-requires --print-requires-private tcvod-core)"
  libs="$(pkg-config --libs tcvod-core)"
  if [ -n "$requires" ] || [ -n "${libs// /}" ]; then
    echo "tcvod-core.pc requires '$requires' and links '$libs': expected nothing" >&2
    exit 1
  fi
  CXXFLAGS="${CXXFLAGS:-} -DTCVOD_CONSUMER_EXPECT_CORE_ONLY"
fi
echo "pkg-config --cflags --libs $package: $(pkg-config --cflags --libs "$package")"
# shellcheck disable=SC2046,SC2086  # the flags are meant to split into words
${CXX:-c++} -std=c++17 -Wall -Wextra -Werror ${CXXFLAGS:-} $(pkg-config --cflags "$package") \
    "$source" -o "$1" $(pkg-config --libs "$package")
