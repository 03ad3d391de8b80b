#!/usr/bin/env bash
# Cortex-M footprint (scripts/footprint.sh): the footprint/ programs (sign
# with both hashes and with SHA-1 only, typed encode_to, server-side
# decode) built with arm-none-eabi-g++ (newlib-nano, -Os, no exceptions, no
# RTTI, -I include only) for Cortex-M4F and Cortex-M0. Checks the flash
# (text+data beyond an empty main) and worst-stack budgets on Cortex-M4,
# that no soft-float double routine is linked on Cortex-M0, and that the
# include search list has no /usr/include. One test per table row (each
# program on each CPU, the empty baselines) and per include-path check.
# Deterministic: sizes and stack depths, never timings.
# Budget on 2 cores: about 1 minute (10 compiles and links, one at a time).
set -uo pipefail
cd "$TCVOD_ROOT"
mkdir -p build-ci
counts="$TCVOD_RESULTS_DIR/25-footprint.counts"
rm -f "$counts"
bash scripts/footprint.sh --build build-ci/footprint --counts "$counts"
rc=$?
[ -f "$counts" ] || echo "0 1" > "$counts"
exit $rc
