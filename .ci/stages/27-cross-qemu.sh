#!/usr/bin/env bash
# The unit suite on other CPUs: built with Debian's cross compilers and run
# under qemu-user (no binfmt_misc needed: qemu is called explicitly) on
#   aarch64  (aarch64-linux-gnu,   64-bit little-endian)
#   armhf    (arm-linux-gnueabihf, 32-bit: size_t is 32 bits, no 64-bit division)
#   i686     (i686-linux-gnu,      32-bit, x87 floating point)
#   s390x    (s390x-linux-gnu,     64-bit big-endian)
# Headers and libraries:
#   - the cross compiler runs with -nostdinc and its own search list minus
#     /usr/include, so none of the host's headers are found by accident;
#   - Boost (Boost.URL is compiled from boost/url/src.hpp), fmt (with
#     FMT_HEADER_ONLY) and CLI11 are header files that do not depend on the
#     architecture: they come from the host's packages through a tree of
#     directory symlinks ($work/host-include);
#   - simdjson (header and libsimdjson.so; not on s390x) and GoogleTest (static libraries)
#     come from the target's own Debian packages, unpacked with dpkg -x into
#     $work/<arch>/sysroot (apt-get download, nothing is installed; the
#     foreign architecture is added to dpkg once, and the .debs are kept in
#     $work/debs between runs);
#   - binaries run with qemu-<arch> -L /usr/<triplet> (the cross toolchain's
#     libc and libstdc++) and an rpath to the sysroot's libsimdjson.so.
# The per-arch test lists are the arrays below (names as in tests/meson.build).
# Not run here: no_exceptions (TAP) includes crypto/openssl.hpp, whose
# OpenSSL headers are architecture-specific (stage 22 runs it on the host);
# secret_hygiene's tool checks (TCVOD_TOOL) start the tool through the
# shell, which needs binfmt_misc, so they are skipped (the CLI tests below
# run the tool through a qemu wrapper instead).
# Counts: every gtest case (from --gtest_output=xml), every CLI TAP case, and
# one for each plain exit-status test; a binary that crashes is one failure.
# Budget on 2 cores: about 8 minutes.
set -uo pipefail
cd "$TCVOD_ROOT"
work=build-ci/cross-qemu
counts="$TCVOD_RESULTS_DIR/27-cross-qemu.counts"
passed=0 failed=0
bad() { failed=$((failed + 1)); echo "27-cross-qemu: FAILED: $*"; }

# TCVOD_CROSS_ARCHS="armhf s390x" runs some of them only (local use).
read -r -a archs <<< "${TCVOD_CROSS_ARCHS:-aarch64 armhf i686 s390x}"

# Tests that need the standard library (and GoogleTest) only, or Boost.URL as
# a reference (percent, url_check, query_decode, validate_boost_url), or fmt.
# (crypto_dispatch is left out: TCVOD_CRYPTO_RUNTIME_DISPATCH only matters on
# x86-64. On aarch64 the crypto test is built with -march=armv8-a+crypto, so
# it checks the ARMv8 SHA instructions against the portable code as well.)
common_tests=(sign number flatten validate encode roundtrip event_requests
              vod_error percent url_check query_decode validate_boost_url fmt secret_hygiene)
tests_aarch64=(crypto_armv8 "${common_tests[@]}" number_no_div64)
# armhf: number.hpp writes numbers without 64-bit division by itself (32-bit);
# the portable JSON backend (the one Cortex-M firmware gets) is tested here
# on a 32-bit target too.
tests_armhf=(crypto "${common_tests[@]}" response_portable events_portable)
tests_i686=(crypto "${common_tests[@]}")
tests_s390x=(crypto "${common_tests[@]}" number_no_div64)
# Tests of response.hpp and events.hpp, and the JSON backend they get:
# simdjson (Debian's libsimdjson for the target) or portable
# (-DTCVOD_NO_SIMDJSON, the library's own parser, no simdjson in reach).
json_tests=(response events adversarial no_exceptions_json)
json_aarch64=simdjson
json_armhf=simdjson
json_i686=simdjson
# simdjson assumes a little-endian target (on s390x it aborts, "stack
# smashing detected"); json_backend.hpp picks the portable backend there by
# itself, and the stage leaves simdjson out of reach as well.
json_s390x=portable
# The command-line tool, and tests/cli_test.py and cli_decode_test.py run
# against it through a qemu wrapper.
cli_archs=(armhf s390x)

declare -A triplet=([aarch64]=aarch64-linux-gnu [armhf]=arm-linux-gnueabihf [i686]=i686-linux-gnu
                    [s390x]=s390x-linux-gnu)
declare -A debarch=([aarch64]=arm64 [armhf]=armhf [i686]=i386 [s390x]=s390x)
declare -A multiarch=([aarch64]=aarch64-linux-gnu [armhf]=arm-linux-gnueabihf [i686]=i386-linux-gnu
                      [s390x]=s390x-linux-gnu)   # Debian's library directory
declare -A qemu=([aarch64]=qemu-aarch64 [armhf]=qemu-arm [i686]=qemu-i386 [s390x]=qemu-s390x)
declare -A qemu_cpu=([aarch64]=max [armhf]=max [i686]=max [s390x]=max)
# armhf: -Wno-psabi silences GCC's notes on the ABI change of GCC 7.1.
declare -A arch_flags=([aarch64]="" [armhf]="-Wno-psabi" [i686]="" [s390x]="")

# name -> "source|extra flags|kind and needs" (kind: gtest or exit; needs:
# url = Boost.URL compiled in, json = a JSON backend, fmt = fmt header-only)
declare -A def=(
  [crypto]="crypto_test.cpp||gtest"
  [crypto_armv8]="crypto_test.cpp|-march=armv8-a+crypto|gtest"
  [sign]="sign_test.cpp||gtest"
  [number]="number_test.cpp||gtest"
  [number_no_div64]="number_test.cpp|-DTCVOD_DETAIL_NO_64BIT_DIVISION=1|gtest"
  [flatten]="flatten_test.cpp||gtest"
  [validate]="validate_test.cpp||gtest"
  [encode]="encode_test.cpp||gtest"
  [roundtrip]="roundtrip_test.cpp||gtest"
  [event_requests]="event_requests_test.cpp||gtest"
  [vod_error]="vod_error_test.cpp||gtest"
  [percent]="percent_test.cpp||gtest url"
  [url_check]="url_check_test.cpp||gtest url"
  [query_decode]="query_decode_test.cpp||gtest url"
  [validate_boost_url]="validate_test.cpp|-DTCVOD_USE_BOOST_URL|gtest url"
  [fmt]="fmt_test.cpp||gtest fmt"
  [secret_hygiene]="secret_hygiene_test.cpp||gtest url fmt"
  [response]="response_test.cpp||gtest json"
  [events]="events_test.cpp||gtest json"
  [response_portable]="response_test.cpp|-DTCVOD_NO_SIMDJSON|gtest"
  [events_portable]="events_test.cpp|-DTCVOD_NO_SIMDJSON|gtest"
  [adversarial]="adversarial_test.cpp||gtest url json"
  [no_exceptions_json]="no_exceptions_json_test.cpp|-fno-exceptions -fno-rtti|exit url json"
)

for tool in ninja python3; do
  command -v "$tool" >/dev/null || { bad "$tool is missing (scripts/packages.txt)"; echo "$passed $failed" > "$counts"; exit 1; }
done
for arch in "${archs[@]}"; do
  for tool in "${triplet[$arch]}-g++" "${qemu[$arch]}"; do
    command -v "$tool" >/dev/null || { bad "$tool is missing (scripts/packages.txt)"; echo "$passed $failed" > "$counts"; exit 1; }
  done
done

# Everything but the downloaded .debs is rebuilt.
mkdir -p "$work/debs"
find "$work" -mindepth 1 -maxdepth 1 ! -name debs -exec rm -rf {} +

# 1. The host's architecture-independent headers, as directory symlinks.
mkdir -p "$work/host-include"
for dir in boost fmt CLI; do
  [ -d "/usr/include/$dir" ] || { bad "/usr/include/$dir is missing (scripts/packages.txt)"; continue; }
  ln -sfn "/usr/include/$dir" "$work/host-include/$dir"
done

# 2. Each target's packages, downloaded once and unpacked into its sysroot.
sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
apt_updated=0
fetch_debs() {  # arch package...
  local arch="$1" da="${debarch[$1]}" dir="$work/debs/$1" pkg missing=()
  shift
  mkdir -p "$dir"
  for pkg in "$@"; do
    compgen -G "$dir/${pkg}_*_$da.deb" >/dev/null || missing+=("$pkg:$da")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  if ! dpkg --print-foreign-architectures | grep -qx "$da"; then
    $sudo_cmd dpkg --add-architecture "$da" || return 1
    apt_updated=0
  fi
  if (cd "$dir" && apt-get download -q "${missing[@]}" >/dev/null 2>&1); then return 0; fi
  if [ "$apt_updated" -eq 0 ]; then
    $sudo_cmd apt-get update -qq >/dev/null 2>&1 || true
    apt_updated=1
  fi
  (cd "$dir" && apt-get download -q "${missing[@]}" >/dev/null)
}

# 3. One ninja file for every arch: Boost.URL's sources, the tests and the
# tool, and one edge per test run (bash run.sh, which always succeeds and
# leaves <test>.rc, .log and, for gtest, .xml), so runs overlap builds.
cat > "$work/run.sh" <<'EOF'
#!/usr/bin/env bash
# run.sh KIND QEMU CPU PREFIX EXE OUT: runs EXE under QEMU, writes OUT.{log,xml,rc}
kind="$1" qemu="$2" cpu="$3" prefix="$4" exe="$5" out="$6"
rm -f "$out.xml"
case "$kind" in
  gtest) timeout 600 "$qemu" -cpu "$cpu" -L "$prefix" "$exe" --gtest_output="xml:$out.xml" > "$out.log" 2>&1 ;;
  cli)   timeout 900 python3 "$exe" "$prefix" > "$out.log" 2>&1 ;;  # EXE: the test script, PREFIX: the tool's wrapper
  *)     timeout 600 "$qemu" -cpu "$cpu" -L "$prefix" "$exe" > "$out.log" 2>&1 ;;
esac
echo $? > "$out.rc"
exit 0
EOF
echo '#include <boost/url/src.hpp>' > "$work/boost_url_src.cpp"
ninja_file="$work/build.ninja"
cat > "$ninja_file" <<'EOF'
ninja_required_version = 1.10
rule cxx
  command = $cxx $flags -MD -MF $out.d -c $in -o $out
  depfile = $out.d
  deps = gcc
  description = $out
rule link
  command = $cxx $in -o $out $libs
  description = $out
rule run
  command = bash run.sh $kind $qemu $cpu $prefix $in $base
  description = run $in
EOF

root_abs="$PWD"
ready=()
for arch in "${archs[@]}"; do
  t="${triplet[$arch]}" a="$work/$arch"
  sysroot="$a/sysroot"
  json_var="json_$arch"; json="${!json_var}"
  pkgs=(libgtest-dev)
  [ "$json" = simdjson ] && pkgs+=(libsimdjson-dev libsimdjson14)
  if ! fetch_debs "$arch" "${pkgs[@]}"; then
    bad "$arch: apt-get download ${pkgs[*]} for ${debarch[$arch]} failed"
    continue
  fi
  mkdir -p "$sysroot" "$a/obj" "$a/bin" "$a/out"
  for pkg in "${pkgs[@]}"; do
    dpkg -x "$(compgen -G "$work/debs/$arch/${pkg}_*_${debarch[$arch]}.deb" | head -1)" "$sysroot"
  done
  libdir="$root_abs/$sysroot/usr/lib/${multiarch[$arch]}"

  # The compiler's own search list without /usr/include (and /usr/local/include).
  search=()
  while read -r dir; do
    case "$dir" in
      /usr/include|/usr/local/include) ;;
      *) search+=(-isystem "$dir") ;;
    esac
  done < <("$t-g++" -E -x c++ - -v </dev/null 2>&1 | sed -n '/search starts here:/,/End of search list/p' | grep '^ ' | sed 's/^ //')
  inc=(-nostdinc "${search[@]}" -isystem "$root_abs/$sysroot/usr/include" -isystem "$root_abs/$work/host-include"
       -I"$root_abs/include")
  # The warnings of the meson build (warning_level=3 and strict_args).
  warn=(-Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror ${arch_flags[$arch]})
  base=(-std=c++17 -O1 "${inc[@]}" "${warn[@]}")
  [ "$json" = portable ] && base+=(-DTCVOD_NO_SIMDJSON)

  # The include tree holds what it should: simdjson only from the sysroot
  # (and not at all with the portable backend), no host header outside it.
  probe="$("$t-g++" "${base[@]}" -M -x c++ - 2>/dev/null <<< '#include <simdjson.h>' | tr ' \\' '\n\n' | grep 'simdjson.h$' || true)"
  if [ "$json" = portable ]; then
    [ -z "$probe" ] || bad "$arch: simdjson.h is in reach ($probe) with the portable backend"
  else
    [ "$probe" = "$root_abs/$sysroot/usr/include/simdjson.h" ] || bad "$arch: simdjson.h comes from '$probe', not the sysroot"
  fi
  if "$t-g++" "${base[@]}" -fsyntax-only -x c++ - 2>/dev/null <<< '#include <openssl/sha.h>'; then
    bad "$arch: the host's /usr/include is in reach"
  fi

  tests_var="tests_$arch[@]"
  names=("${!tests_var}")
  names+=("${json_tests[@]}")

  json_libs=()
  [ "$json" = simdjson ] && json_libs=(-L"$libdir" -lsimdjson -Wl,-rpath,"$libdir")
  runner="  qemu = ${qemu[$arch]}
  cpu = ${qemu_cpu[$arch]}"
  {
    echo "build $arch/obj/boost_url_src.o: cxx $root_abs/$work/boost_url_src.cpp"
    echo "  cxx = $t-g++"
    # NDEBUG as in Debian's libboost_url.so: url_check_test's differential
    # mutations reach a BOOST_ASSERT of Boost.URL 1.81 (detail/path.hpp,
    # path_segments: nseg == 0) that the release library does not check.
    echo "  flags = ${base[*]} -DNDEBUG"
    for name in "${names[@]}"; do
      IFS='|' read -r src extra needs <<< "${def[$name]}"
      flags=("${base[@]}" -DTCVOD_TEST_DATA_DIR='\"'"$root_abs/tests"'\"')
      objs=("$arch/obj/$name.o") libs=()
      kind="${needs%% *}"
      case " $needs " in *" url "*) objs+=("$arch/obj/boost_url_src.o") ;; esac
      case " $needs " in *" fmt "*) flags+=(-DFMT_HEADER_ONLY) ;; esac
      case " $needs " in *" json "*) libs+=("${json_libs[@]}") ;; esac
      [ "$kind" = gtest ] && libs+=("$libdir/libgtest_main.a" "$libdir/libgtest.a")
      echo "build $arch/obj/$name.o: cxx $root_abs/tests/$src"
      echo "  cxx = $t-g++"
      echo "  flags = ${flags[*]} $extra"
      echo "build $arch/bin/${name}_test: link ${objs[*]}"
      echo "  cxx = $t-g++"
      echo "  libs = ${libs[*]} -pthread"
      echo "build $arch/out/$name.rc: run $arch/bin/${name}_test"
      echo "$runner"
      echo "  prefix = /usr/$t"
      echo "  kind = $kind"
      echo "  base = $arch/out/$name"
    done
    case " ${cli_archs[*]} " in
      *" $arch "*)
        tool_objs=()
        for src in tools/*.cpp; do
          obj="$arch/obj/tool_$(basename "$src" .cpp).o"
          echo "build $obj: cxx $root_abs/$src"
          echo "  cxx = $t-g++"
          echo "  flags = ${base[*]}"
          tool_objs+=("$obj")
        done
        echo "build $arch/bin/tcvod: link ${tool_objs[*]}"
        echo "  cxx = $t-g++"
        echo "  libs = ${json_libs[*]}"
        # The Python tests run this wrapper as the tool.
        printf '#!/bin/sh\nexec %s -cpu %s -L /usr/%s "%s" "$@"\n' "${qemu[$arch]}" "${qemu_cpu[$arch]}" "$t" \
          "$root_abs/$a/bin/tcvod" > "$a/bin/tcvod-qemu"
        chmod +x "$a/bin/tcvod-qemu"
        for cli in cli cli_decode; do
          echo "build $arch/out/$cli.rc: run $root_abs/tests/${cli}_test.py | $arch/bin/tcvod"
          echo "$runner"
          echo "  prefix = $root_abs/$a/bin/tcvod-qemu"
          echo "  kind = cli"
          echo "  base = $arch/out/$cli"
        done ;;
    esac
  } >> "$ninja_file"
  ready+=("$arch")
done

# 4. Build and run everything, two jobs at a time (-k 0: whatever builds runs).
start=$SECONDS
ninja -C "$work" -j2 -k 0 > "$work/ninja.log" 2>&1
wall=$((SECONDS - start))

# 5. Count, per arch. A test that did not build or whose binary crashed is
# one failure; the cost is the sum of the arch's job times (.ninja_log).
count_one() {  # kind out -> "passed failed"
  local kind="$1" out="$2" rc p f
  rc="$(cat "$out.rc" 2>/dev/null || echo 1)"
  case "$kind" in
    gtest)
      if [ -s "$out.xml" ] && python3 scripts/count-junit.py "$out.xml" "$out.counts" >/dev/null 2>&1; then
        read -r p f < "$out.counts"
      else
        p=0 f=1
      fi ;;
    cli)
      p="$(grep -c '^ok' "$out.log")" f="$(grep -c '^not ok' "$out.log")" ;;
    *)
      p=0 f=0; [ "$rc" -eq 0 ] && p=1 ;;
  esac
  [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
  echo "$p $f"
}
for arch in "${ready[@]}"; do
  arch_p=0 arch_f=0
  for out in $(grep -o "^build $arch/out/[^:]*" "$ninja_file" | cut -d' ' -f2); do
    base="$work/${out%.rc}" name="$(basename "$out" .rc)"
    case "$name" in cli|cli_decode) kind=cli ;; *) kind="$(cut -d'|' -f3 <<< "${def[$name]}")"; kind="${kind%% *}" ;; esac
    if [ ! -e "$base.rc" ]; then
      arch_f=$((arch_f + 1))
      echo "27-cross-qemu: FAILED: $arch: $name did not build:"
      grep -A12 "^FAILED: $arch/" "$work/ninja.log" | grep -v '^\s*inlined from' | grep -E -m8 'FAILED|error|undefined'
      continue
    fi
    read -r p f < <(count_one "$kind" "$base")
    arch_p=$((arch_p + p)) arch_f=$((arch_f + f))
    if [ "$f" -ne 0 ]; then
      echo "27-cross-qemu: FAILED: $arch: $name ($f failed):"
      grep -E -A8 '^\[  FAILED|^not ok|Failure|Aborted|stack smashing|terminate|Assertion' "$base.log" | head -40
    fi
  done
  read -r build_s run_s < <(awk -v a="$arch/" 'NR > 1 && index($4, a) == 1 {
      if (index($4, a "out/") == 1) r += $2 - $1; else b += $2 - $1 }
    END { printf "%d %d\n", b / 1000, r / 1000 }' "$work/.ninja_log")
  echo "27-cross-qemu: $arch: $arch_p passed, $arch_f failed (cost: build $build_s s, run $run_s s)"
  passed=$((passed + arch_p)) failed=$((failed + arch_f))
done

echo "27-cross-qemu: $passed passed, $failed failed ($wall s building and running, 2 jobs at a time)"
echo "$passed $failed" > "$counts"
[ "$failed" -eq 0 ]
