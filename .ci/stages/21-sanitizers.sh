#!/usr/bin/env bash
# The whole unit suite (every gtest binary, the corpus replays of every
# fuzz target and the CLI tests, whose tool is instrumented too) under
# AddressSanitizer + UndefinedBehaviorSanitizer (with LeakSanitizer), clang.
# Any report fails the test that triggered it: UBSan does not recover.
# Budget on 2 cores: about 4 minutes.
set -uo pipefail
cd "$TCVOD_ROOT"
build=build-ci/sanitizers
mkdir -p build-ci
rm -rf "$build"
counts="$TCVOD_RESULTS_DIR/21-sanitizers.counts"
CXX=clang++ meson setup "$build" -Db_sanitize=address,undefined -Db_lundef=false -Dwerror=true \
  -Dbuildtype=debugoptimized "-Dcpp_args=['-fno-sanitize-recover=undefined','-fno-omit-frame-pointer']" \
  >"$build.log" 2>&1 || { cat "$build.log"; echo "0 1" > "$counts"; exit 1; }
ninja -C "$build" -j2 >>"$build.log" 2>&1 || { grep -E "error|FAILED" "$build.log" | head -30; echo "0 1" > "$counts"; exit 1; }
export ASAN_OPTIONS="abort_on_error=1:halt_on_error=1:detect_leaks=1:strict_string_checks=1:check_initialization_order=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:abort_on_error=1"
meson test -C "$build" --no-rebuild --print-errorlogs --timeout-multiplier 3
rc=$?
python3 scripts/count-junit.py "$build/meson-logs/testlog.junit.xml" "$counts"
exit $rc
