#!/usr/bin/env bash
# The optional OpenSSL backend (-Dopenssl=true) must give identical results:
# the signing, encoding and decoding suites run against it unchanged.
set -uo pipefail
cd "$TCVOD_ROOT"
build=build-ci/openssl
mkdir -p build-ci
rm -rf "$build"
meson setup "$build" -Dopenssl=true -Dwerror=true -Dtools=false >"$build.log" 2>&1 || { cat "$build.log"; exit 1; }
targets=(tests/crypto_test tests/sign_test tests/encode_test tests/query_decode_test tests/roundtrip_test)
ninja -C "$build" "${targets[@]}" >>"$build.log" 2>&1 || { tail -50 "$build.log"; exit 1; }
meson test -C "$build" --no-rebuild --print-errorlogs crypto sign encode query_decode roundtrip
rc=$?
python3 scripts/count-junit.py "$build/meson-logs/testlog.junit.xml" "$TCVOD_RESULTS_DIR/11-openssl.counts"
exit $rc
