#!/usr/bin/env bash
# Windows x86-64: the library's unit tests and the command-line tool built
# with MinGW-w64 (Debian's x86_64-w64-mingw32-g++-posix, GCC 12, warnings as
# errors, -static so no DLL is needed) and run under Wine (Debian's wine64,
# headless, a prefix of its own in $work).
# Headers and libraries:
#   - the MinGW compiler does not search /usr/include; Boost (Boost.URL is
#     compiled from boost/url/src.hpp), fmt (FMT_HEADER_ONLY) and CLI11 are
#     architecture-independent header files and come from the host's packages
#     through a tree of directory symlinks ($work/deps), which has no
#     simdjson: the JSON tests and the tool's decode commands use the
#     portable backend (-DTCVOD_NO_SIMDJSON), and are skipped while the
#     headers in the tree still need <simdjson.h>;
#   - GoogleTest is compiled from Debian's source (/usr/src/googletest).
#   - Boost.URL is compiled with NDEBUG, as Debian's libboost_url is: with its
#     assertions on, Boost.URL 1.81 fails one of its own (detail/path.hpp,
#     path_segments: nseg == 0) on an input of url_check_test's differential
#     test, on Linux as well.
# The posix thread model of the compiler (the win32 one has no std::mutex,
# which GoogleTest needs). Tests run from the repository root with
# TCVOD_TEST_DATA_DIR="tests", a relative path (Wine maps the working
# directory; an absolute Linux path would be C:\work\...).
# Not built here: no_exceptions (TAP) includes crypto/openssl.hpp, whose
# OpenSSL headers are the host's (architecture-specific) ones, and stage 22
# runs it; secret_hygiene's tool checks run the tool through a POSIX shell and
# are left out on Windows (the CLI tests below keep the key out of every
# output instead).
# The tool: tests/cli_test.py (and cli_decode_test.py when the decode
# commands are built) run against tcvod.exe through a Wine wrapper, and a
# few commands are compared byte for byte (stdout, stderr, exit status) with
# the Linux build of the same sources.
# Wine: WINEDEBUG=-all, no Mono/Gecko (WINEDLLOVERRIDES), no display; one
# persistent wineserver for the stage (else each program starts a server and
# the prefix's services, about a second each, and the services keep the
# program's pipes open: a reader such as subprocess.run waits until they
# exit), started before wineboot so that the services it starts stay up,
# with no inherited descriptors.
# Counts: every gtest case (--gtest_output=xml), every CLI TAP case, each
# byte-for-byte comparison, one for each plain exit-status test; a binary
# that does not build or crashes is one failure.
# Budget on 2 cores: about 3 minutes (190 s of CPU time to compile, under a
# minute to run; wineboot -i takes 5 to 10 s, while the compiler runs).
set -uo pipefail
cd "$TCVOD_ROOT"
root="$(pwd)"
work=build-ci/windows
counts="$TCVOD_RESULTS_DIR/28-windows.counts"
passed=0 failed=0
bad() { failed=$((failed + 1)); echo "28-windows: FAILED: $*"; }
note() { echo "28-windows: $*"; }
step_start=$EPOCHREALTIME
step() {  # prints the cost of the step that just ended
    note "$(awk -v a="$step_start" -v b="$EPOCHREALTIME" -v s="$1" 'BEGIN { printf "step %-34s %6.1f s", s, b - a }')"
    step_start=$EPOCHREALTIME
}
finish() {
    note "$passed passed, $failed failed"
    echo "$passed $failed" > "$counts"
    [ "$failed" -eq 0 ]
    exit
}

cxx=x86_64-w64-mingw32-g++-posix
wine=/usr/lib/wine/wine64
wineserver=/usr/lib/wine/wineserver64
[ -x "$wine" ] || wine="$(command -v wine64 || echo wine64)"
[ -x "$wineserver" ] || wineserver="$(command -v wineserver || echo wineserver)"
if ! command -v "$cxx" >/dev/null || ! command -v "$wine" >/dev/null || [ ! -d /usr/src/googletest ]; then
    note "installing what scripts/packages.txt lists"
    bash scripts/setup-deps.sh >/dev/null || { bad "scripts/setup-deps.sh"; finish; }
fi
for tool in "$cxx" "$wine" "$wineserver" g++ python3; do
    command -v "$tool" >/dev/null || { bad "$tool is missing (scripts/packages.txt)"; finish; }
done
step "tools"

export WINEPREFIX="$root/$work/wineprefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
unset DISPLAY WAYLAND_DISPLAY
stop_wine() { "$wineserver" -k >/dev/null 2>&1 || true; }
[ -d "$WINEPREFIX" ] && stop_wine  # a server left by an earlier run of this stage
rm -rf "$work"
mkdir -p "$work/deps" "$work/obj" "$work/bin" "$work/cli" "$work/native" "$work/results"

# Wine, in the background while the compiler runs: a persistent server (it
# needs the prefix's directory, or it exits at once), then the prefix
# (wineboot -i), every descriptor on /dev/null.
trap stop_wine EXIT
(
    start=$EPOCHREALTIME
    mkdir -p "$WINEPREFIX"
    "$wineserver" -p </dev/null >/dev/null 2>&1
    timeout 300 "$wine" wineboot -i </dev/null >"$work/wineboot.log" 2>&1
    rc=$?
    awk -v a="$start" -v b="$EPOCHREALTIME" -v rc="$rc" 'BEGIN { printf "%.1f %d\n", b - a, rc }' > "$work/wineboot.time"
) &
wineboot_pid=$!

# The include tree: fmt, CLI11 and Boost, nothing else.
deps="$work/deps"
for dir in fmt CLI boost; do ln -s "/usr/include/$dir" "$deps/$dir"; done
gtest_src=/usr/src/googletest/googletest
if "$cxx" -E -x c++ - -v </dev/null 2>&1 | sed -n '/search starts here:/,/End of search list/p' |
    grep -q '^ /usr/include'; then
    bad "$cxx searches /usr/include: the host's headers are in reach"
fi
if echo '#include <simdjson.h>' | "$cxx" -std=c++17 -isystem "$deps" -fsyntax-only -x c++ - 2>/dev/null; then
    bad "<simdjson.h> is in reach of $cxx"
fi
# The portable JSON backend is in the tree when response.hpp and events.hpp
# no longer need <simdjson.h> with TCVOD_NO_SIMDJSON.
json=yes
for header in response events; do
    printf '#include "tcvod/%s.hpp"\n' "$header" |
        "$cxx" -std=c++17 -DTCVOD_NO_SIMDJSON -Iinclude -isystem "$deps" -M -MG -x c++ - 2>/dev/null |
        tr ' \\' '\n\n' | grep -q 'simdjson\.h$' && json=no
done
[ "$json" = yes ] || note "skipped: portable JSON backend not in tree (response, events, adversarial and no_exceptions_json tests; the tool's decode commands)"

warn=(-Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror)
flags=(-std=c++17 -O1 "${warn[@]}" -Iinclude -isystem "$deps")
test_flags=("${flags[@]}" -isystem "$gtest_src/include" '-DTCVOD_TEST_DATA_DIR="tests"')
json_flags=(-DTCVOD_NO_SIMDJSON)

# Unit tests: name, source (tests/<source>_test.cpp), extra flags, and
# whether Boost.URL is linked (tests/meson.build).
gtests=(
    "crypto crypto - no"
    "crypto_dispatch crypto -DTCVOD_CRYPTO_RUNTIME_DISPATCH no"
    "crypto_no_dispatch crypto -DTCVOD_CRYPTO_NO_DISPATCH no"
    "sign sign - no"
    "number number - no"
    "number_no_div64 number -DTCVOD_DETAIL_NO_64BIT_DIVISION=1 no"
    "flatten flatten - no"
    "validate validate - no"
    "encode encode - no"
    "roundtrip roundtrip - no"
    "vod_error vod_error - no"
    "event_requests event_requests - no"
    "percent percent - boost_url"
    "url_check url_check - boost_url"
    "query_decode query_decode - boost_url"
    "validate_boost_url validate -DTCVOD_USE_BOOST_URL boost_url"
    "fmt fmt -DFMT_HEADER_ONLY no"
    "secret_hygiene secret_hygiene -DFMT_HEADER_ONLY no"
)
if [ "$json" = yes ]; then
    gtests+=("response response -DTCVOD_NO_SIMDJSON no"
             "events events -DTCVOD_NO_SIMDJSON no"
             "adversarial adversarial -DTCVOD_NO_SIMDJSON boost_url")
fi

# 1. Compile everything (objects), two at a time; then link.
jobs="$work/compile.jobs"
: > "$jobs"
job() {  # job LOG COMMAND...: one line of $jobs, the command's output in LOG
    local log=$1; shift
    { printf '%q ' "$@"; printf '>%q 2>&1\n' "$log"; } >> "$jobs"
}
run_jobs() {  # and prints the CPU time they took
    local TIMEFORMAT='%U %S'
    { time xargs -d '\n' -P 2 -n 1 bash -c 'eval "$1"' _ < "$jobs"; } 2> "$jobs.time"
    note "$(awk 'END { printf "%.0f s of CPU time", $1 + $2 }' "$jobs.time")"
}
tools_src=(tcvod sign_command verify_command)
decode_src="$work/cli/no_json_decode.cpp"
if [ "$json" = yes ]; then
    tools_src+=(decode_commands)
else  # the tool without its decode commands
    cat > "$decode_src" <<'EOF'
#include "cli.hpp"
namespace tcvod_cli {
int run_decode_response(bool) { return usage_error("decode-response is not in this build (no JSON backend)"); }
int run_decode_event(bool) { return usage_error("decode-event is not in this build (no JSON backend)"); }
}  // namespace tcvod_cli
EOF
fi
for src in "${tools_src[@]}"; do
    job "$work/cli/$src.log" "$cxx" "${flags[@]}" "${json_flags[@]}" -Itools -c "tools/$src.cpp" -o "$work/cli/$src.o"
done
[ "$json" = yes ] ||
    job "$work/cli/no_json_decode.log" "$cxx" "${flags[@]}" -Itools -c "$decode_src" -o "$work/cli/no_json_decode.o"
for src in tcvod sign_command verify_command decode_commands; do  # the Linux tool, the reference
    job "$work/native/$src.log" g++ -std=c++17 -O1 -Iinclude -Itools -c "tools/$src.cpp" -o "$work/native/$src.o"
done
job "$work/obj/gtest-all.log" "$cxx" -std=c++17 -O1 -isystem "$gtest_src/include" -I"$gtest_src" \
    -c "$gtest_src/src/gtest-all.cc" -o "$work/obj/gtest-all.o"
job "$work/obj/gtest_main.log" "$cxx" -std=c++17 -O1 -isystem "$gtest_src/include" \
    -c "$gtest_src/src/gtest_main.cc" -o "$work/obj/gtest_main.o"
printf '#include <boost/url/src.hpp>\n' > "$work/obj/boost_url.cpp"
job "$work/obj/boost_url.log" "$cxx" -std=c++17 -O1 -DNDEBUG -isystem "$deps" -c "$work/obj/boost_url.cpp" \
    -o "$work/obj/boost_url.o"
for spec in "${gtests[@]}"; do
    read -r name src extra url <<< "$spec"
    extra_flags=()
    [ "$extra" = - ] || extra_flags=("$extra")
    job "$work/bin/$name.log" "$cxx" "${test_flags[@]}" "${extra_flags[@]}" -c "tests/${src}_test.cpp" \
        -o "$work/bin/$name.o"
done
if [ "$json" = yes ]; then
    job "$work/bin/no_exceptions_json.log" "$cxx" "${flags[@]}" "${json_flags[@]}" -fno-exceptions -fno-rtti \
        -c tests/no_exceptions_json_test.cpp -o "$work/bin/no_exceptions_json.o"
fi
run_jobs
step "compile ($(wc -l < "$jobs") translation units, -j2)"

objects_ok() {
    local o
    for o in "$@"; do
        [ -f "$o" ] && continue
        bad "$(basename "$o" .o) does not build:"; grep -m8 -E 'error|warning' "${o%.o}.log"
        return 1
    done
}
objects_ok "$work/obj/gtest-all.o" "$work/obj/gtest_main.o" "$work/obj/boost_url.o" || finish
gtest_objs=("$work/obj/gtest-all.o" "$work/obj/gtest_main.o")
: > "$jobs"
built=()
for spec in "${gtests[@]}"; do
    read -r name src extra url <<< "$spec"
    objects_ok "$work/bin/$name.o" || continue
    url_obj=()
    [ "$url" = boost_url ] && url_obj=("$work/obj/boost_url.o")
    job "$work/bin/$name.link.log" "$cxx" -static "$work/bin/$name.o" "${url_obj[@]}" "${gtest_objs[@]}" \
        -o "$work/bin/${name}_test.exe"
    built+=("$name")
done
plain=()
if [ "$json" = yes ] && objects_ok "$work/bin/no_exceptions_json.o"; then
    job "$work/bin/no_exceptions_json.link.log" "$cxx" -static "$work/bin/no_exceptions_json.o" \
        -o "$work/bin/no_exceptions_json_test.exe"
    plain+=(no_exceptions_json)
fi
cli_objs=()
for src in "${tools_src[@]}"; do cli_objs+=("$work/cli/$src.o"); done
[ "$json" = yes ] || cli_objs+=("$work/cli/no_json_decode.o")
cli=no
if objects_ok "${cli_objs[@]}"; then
    job "$work/cli/link.log" "$cxx" -static "${cli_objs[@]}" -o "$work/cli/tcvod.exe"
    cli=yes
fi
native_objs=("$work/native/tcvod.o" "$work/native/sign_command.o" "$work/native/verify_command.o"
             "$work/native/decode_commands.o")
native=no
if objects_ok "${native_objs[@]}"; then
    job "$work/native/link.log" g++ "${native_objs[@]}" -lsimdjson -o "$work/native/tcvod"
    native=yes
fi
run_jobs
step "link ($(wc -l < "$jobs") programs, -static)"

# 2. The unit tests under Wine.
wait "$wineboot_pid"
read -r wineboot_s wineboot_rc < "$work/wineboot.time" || wineboot_rc=1
note "wineboot -i: $wineboot_s s, in the background while compiling (exit $wineboot_rc)"
if [ "$wineboot_rc" -ne 0 ]; then
    bad "wineboot -i:"; tail -20 "$work/wineboot.log"
    finish
fi
step "wait for the Wine prefix"

for name in "${built[@]}"; do
    exe="$work/bin/${name}_test.exe"
    xml="$work/results/$name.xml"
    [ -f "$exe" ] || { bad "${name}_test does not link:"; head -8 "$work/bin/$name.link.log"; continue; }
    timeout 300 "$wine" "$exe" --gtest_brief=1 --gtest_output="xml:$xml" >"$work/results/$name.out" 2>&1
    rc=$?
    if [ ! -f "$xml" ]; then
        bad "${name}_test (exit $rc, no result file):"; tail -20 "$work/results/$name.out"
        continue
    fi
    python3 scripts/count-junit.py "$xml" "$work/results/$name.counts" >/dev/null
    read -r p f < "$work/results/$name.counts"
    [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
    [ "$f" -eq 0 ] || { echo "28-windows: ${name}_test:"; tail -30 "$work/results/$name.out"; }
    note "${name}_test: $p passed, $f failed"
    passed=$((passed + p)) failed=$((failed + f))
done
for name in "${plain[@]}"; do
    exe="$work/bin/${name}_test.exe"
    [ -f "$exe" ] || { bad "${name}_test does not link:"; head -8 "$work/bin/$name.link.log"; continue; }
    if timeout 300 "$wine" "$exe" >"$work/results/$name.out" 2>&1; then
        passed=$((passed + 1)); note "${name}_test: passed"
    else
        bad "${name}_test:"; tail -20 "$work/results/$name.out"
    fi
done
step "unit tests under Wine"

# 3. The tool under Wine.
if [ "$cli" = yes ] && [ -f "$work/cli/tcvod.exe" ]; then
    wrapper="$root/$work/tcvod-wine"
    printf '#!/bin/sh\nexec %q %q "$@"\n' "$wine" "$root/$work/cli/tcvod.exe" > "$wrapper"
    chmod +x "$wrapper"
    cli_tests=(cli_test)
    [ "$json" = yes ] && cli_tests+=(cli_decode_test)
    for t in "${cli_tests[@]}"; do
        out="$work/results/$t.tap"
        start=$SECONDS
        timeout 600 python3 "tests/$t.py" "$wrapper" >"$out" 2>&1
        rc=$?
        p=$(grep -c '^ok ' "$out") f=$(grep -c '^not ok ' "$out")
        [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
        [ "$f" -eq 0 ] || { echo "28-windows: $t.py:"; grep -A15 '^not ok ' "$out" | head -60; }
        note "$t.py: $p passed, $f failed ($((SECONDS - start)) s)"
        passed=$((passed + p)) failed=$((failed + f))
    done

    # Byte for byte: stdout, stderr and the exit status of tcvod.exe and of
    # the Linux tool.
    if [ "$native" = yes ] && [ -f "$work/native/tcvod" ]; then
        export TCVOD_SECRET_KEY=Gu5t9xGARNpq86cd98joQYCN3Cozk1qA
        common=(--region gz --secret-id AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA --timestamp 1465185768 --nonce 11886)
        single=(inputType=SingleFile file.id=12345 file.startTimeOffset=10 file.endTimeOffset=25.5 procedure=P)
        utf8=(inputType=PullFile 'pull.url=https://example.com/a b/视频.mp4?x=1&y=+' 'pull.fileName=名 & =' procedure=P)
        case_no=0
        same() {  # same STDIN_FILE ARGS...: one comparison
            local in=$1; shift
            case_no=$((case_no + 1))
            local a="$work/results/same$case_no.linux" b="$work/results/same$case_no.windows"
            "$work/native/tcvod" "$@" <"$in" >"$a.out" 2>"$a.err"
            echo "exit $?" >> "$a.err"
            timeout 60 "$wine" "$work/cli/tcvod.exe" "$@" <"$in" >"$b.out" 2>"$b.err"
            echo "exit $?" >> "$b.err"
            if cmp -s "$a.out" "$b.out" && cmp -s "$a.err" "$b.err"; then
                passed=$((passed + 1))
            else
                bad "tcvod $* differs from the Linux tool's output:"
                diff <(od -c "$a.out") <(od -c "$b.out") | head -6
                diff "$a.err" "$b.err" | head -6
            fi
        }
        same /dev/null sign "${common[@]}" "${single[@]}"
        same /dev/null sign --method POST --signature-method HmacSHA256 "${common[@]}" "${single[@]}"
        same /dev/null sign --print string-to-sign --path /v3/index.php "${common[@]}" "${utf8[@]}"
        same /dev/null sign --action ConfirmEvent "${common[@]}" msgHandle.0=a msgHandle.1=b
        same /dev/null sign "${common[@]}" inputType=MultiFile fileList.0.id=1 fileList.2.id=3 procedure=
        same /dev/null sign "${common[@]}" /region bj "${single[@]}"
        same /dev/null --help
        # Bodies on stdin: as printed, ending in CR LF, and starting with a
        # Ctrl-Z byte (the end of the input for a text-mode stdin).
        body="$work/results/body"
        "$work/native/tcvod" sign --method POST "${common[@]}" "${utf8[@]}" > "$body.txt"
        sed 's/$/\r/' "$body.txt" > "$body-crlf.txt"
        { printf '\032'; cat "$body.txt"; } > "$body-ctrl-z.txt"
        "$work/native/tcvod" sign "${common[@]}" "${single[@]}" > "$body-url.txt"
        for in in "$body.txt" "$body-crlf.txt" "$body-ctrl-z.txt"; do same "$in" verify --method POST; done
        same "$body-url.txt" verify
        if [ "$json" = yes ]; then
            for json_body in tests/vectors/bodies/*.json; do
                case "$json_body" in
                    */pull_event_response*|*/procedure_state_changed*) same "$json_body" decode-event --lenient ;;
                    *) same "$json_body" decode-response --lenient ;;
                esac
            done
        fi
        note "$case_no byte-for-byte comparisons with the Linux tool"
        unset TCVOD_SECRET_KEY
    else
        bad "the Linux tool (the reference) does not build:"; grep -m8 error "$work"/native/*.log
    fi
    step "the tool under Wine"
elif [ "$cli" = yes ]; then
    bad "tcvod.exe does not link:"; head -8 "$work/cli/link.log"
fi

finish
