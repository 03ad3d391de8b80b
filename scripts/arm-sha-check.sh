#!/usr/bin/env bash
# Checks the ARMv8 Cryptography Extension SHA-1/SHA-256 compressions of the
# built-in crypto core on an x86 machine: cross-compiles tests/crypto_arm_check.cpp
# (FIPS 180, RFC 2202 and RFC 4231 vectors, agreement with the portable code)
# statically for AArch64 with the crypto extension and runs it under
# qemu-aarch64 (user mode). Needs g++-aarch64-linux-gnu and qemu-user
# (apt-get install g++-aarch64-linux-gnu qemu-user). About 5 seconds.
#
# Usage: scripts/arm-sha-check.sh [--build DIR]   (default build-sha-arm)
# Exit status: 0 when every check passes, 1 when one fails or the build
# fails, 2 when a tool is missing.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
build=build-sha-arm
if [ "${1:-}" = "--build" ]; then build="${2:?--build needs a directory}"; fi

cxx=aarch64-linux-gnu-g++ qemu=qemu-aarch64
for tool in "$cxx" "$qemu"; do
  if ! command -v "$tool" >/dev/null; then
    echo "arm-sha-check: $tool not found (apt-get install g++-aarch64-linux-gnu qemu-user)" >&2
    exit 2
  fi
done

mkdir -p "$build"
flags=(-std=c++17 -static -O2 -march=armv8-a+crypto -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror
       -I include)
# The same source with and without the crypto extension: the first checks the
# ARMv8 compressions, the second that the headers still build without them.
"$cxx" "${flags[@]}" tests/crypto_arm_check.cpp -o "$build/crypto_arm_check"
"$cxx" -std=c++17 -O2 -march=armv8-a -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror -I include \
  -fsyntax-only -x c++ - <<'EOF'
#include "tcvod/crypto/hmac.hpp"
#if TCVOD_CRYPTO_HARDWARE_SHA
#error "armv8-a without +crypto must not compile the SHA instructions"
#endif
int main() { tcvod::crypto::hmac_sha256 mac("k", 1); mac.update("m", 1); return mac.result().bytes[0]; }
EOF
"$qemu" -cpu max "$build/crypto_arm_check"
