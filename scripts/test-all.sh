#!/usr/bin/env bash
# Sets up and runs every test stage (.ci/stages/*.sh, in order), then prints
# one summary line: "N passed, N failed". Each stage writes "PASSED FAILED"
# to $TCVOD_RESULTS_DIR/<stage>.counts; a stage that dies without doing so
# counts as one failure.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/setup-deps.sh || { echo "0 passed, 1 failed"; exit 1; }
export TCVOD_RESULTS_DIR="$(mktemp -d)"
export TCVOD_ROOT="$root"
passed=0 failed=0
for stage in .ci/stages/*.sh; do
  name="$(basename "$stage" .sh)"
  echo "=== stage $name"
  start=$SECONDS
  bash "$stage"
  rc=$?
  counts="$TCVOD_RESULTS_DIR/$name.counts"
  if [ -f "$counts" ]; then
    read -r p f < "$counts"
  else
    p=0 f=1
  fi
  [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
  echo "=== stage $name: $p passed, $f failed ($((SECONDS - start)) s)"
  passed=$((passed + p)) failed=$((failed + f))
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
