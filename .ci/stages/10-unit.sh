#!/usr/bin/env bash
# Unit, vector, property and CLI tests (meson test), gcc, warnings as errors.
set -uo pipefail
cd "$TCVOD_ROOT"
build=build-ci/unit
mkdir -p build-ci
rm -rf "$build"
meson setup "$build" -Dwerror=true -Dbuildtype=debugoptimized >"$build.log" 2>&1 || { cat "$build.log"; exit 1; }
ninja -C "$build" >>"$build.log" 2>&1 || { tail -50 "$build.log"; exit 1; }
meson test -C "$build" --print-errorlogs
rc=$?
python3 scripts/count-junit.py "$build/meson-logs/testlog.junit.xml" "$TCVOD_RESULTS_DIR/10-unit.counts"
exit $rc
