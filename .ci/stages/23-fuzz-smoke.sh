#!/usr/bin/env bash
# Every libFuzzer target (clang, ASan+UBSan) runs for a bounded time over
# its seed corpus and regression inputs: TCVOD_FUZZ_SMOKE_SECONDS (60) each,
# two at a time on the two cores. Any crash, sanitizer report, failed
# invariant, 10 s input or leak fails the target (fuzz/run's options).
# Budget on 2 cores: about 2 minutes to build, then 4 x 60 s for 8 targets.
set -uo pipefail
cd "$TCVOD_ROOT"
build="$TCVOD_ROOT/build-ci/fuzz"
mkdir -p build-ci
rm -rf "$build"
counts="$TCVOD_RESULTS_DIR/23-fuzz-smoke.counts"
seconds="${TCVOD_FUZZ_SMOKE_SECONDS:-60}"
CXX=clang++ meson setup "$build" -Dfuzz=true -Dtests=false -Dtools=false -Dbuildtype=debugoptimized \
  >"$build.log" 2>&1 || { cat "$build.log"; echo "0 1" > "$counts"; exit 1; }
ninja -C "$build" -j2 >>"$build.log" 2>&1 || { grep -E "error|FAILED" "$build.log" | head -30; echo "0 1" > "$counts"; exit 1; }

mapfile -t targets < <(find "$build/fuzz" -maxdepth 1 -type f -perm -u+x -name 'fuzz_*' -printf '%f\n' | LC_ALL=C sort)
export TCVOD_FUZZ_BUILD="$build" TCVOD_FUZZ_NO_BUILD=1
passed=0 failed=0
finish() {  # target pid
  if wait "$2"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "23-fuzz-smoke: $1 FAILED:"; grep -v -E "^#[0-9]+ " "$build/$1.log" | tail -40
  fi
  grep -E "^#[0-9]+.*DONE|stat::number_of_executed_units|fuzz/run:" "$build/$1.log" | sed "s|^|23-fuzz-smoke: $1: |"
}
for ((i = 0; i < ${#targets[@]}; i += 2)); do
  first="${targets[$i]}" second="${targets[$((i + 1))]:-}"
  fuzz/run "$first" "$seconds" >"$build/$first.log" 2>&1 &
  first_pid=$!
  if [ -n "$second" ]; then
    fuzz/run "$second" "$seconds" >"$build/$second.log" 2>&1 &
    second_pid=$!
  fi
  finish "$first" "$first_pid"
  [ -n "$second" ] && finish "$second" "$second_pid"
done
[ "${#targets[@]}" -ge 8 ] || { echo "23-fuzz-smoke: expected 8 targets, found ${#targets[@]}"; failed=$((failed + 1)); }
echo "$passed $failed" > "$counts"
[ "$failed" -eq 0 ]
