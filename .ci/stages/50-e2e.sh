#!/usr/bin/env bash
# End-to-end: the mock VOD server and both client examples (Boost.Beast,
# libcurl) over real HTTP on 127.0.0.1, gcc, warnings as errors. Builds only
# the three examples, then runs the e2e suite (every case counted).
set -uo pipefail
cd "$TCVOD_ROOT"
build=build-ci/e2e
mkdir -p build-ci
rm -rf "$build"
meson setup "$build" -Dwerror=true -Dexamples=true -Dbuildtype=debugoptimized >"$build.log" 2>&1 || { cat "$build.log"; exit 1; }
targets=(examples/mock_vod_server examples/client_beast examples/client_curl)
ninja -C "$build" -j2 "${targets[@]}" >>"$build.log" 2>&1 || { tail -50 "$build.log"; exit 1; }
meson test -C "$build" --no-rebuild --suite e2e --print-errorlogs
rc=$?
python3 scripts/count-junit.py "$build/meson-logs/testlog.junit.xml" "$TCVOD_RESULTS_DIR/50-e2e.counts"
exit $rc
