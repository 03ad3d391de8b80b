#!/usr/bin/env bash
# Flash and stack footprint of tcvod on Cortex-M, for firmware that vendors
# include/: builds each footprint/*.cpp program with arm-none-eabi-g++
# (newlib-nano, no exceptions, no RTTI, -Os) for Cortex-M4F and Cortex-M0,
# and prints a markdown table:
#   flash  text+data of the linked ELF minus the empty main's (same startup
#          code and libraries), so it is what the program's code, data and
#          the library and runtime parts it pulls in cost;
#   stack  the deepest call path from main, from GCC's -fcallgraph-info=su
#          (scripts/stack_depth.py; a call into library code without stack
#          info, such as newlib's memcpy, counts EXTERNAL_CALL_BYTES or its
#          depth estimated from the ELF's disassembly, whichever is larger;
#          recursion, indirect calls and dynamic frames make it unbounded);
#   double on Cortex-M0, programs (a)-(c) must not link a soft-float double
#          routine (__aeabi_d*, __*df*).
# Deterministic: no timing, no dates; the same tree and toolchain give the
# same output.
#
# Usage: scripts/footprint.sh [--write] [--counts FILE] [--build DIR]
#   --write        also write the report to footprint/latest.md
#   --counts FILE  write "PASSED FAILED" (one per table row and check) to FILE
#   --build DIR    where objects, ELFs and logs go (default build-ci/footprint)
# Exit status: 0 when every row and check passes; 1 when a program fails to
# build, a Cortex-M4 budget is exceeded (or the stack is unbounded where a
# stack budget applies), a double routine is linked on Cortex-M0, or the
# compiler's include path contains /usr/include; 2 on a usage error or a
# missing toolchain.
set -uo pipefail

# Budgets: Cortex-M4 (-mcpu=cortex-m4 -mfloat-abi=hard), bytes.
BUDGET_FLASH_SIGN=6144         # (a)  sign + encode_sorted_to, HMAC-SHA1 and HMAC-SHA256: 6 KiB
BUDGET_FLASH_SIGN_SHA1=4096    # (a') the same with tcvod::sha1_signer, SHA-1 only: 4 KiB
BUDGET_FLASH_ENCODE=12288      # (b)  typed MultiFile RunProcedure encode_to: 12 KiB
BUDGET_STACK=2560              # (a), (a'), (b): worst stack path from main: 2.5 KiB
BUDGET_FLASH_RESPONSE=12288    # (d)  response_decoder on the portable JSON backend: 12 KiB
# (c) decode: reported, no budget yet. (d): no stack budget: its JSON walk
# recurses once per nesting level (bounded at run time by max_depth, 64 by
# default), which a static call graph cannot bound.
EXTERNAL_CALL_BYTES=64         # stack charged to a call into newlib/libgcc/libstdc++ code (no .su there)
# tcvod's indirect calls and their only possible targets, as CALLER=TARGETS
# patterns over mangled names for scripts/stack_depth.py:
#   staged_mac::update_mac (sign.hpp) -> the static invoker of a lambda per
#     MAC type, set only by staged_mac's constructor;
#   parameter_callback::operator() (query_encode.hpp) -> likewise, per visitor;
#   md_update, md_finish (crypto/digest.hpp) -> a SHA-1 or SHA-256 compression
#     function, passed by md_block_engine.
INDIRECT_CALLS=('10staged_mac10update_mac=staged_macC[1-4]I.*4_FUN'
                '18parameter_callbackclE=parameter_callbackC[1-4]I.*4_FUN'
                '6detail9md_(update|finish)E=^_ZN5tcvod2v16crypto6detail[0-9]+sha(1|256)_compress_(small|fast)E')

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
write=0 counts_file="" build=build-ci/footprint
while [ $# -gt 0 ]; do
  case "$1" in
    --write) write=1 ;;
    --counts) counts_file="${2:?--counts needs a file}"; shift ;;
    --build) build="${2:?--build needs a directory}"; shift ;;
    -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "footprint: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

# -I include is the only include path besides the toolchain's own.
unset CPATH C_INCLUDE_PATH CPLUS_INCLUDE_PATH
cxx=arm-none-eabi-g++ nm=arm-none-eabi-nm size=arm-none-eabi-size
for tool in "$cxx" "$nm" "$size" python3; do
  if ! command -v "$tool" >/dev/null; then
    echo "footprint: $tool not found (scripts/packages.txt: gcc-arm-none-eabi, libstdc++-arm-none-eabi-newlib, libnewlib-arm-none-eabi)" >&2
    [ -n "$counts_file" ] && echo "0 1" > "$counts_file"
    exit 2
  fi
done

cpus=(cortex-m4 cortex-m0)
declare -A cpu_flags=(
  [cortex-m4]="-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16"
  [cortex-m0]="-mcpu=cortex-m0 -mthumb"
)
common_flags=(-std=c++17 -Os -DNDEBUG -fno-exceptions -fno-rtti -ffunction-sections -fdata-sections
              -Wl,--gc-sections --specs=nano.specs --specs=nosys.specs -I include)
stack_flags=(-fstack-usage -fcallgraph-info=su)

# id|source|label|flash budget variable|stack budget applies|double check applies
programs=(
  "sign|footprint/sign.cpp|(a) sign, both hashes|BUDGET_FLASH_SIGN|1|1"
  "sign_sha1|footprint/sign_sha1.cpp|(a') sign, SHA-1 only|BUDGET_FLASH_SIGN_SHA1|1|1"
  "encode|footprint/encode.cpp|(b) encode_to, MultiFile|BUDGET_FLASH_ENCODE|1|1"
  "decode|footprint/decode.cpp|(c) parse + verify + decode_request||0|1"
  "response|footprint/response.cpp|(d) response decode (portable JSON)|BUDGET_FLASH_RESPONSE|0|1"
)
not_yet=""

# Only ever delete a directory this script made (it leaves a marker there).
if [ -d "$build" ] && [ -n "$(ls -A "$build")" ] && [ ! -f "$build/.footprint-build" ]; then
  echo "footprint: $build exists and was not made by this script; not deleting it (use --build)" >&2
  [ -n "$counts_file" ] && echo "0 1" > "$counts_file"
  exit 2
fi
rm -rf "$build"
mkdir -p "$build"
touch "$build/.footprint-build"
passed=0 failed=0
failures=()
rows=()
paths=()
notes=()
doubles_notes=()
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); failures+=("$1"); }
kib() { awk -v b="$1" 'BEGIN { printf "%.2f", b / 1024 }'; }
# The first compiler diagnostic of a log, for the table.
first_error() { grep -m1 -E "(fatal )?error:" "$1" | sed -E 's/^[^:]*\/(footprint|include)\//\1\//; s/\|/\\|/g' | cut -c1-160; }

# include_flags CPU: sets inc_flags so that the compiler's system include
# search list does not contain /usr/include (host headers such as Boost must
# not be found); records the check.
include_flags() {
  local cpu="$1" flags=(${cpu_flags[$1]})
  local -a dirs=() kept=()
  mapfile -t dirs < <("$cxx" "${flags[@]}" -std=c++17 -E -x c++ - -v </dev/null 2>&1 |
    sed -n '/#include <...> search starts here:/,/End of search list./p' | sed '1d;$d; s/^ *//')
  inc_flags=()
  local d host=0
  for d in "${dirs[@]}"; do
    case "$(readlink -f "$d")" in
      /usr/include|/usr/local/include) host=1 ;;
      *) kept+=("$d") ;;
    esac
  done
  if [ "$host" -eq 1 ]; then
    inc_flags=(-nostdinc)
    for d in "${kept[@]}"; do inc_flags+=(-isystem "$d"); done
    notes+=("- $cpu: the compiler's include path contained /usr/include; built with -nostdinc and its other directories.")
  fi
  # Verify the search list the builds will really use.
  local final
  final="$("$cxx" "${flags[@]}" "${common_flags[@]}" "${inc_flags[@]}" -E -x c++ - -v </dev/null 2>&1 |
    sed -n '/#include "..." search starts here:/,/End of search list./p' | sed '/search starts here\|End of search/d; s/^ *//')"
  local bad="" resolved=()
  while IFS= read -r d; do
    [ -z "$d" ] && continue
    local r; r="$(readlink -f "$d")"
    resolved+=("$r")
    case "$r" in /usr/include|/usr/local/include) bad="$bad $r" ;; esac
  done <<< "$final"
  if [ -z "$bad" ]; then
    pass
    notes+=("- $cpu include search list, resolved (no /usr/include; Debian keeps newlib's headers in /usr/include/newlib): $(printf '%s ' "${resolved[@]}" | sed "s|$root/||g; s| \$||")")
    return 0
  fi
  fail "$cpu: the include search list contains$bad"
  return 1
}

# measure CPU ID SOURCE: compiles (with stack info) and links; sets elf, obj, log.
measure() {
  local cpu="$1" id="$2" source="$3"
  local flags=(${cpu_flags[$cpu]})
  obj="$build/$cpu/$id.o" elf="$build/$cpu/$id.elf" log="$build/$cpu/$id.log"
  mkdir -p "$build/$cpu"
  "$cxx" "${flags[@]}" "${common_flags[@]}" "${inc_flags[@]}" "${stack_flags[@]}" -c "$source" -o "$obj" >"$log" 2>&1 &&
    "$cxx" "${flags[@]}" "${common_flags[@]}" "${inc_flags[@]}" "$obj" -o "$elf" >>"$log" 2>&1
}

flash_of() { "$size" -B "$1" | awk 'NR == 2 { print $1 + $2 }'; }
# Bytes of the program's own input data (extern "C" footprint_* objects).
inputs_of() {
  local total=0 value bytes type symbol
  while read -r value bytes type symbol; do
    [[ "$symbol" == footprint_* ]] && total=$((total + 16#$bytes))
  done < <("$nm" -S "$1")
  echo "$total"
}

for cpu in "${cpus[@]}"; do
  include_flags "$cpu" || true
  if ! measure "$cpu" empty footprint/empty.cpp; then
    fail "$cpu: empty main: build failed: $(first_error "$log")"
    rows+=("| empty main (baseline) | $cpu | — | — | | — | | — | | FAIL: $(first_error "$log") |")
    baseline=""
  else
    pass
    baseline="$(flash_of "$elf")"
    rows+=("| empty main (baseline) | $cpu | $baseline (absolute) | $(kib "$baseline") | | — | | — | | baseline |")
  fi

  for entry in "${programs[@]}"; do
    IFS='|' read -r id source label budget_var stack_budgeted double_checked <<< "$entry"
    name="$label"
    flash_budget="" stack_budget=""
    if [ "$cpu" = cortex-m4 ]; then
      [ -n "$budget_var" ] && flash_budget="${!budget_var}"
      [ "$stack_budgeted" = 1 ] && stack_budget="$BUDGET_STACK"
    fi
    if [ "$id" = sign_sha1 ]; then
      # (Captured first: grep -q closing the pipe early would fail the pipeline under pipefail.)
      macros="$("$cxx" ${cpu_flags[$cpu]} "${common_flags[@]}" "${inc_flags[@]}" -dM -E "$source" 2>/dev/null)"
      grep -q '^#define FOOTPRINT_ONE_HASH_SIGNER 1' <<< "$macros" || name="$label (no sha1_signer yet)"
    fi
    fb="${flash_budget:+≤ $flash_budget}" sb="${stack_budget:+≤ $stack_budget}"
    if [ -z "$baseline" ] || ! measure "$cpu" "$id" "$source"; then
      why="$( [ -z "$baseline" ] && echo "no baseline" || echo "build failed: $(first_error "$log")")"
      fail "$label on $cpu: $why"
      rows+=("| $name | $cpu | — | — | $fb | — | $sb | — | | FAIL: $why |")
      continue
    fi
    problems=()
    inputs="$(inputs_of "$elf")"
    flash=$(( $(flash_of "$elf") - baseline - inputs ))
    [ -n "$flash_budget" ] && [ "$flash" -gt "$flash_budget" ] && problems+=("flash $flash > $flash_budget")

    stack_line="$(python3 scripts/stack_depth.py --external-bytes "$EXTERNAL_CALL_BYTES" --elf "$elf" \
      "${INDIRECT_CALLS[@]/#/--indirect=}" "${obj%.o}.ci")"
    IFS=$'\t' read -r kind stack path reason <<< "$stack_line"
    case "$kind" in
      bounded)
        stack_cell="$stack"
        [ -n "$stack_budget" ] && [ "$stack" -gt "$stack_budget" ] && problems+=("stack $stack > $stack_budget")
        paths+=("- $name, $cpu: $stack B: $path") ;;
      unbounded)
        stack_cell="unbounded (≥ $stack)"
        [ -n "$stack_budget" ] && problems+=("stack unbounded")
        paths+=("- $name, $cpu: unbounded, $stack B without it: $path. Unbounded: $reason") ;;
      *)
        stack_cell="?"
        problems+=("no stack information: $path")
        paths+=("- $name, $cpu: no stack information: $reason") ;;
    esac

    double_cell=""
    if [ "$cpu" = cortex-m0 ] && [ "$double_checked" = 1 ]; then
      doubles="$("$nm" -P "$elf" | awk '{ print $1 }' | grep -E '^(__aeabi_d|__.*df)' | LC_ALL=C sort -u | tr '\n' ' ' | sed 's/ $//')"
      if [ -z "$doubles" ]; then
        double_cell="none"
      else
        double_cell="$(wc -w <<< "$doubles") linked"
        callers="$(python3 scripts/stack_depth.py --callers-of '^(__aeabi_d|__.*df)' "${obj%.o}.ci" | paste -sd, - | sed 's/,/, /g')"
        problems+=("$(wc -w <<< "$doubles") double routines linked${callers:+, called from $callers}")
        doubles_notes+=("- $name: $doubles; called from ${callers:-(no caller found in the call graph)}")
      fi
    fi

    if [ "${#problems[@]}" -eq 0 ]; then
      pass
      if [ -n "$flash_budget$stack_budget" ]; then
        result="pass"
      elif [ -n "$double_cell" ]; then
        result="pass (builds, no double routine; no budget on $cpu)"
      else
        result="pass (builds; no budget yet)"
      fi
    else
      result="FAIL: $(IFS=';'; echo "${problems[*]}" | sed 's/;/; /g')"
      fail "$label on $cpu: $(IFS=';'; echo "${problems[*]}" | sed 's/;/; /g')"
    fi
    rows+=("| $name | $cpu | $flash | $(kib "$flash") | $fb | $stack_cell | $sb | ${double_cell:-—} | $inputs | $result |")
  done
done
if [ -n "$not_yet" ]; then
  IFS='|' read -r label why <<< "$not_yet"
  rows+=("| $label | — | — | — | | — | | — | | $why |")
fi

report() {
  echo "| program | CPU | flash (B) | flash (KiB) | flash budget | stack (B) | stack budget | double routines (M0) | of which inputs (B) | result |"
  echo "|---|---|---:|---:|---|---:|---|---|---:|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "Flash is text+data of the linked ELF minus the empty main's (same startup code and libraries), in bytes;"
  echo "the program's own input data (last column) is left out. Stack is the deepest call path from main"
  echo "(scripts/stack_depth.py over -fcallgraph-info=su); a call into library code without stack information"
  echo "(newlib, libgcc, libstdc++) is charged $EXTERNAL_CALL_BYTES B or, when larger, its depth estimated from the ELF's"
  echo "disassembly. Budgets apply on Cortex-M4 only; unbounded fails only where a stack budget applies."
  echo
  echo "Worst stack paths (frame bytes in parentheses):"
  echo
  printf '%s\n' "${paths[@]}"
  if [ "${#doubles_notes[@]}" -gt 0 ]; then
    echo
    echo "Soft-float double routines linked on Cortex-M0:"
    echo
    printf '%s\n' "${doubles_notes[@]}"
  fi
  echo
  echo "Toolchain: $("$cxx" --version | head -n 1)."
  echo "Flags: \`${cpu_flags[cortex-m4]}\` or \`${cpu_flags[cortex-m0]}\`, then \`${common_flags[*]}\`"
  echo "(compiled with \`${stack_flags[*]}\` too)."
  printf '%s\n' "${notes[@]}"
}

report
if [ "$write" -eq 1 ]; then
  {
    echo "<!-- Generated by scripts/footprint.sh --write; do not edit. -->"
    echo
    report
  } > footprint/latest.md
  echo
  echo "footprint: wrote footprint/latest.md"
fi
echo
if [ "${#failures[@]}" -gt 0 ]; then
  echo "footprint: failed:"
  printf '  %s\n' "${failures[@]}"
fi
echo "footprint: $passed passed, $failed failed"
[ -n "$counts_file" ] && echo "$passed $failed" > "$counts_file"
[ "$failed" -eq 0 ]
