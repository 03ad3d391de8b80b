#!/usr/bin/env bash
# clang-tidy with the checked-in .clang-tidy (warnings are errors) on the
# tool's sources and every library header: the headers are checked as the
# tool and the no-exception API test instantiate them (HeaderFilterRegex
# limits reports to include/tcvod and tools), plus one TU that includes
# every public header; then clang-format --dry-run --Werror over every C++
# file (.clang-format). Budget on 2 cores: about 2 minutes.
set -uo pipefail
cd "$TCVOD_ROOT"
build=build-ci/tidy
mkdir -p build-ci
rm -rf "$build"
counts="$TCVOD_RESULTS_DIR/24-clang-tidy.counts"
# Setup only: clang-tidy needs compile_commands.json, not a build.
CXX=clang++ meson setup "$build" -Dtests=false >"$build.log" 2>&1 || { cat "$build.log"; echo "0 1" > "$counts"; exit 1; }
all_headers="$build/all_headers.cpp"
{
  find include/tcvod -name '*.hpp' | LC_ALL=C sort | sed 's|^include/\(.*\)$|#include "\1"|'
  echo "int main() { return 0; }"
} > "$all_headers"

passed=0 failed=0
run() {  # name, clang-tidy arguments...
  local name="$1"; shift
  if clang-tidy --quiet "$@" > "$build/$name.log" 2>&1; then
    passed=$((passed + 1))
  else
    echo "24-clang-tidy: $name:"; grep -E "(warning|error):" "$build/$name.log" | grep -v "warnings generated" | head -40
    failed=$((failed + 1))
  fi
}
for source in tools/*.cpp; do
  run "$(basename "$source" .cpp)" -p "$build" "$source"
done
run all_headers "$all_headers" -- -std=c++17 -Iinclude
run no_exceptions_api tests/no_exceptions_test.cpp -- -std=c++17 -fno-exceptions -fno-rtti -Iinclude -Itests

# One code style (.clang-format, clang-format 14) on every C++ file of the project.
mapfile -t sources < <(git ls-files 'include/*.hpp' 'tools/*.cpp' 'tools/*.hpp' 'tests/*.cpp' 'tests/*.hpp' \
  'fuzz/*.cpp' 'fuzz/*.hpp' 'bench/*.cpp' 'bench/*.hpp' 'examples/*.cpp' 'examples/*.hpp' 'footprint/*.cpp' 'footprint/*.hpp')
if [ "${#sources[@]}" -gt 0 ] && clang-format --dry-run --Werror "${sources[@]}" > "$build/clang-format.log" 2>&1; then
  passed=$((passed + 1))
else
  echo "24-clang-tidy: clang-format finds ${#sources[@]} files not formatted (or none listed):"
  grep -E "error:" "$build/clang-format.log" | head -20
  failed=$((failed + 1))
fi
echo "24-clang-tidy: $passed clean, $failed with findings"
echo "$passed $failed" > "$counts"
[ "$failed" -eq 0 ]
