#!/usr/bin/env bash
# The main demo: sets up, builds, then signs and verifies the API page's
# RunProcedure examples with the tcvod tool, printing each step.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/setup-deps.sh
build=build-demo
[ -f "$build/build.ninja" ] || meson setup "$build" -Dbuildtype=release -Dtests=false >/dev/null
ninja -C "$build" >/dev/null
tcvod="$build/tools/tcvod"

# The documentation's published example credentials; never use real ones in scripts.
export TCVOD_SECRET_KEY=Gu5t9xGARNpq86cd98joQYCN3Cozk1qA
common=(--region gz --secret-id AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA --timestamp 1465185768 --nonce 11886)

step() { printf '\n== %s\n' "$*"; }

step "SingleFile, GET: the signed URL"
"$tcvod" sign "${common[@]}" inputType=SingleFile file.id=12345 file.startTimeOffset=10 file.endTimeOffset=25 procedure=SomeProcedure

step "The same request: the string to sign (raw values, sorted keys)"
"$tcvod" sign "${common[@]}" --print string-to-sign inputType=SingleFile file.id=12345 file.startTimeOffset=10 file.endTimeOffset=25 procedure=SomeProcedure

step "MultiFile, POST, HmacSHA256: the form body"
"$tcvod" sign "${common[@]}" --method POST --signature-method HmacSHA256 inputType=MultiFile \
  fileList.0.id=12345 fileList.0.startTimeOffset=30 fileList.0.endTimeOffset=100 \
  fileList.1.id=67899 fileList.1.startTimeOffset=300 fileList.1.endTimeOffset=400 procedure=SomeProcedure

step "Server side: verify the signed GET URL and decode it"
"$tcvod" sign "${common[@]}" inputType=SingleFile file.id=12345 file.startTimeOffset=10 file.endTimeOffset=25 procedure=SomeProcedure | "$tcvod" verify

step "The API page's Stream example as written (end < start) is refused, exit 2"
set +e
"$tcvod" sign "${common[@]}" inputType=Stream stream.streamId=12345 stream.startTimeStamp=15020876538 stream.endTimeStamp=1502087638 procedure=SomeProcedure
echo "exit status $?"
step "A tampered request fails verification, exit 3"
"$tcvod" sign "${common[@]}" inputType=SingleFile file.id=12345 procedure=SomeProcedure | sed 's/file.id=12345/file.id=12346/' | "$tcvod" verify
echo "exit status $?"
