#!/usr/bin/env bash
# tcvod vendored: include/ copied into a project, compiled with -I and the
# dependencies' flags only, without exceptions or RTTI.
# Usage: build.sh SCRATCH_DIR [core|lib|source]
#   core    the request side only (core_consumer.cpp): -I and nothing else
#   lib     consumer.cpp with -DTCVOD_USE_BOOST_URL, linking Boost.URL's
#           library (-lboost_url; Boost 1.81 ships it)
#   source  the same, compiling Boost.URL from source: boost/url/src.hpp in one file
# simdjson (response and event decoding) and fmt (fmt.hpp) are compiled
# libraries: -lsimdjson -lfmt.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
scratch="$1" boost_url="${2:-lib}"
mkdir -p "$scratch/third_party/tcvod"
rm -rf "$scratch/third_party/tcvod/include"
cp -R "$here/../../../include" "$scratch/third_party/tcvod/include"

flags=(-std=c++17 -Wall -Wextra -Werror -fno-exceptions -fno-rtti -I "$scratch/third_party/tcvod/include")
if [ "$boost_url" = core ]; then
  ${CXX:-c++} "${flags[@]}" -DTCVOD_CONSUMER_EXPECT_CORE_ONLY "$here/../core_consumer.cpp" -o "$scratch/consumer"
  exit
fi
flags+=(-DTCVOD_USE_BOOST_URL)
sources=("$here/../consumer.cpp")
libs=(-lsimdjson -lfmt)
if [ "$boost_url" = source ]; then
  printf '#include <boost/url/src.hpp>\n' > "$scratch/boost_url.cpp"
  sources+=("$scratch/boost_url.cpp")
else
  libs=(-lboost_url "${libs[@]}")
fi
${CXX:-c++} "${flags[@]}" "${sources[@]}" -o "$scratch/consumer" "${libs[@]}"
