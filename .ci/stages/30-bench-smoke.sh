#!/usr/bin/env bash
# The benchmark binary builds (release, warnings as errors) and runs once:
# its self-checks (every floor, naive version and peer computes what the
# library computes) and one tiny pass over every benchmark. One test;
# nothing here looks at timings.
set -uo pipefail
cd "$TCVOD_ROOT"
build=build-ci/bench
mkdir -p build-ci
rm -rf "$build"
counts="$TCVOD_RESULTS_DIR/30-bench-smoke.counts"
fail() { echo "30-bench-smoke: $1"; echo "0 1" > "$counts"; exit 1; }
meson setup "$build" -Dwerror=true -Dbench=true -Dtests=false -Dtools=false -Dbuildtype=release \
  -Doptimization=2 -Db_ndebug=true -Dopenssl=true >"$build.log" 2>&1 || { cat "$build.log"; fail "setup failed"; }
ninja -C "$build" -j2 bench/tcvod_bench >>"$build.log" 2>&1 || { tail -50 "$build.log"; fail "build failed"; }
"$build/bench/tcvod_bench" --benchmark_min_time=0.001 --benchmark_format=json >"$build/smoke.json" 2>"$build/smoke.err" \
  || { cat "$build/smoke.err"; fail "tcvod_bench failed"; }
# Every benchmark ran and none reported an error.
python3 - "$build/smoke.json" <<'PY' || fail "benchmarks missing or in error"
import json, sys
runs = json.load(open(sys.argv[1]))["benchmarks"]
errors = [b["name"] for b in runs if b.get("error_occurred")]
print(f"30-bench-smoke: {len(runs)} benchmarks ran once, {len(errors)} in error")
sys.exit(1 if errors or len(runs) < 23 else 0)
PY
echo "1 0" > "$counts"
