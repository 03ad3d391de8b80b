#!/usr/bin/env bash
# The request side needs include/ and the toolchain's own headers, nothing
# else (firmware issue):
#   1. an include tree that holds only the files of the toolchain's
#      packages (libc6-dev, linux-libc-dev, libstdc++-12-dev; GoogleTest's
#      libgtest-dev for the tests) is built from symlinks, and g++ runs with
#      -nostdinc and its own search list mapped onto that tree, so Boost,
#      simdjson, fmt and OpenSSL headers cannot be found;
#   2. every request-side header compiles alone there (also with
#      -fno-exceptions -fno-rtti) and pulls in none of <mutex>, <thread>,
#      <iostream> or <locale> (checked in its dependency list);
#   3. the request side's unit tests build there and run;
#   4. every request-side header compiles alone with arm-none-eabi-g++
#      (newlib, -Os) and -I include only.
# response.hpp and events.hpp are in: without <simdjson.h> in reach they
# pick the portable JSON backend by themselves (json_backend.hpp), and
# their tests run on it. The headers left out need their libraries:
# json/simdjson_backend.hpp (simdjson), fmt.hpp (fmt). Tests left out use a library as a reference:
# query_decode_test and percent_test (Boost.URL's query parser),
# url_check_test (Boost.URL's parse_uri); stage 10 runs them.
# Budget on 2 cores: about 3 minutes.
set -uo pipefail
cd "$TCVOD_ROOT"
work=build-ci/include-only
rm -rf "$work"
mkdir -p "$work/tu" "$work/bin"
counts="$TCVOD_RESULTS_DIR/26-include-only.counts"
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "26-include-only: FAILED: $*"; }

headers=(config.hpp version.hpp error.hpp model.hpp number.hpp percent.hpp flatten.hpp sign.hpp
         query_encode.hpp url_check.hpp validate.hpp encode.hpp query_decode.hpp event_requests.hpp
         vod_error.hpp response_model.hpp event_model.hpp json_write.hpp response_encode.hpp
         crypto/base64.hpp crypto/cpu.hpp crypto/digest.hpp crypto/hmac.hpp crypto/sha1.hpp crypto/sha256.hpp crypto/wipe.hpp
         json_read.hpp json/portable_backend.hpp json_backend.hpp response.hpp events.hpp)
tests=(number sign crypto flatten validate encode roundtrip event_requests vod_error response events)

# 1. The toolchain's headers, and nothing else, under $work/root.
root="$work/root"
while read -r file; do
  [ -f "$file" ] || continue
  mkdir -p "$root$(dirname "$file")"
  ln -sf "$file" "$root$file"
done < <(dpkg -L libc6-dev linux-libc-dev libstdc++-12-dev libgtest-dev 2>/dev/null | grep '^/usr/include/')
search=()
while read -r dir; do
  case "$dir" in
    /usr/local/include) ;;                           # nothing of the toolchain there
    /usr/include*) search+=(-isystem "$root$dir") ;;  # mapped onto the symlink tree
    *) search+=(-isystem "$dir") ;;                  # gcc's own (stddef.h, intrinsics)
  esac
done < <(g++ -E -x c++ - -v </dev/null 2>&1 | sed -n '/search starts here:/,/End of search list/p' | grep '^ ' | sed 's/^ //')
flags=(-std=c++17 -nostdinc "${search[@]}" -Iinclude -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror)
if echo '#include <boost/version.hpp>' | g++ "${flags[@]}" -fsyntax-only -x c++ - 2>/dev/null; then
  bad "the include tree reaches Boost: the check proves nothing"
else
  ok
fi

# 2. Each header alone; its dependency list has no forbidden header.
for header in "${headers[@]}"; do
  tu="$work/tu/$(echo "$header" | tr '/.' '__').cpp"
  printf '#include "tcvod/%s"\n' "$header" > "$tu"
  if ! g++ "${flags[@]}" -fsyntax-only "$tu" 2> "$tu.log" ||
     ! g++ "${flags[@]}" -fno-exceptions -fno-rtti -fsyntax-only "$tu" 2>> "$tu.log"; then
    bad "$header does not compile with include/ and the toolchain alone:"; head -5 "$tu.log"
    continue
  fi
  deps="$(g++ "${flags[@]}" -M "$tu" 2>/dev/null | tr ' \\' '\n\n' | grep -E '/(mutex|thread|iostream|locale)$' || true)"
  if [ -n "$deps" ]; then
    bad "$header includes $(echo "$deps" | xargs -n1 basename | sort -u | tr '\n' ' ')"
  else
    ok
  fi
done

# 3. The request side's unit tests, built in that tree and run.
gtest_libs=(-lgtest -lgtest_main -pthread)
for name in "${tests[@]}"; do
  exe="$work/bin/${name}_test"
  if ! g++ "${flags[@]}" -O1 -DTCVOD_TEST_DATA_DIR="\"$TCVOD_ROOT/tests\"" "tests/${name}_test.cpp" -o "$exe" \
       "${gtest_libs[@]}" 2> "$exe.log"; then
    bad "tests/${name}_test.cpp does not build with include/ and the toolchain alone:"; grep -m5 error "$exe.log"
    continue
  fi
  if "$exe" --gtest_brief=1 > "$exe.out" 2>&1; then
    ok
  else
    bad "${name}_test:"; tail -20 "$exe.out"
  fi
done

# 4. Bare metal: arm-none-eabi-g++ with newlib and -I include only.
if command -v arm-none-eabi-g++ >/dev/null; then
  arm=(arm-none-eabi-g++ -std=c++17 -Os -mcpu=cortex-m4 -mthumb -fno-exceptions -fno-rtti --specs=nano.specs
       -Iinclude -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror)
  for header in "${headers[@]}"; do
    tu="$work/tu/$(echo "$header" | tr '/.' '__').cpp"
    if "${arm[@]}" -fsyntax-only "$tu" 2> "$tu.arm.log"; then ok; else bad "$header on arm-none-eabi:"; head -5 "$tu.arm.log"; fi
  done
else
  bad "arm-none-eabi-g++ is missing (scripts/packages.txt)"
fi

echo "26-include-only: $passed passed, $failed failed"
echo "$passed $failed" > "$counts"
[ "$failed" -eq 0 ]
