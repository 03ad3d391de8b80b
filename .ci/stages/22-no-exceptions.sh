#!/usr/bin/env bash
# No exceptions, no RTTI: every public header on its own compiles with
# -fno-exceptions -fno-rtti (gcc and clang, warnings as errors), and the
# no-exception API tests (tests/no_exceptions_test.cpp: encode, decode,
# verify, responses, events, error categories, fmt; Boost's
# throw_exception defined by the test, as BOOST_NO_EXCEPTIONS requires;
# tests/no_exceptions_json_test.cpp: responses, events, event requests)
# are built with clang and run (stage 10 runs their gcc builds).
# Budget on 2 cores: about 1.5 minutes.
set -uo pipefail
cd "$TCVOD_ROOT"
mkdir -p build-ci/no-exceptions-headers
counts="$TCVOD_RESULTS_DIR/22-no-exceptions.counts"
flags=(-std=c++17 -fno-exceptions -fno-rtti -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror -Iinclude)
passed=0 failed=0
for header in $(cd include && find tcvod -name '*.hpp' | LC_ALL=C sort); do
  tu="build-ci/no-exceptions-headers/$(echo "$header" | tr '/.' '__').cpp"
  printf '#include "%s"\n#include "%s"\n' "$header" "$header" > "$tu"
  for cxx in g++ clang++; do
    if "$cxx" "${flags[@]}" -fsyntax-only "$tu" 2> "$tu.$cxx.log"; then
      passed=$((passed + 1))
    else
      echo "22-no-exceptions: $header with $cxx FAILED"; head -20 "$tu.$cxx.log"
      failed=$((failed + 1))
    fi
  done
done
echo "22-no-exceptions: $passed header builds clean, $failed failed"

build=build-ci/no-exceptions
rm -rf "$build"
if CXX=clang++ meson setup "$build" -Dwerror=true -Dtools=false >"$build.log" 2>&1 &&
   ninja -C "$build" -j2 tests/no_exceptions_test tests/no_exceptions_json_test >>"$build.log" 2>&1; then
  meson test -C "$build" --no-rebuild --print-errorlogs no_exceptions no_exceptions_json
  python3 scripts/count-junit.py "$build/meson-logs/testlog.junit.xml" "$build.counts" >/dev/null
  read -r p f < "$build.counts"
  grep -q '<testcase' "$build/meson-logs/testlog.junit.xml" || f=$((f + 1))
  echo "22-no-exceptions: API tests (clang): $p passed, $f failed"
  passed=$((passed + p)) failed=$((failed + f))
else
  echo "22-no-exceptions: API tests build FAILED"; grep -E "error" "$build.log" | head -30
  failed=$((failed + 1))
fi
echo "$passed $failed" > "$counts"
[ "$failed" -eq 0 ]
