#!/usr/bin/env bash
# The main demo: sets up, builds (with the HTTP examples), starts the mock
# VOD server on 127.0.0.1, runs the Boost.Beast and libcurl clients through
# the full flow (RunProcedure for every inputType -> ProcedureStateChanged
# events by HTTP callback and PullEvent -> ConfirmEvent), stops the server,
# then signs and verifies the API page's examples with the tcvod tool.
# Every step is printed. No traffic leaves 127.0.0.1.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

step() { printf '\n==== %s\n' "$*"; }

step "1. Set up: the Debian packages in scripts/packages.txt"
bash scripts/setup-deps.sh

step "2. Build (release, with the HTTP examples) in build-demo/"
build=build-demo
if [ -f "$build/build.ninja" ]; then
  meson configure "$build" -Dexamples=true >/dev/null
else
  meson setup "$build" -Dbuildtype=release -Dtests=false -Dexamples=true >/dev/null
fi
ninja -C "$build" -j2 | tail -1
tcvod="$build/tools/tcvod"
server_exe="$build/examples/mock_vod_server"

# The documentation's published example credentials; never use real ones in scripts.
export TCVOD_SECRET_KEY=Gu5t9xGARNpq86cd98joQYCN3Cozk1qA
secret_id=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA

step "3. Start the mock VOD server on 127.0.0.1 (ephemeral port, callbacks to the Beast client)"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill -TERM "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
# A free loopback port for the client's callback receiver.
callback_port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$server_exe" --secret-id "$secret_id" --callback "http://127.0.0.1:$callback_port/callback" \
  --task-step-ms 300 >"$work/server.out" 2>"$work/server.log" &
server_pid=$!
for _ in $(seq 100); do
  [ -s "$work/server.out" ] && break
  sleep 0.1
done
read -r first_line <"$work/server.out" || { cat "$work/server.log"; exit 1; }
echo "mock_vod_server (pid $server_pid): $first_line"
url="${first_line#listening on }/v2/index.php"

step "4. Boost.Beast client: RunProcedure for every inputType -> events by callback and PullEvent -> ConfirmEvent"
"$build/examples/client_beast" --url "$url" --secret-id "$secret_id" --callback-listen "$callback_port"

step "5. libcurl client: the same flow through another HTTP stack (events by PullEvent; notifyMode Finish)"
"$build/examples/client_curl" --url "$url" --secret-id "$secret_id" --procedure CurlProcedure \
  --notify-mode Finish --no-error-demo

step "6. Stop the server with SIGTERM; its request log (no keys, signatures or tokens)"
kill -TERM "$server_pid"
wait "$server_pid" && echo "mock_vod_server exited with status 0"
server_pid=""
sed 's/^/  /' "$work/server.log"

step "7. The tcvod tool: sign and verify the API page's examples"
common=(--region gz --secret-id "$secret_id" --timestamp 1465185768 --nonce 11886)

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
set -e

step "Done: the mock server ran the full flow for both clients and stopped cleanly"
