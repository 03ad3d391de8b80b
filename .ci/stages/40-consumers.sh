#!/usr/bin/env bash
# Packaging: `meson install` into a scratch prefix, then every way a user
# consumes tcvod, each built from nothing and run, each one test. "core"
# consumers link tcvod::core / tcvod-core.pc / dependency('tcvod-core') only,
# build tests/consumers/core_consumer.cpp (sign, verify, decode: no simdjson,
# fmt or Boost include) and are set up so that those libraries cannot be found;
# "full" ones link tcvod::tcvod / tcvod.pc / dependency('tcvod') and build
# consumer.cpp (also responses through simdjson and logging through fmt):
#   meson install (headers, tcvod{,-core,-json,-fmt,-openssl,-boost_url}.pc,
#     CMake package config), with and without the OpenSSL backend
#   a git mirror of the tree (tracked and new files, tagged v<version>): the
#     Meson wrap and FetchContent clone it
#   Meson subproject through its wrap: core (pkg-config, CMake and Boost
#     blind: simdjson and fmt are not found) and full
#   pkg-config with a plain compiler command: core (only the prefix's .pc
#     files visible; tcvod-core.pc must require nothing) and full
#   CMake find_package(tcvod COMPONENTS core) with
#     CMAKE_DISABLE_FIND_PACKAGE_{Boost,simdjson,fmt,OpenSSL}, and
#     find_package(tcvod) -> tcvod::tcvod
#   CMake add_subdirectory and FetchContent (CMakeLists.txt): core, with
#     Boost, simdjson and fmt disabled; only INTERFACE targets, no installs
#   plain vendoring: include/ copied, -fno-exceptions -fno-rtti: core with -I
#     alone; full with -DTCVOD_USE_BOOST_URL, gcc with libboost_url and clang
#     compiling Boost.URL from source
#   Conan 2: offline against Debian's libraries (conan/profiles/debian-system):
#     `conan graph info` asserts which packages each option set pulls in, then
#     `conan create` with every option off (core only) and with every one on
# Nothing is cached across runs: the scratch directory is rebuilt each time.
set -uo pipefail
cd "$TCVOD_ROOT" || exit 1
work="$PWD/build-ci/consumers"
prefix="$work/prefix"
rm -rf "$work"
mkdir -p "$work"
stage_start=$SECONDS
passed=0 failed=0

# check NAME COMMAND...: runs the command with its output in NAME.log; the
# last line of a passing run is the consumer's own report.
check() {
  local name="$1" start=$SECONDS
  shift
  if "$@" >"$work/$name.log" 2>&1; then
    passed=$((passed + 1))
    echo "PASS $name ($((SECONDS - start)) s): $(tail -n 1 "$work/$name.log")"
  else
    failed=$((failed + 1))
    echo "FAIL $name ($((SECONDS - start)) s)"
    tail -n 40 "$work/$name.log"
  fi
}

# meson_install PREFIX [MESON_OPTION...]
meson_install() {
  local to="$1" pc
  shift
  meson setup "$to-build" --prefix="$to" -Dtests=false -Dtools=false "$@" &&
    meson install -C "$to-build" &&
    test -f "$to/include/tcvod/encode.hpp" &&
    test -f "$to/share/cmake/tcvod/tcvodConfig.cmake" &&
    test -f "$to/share/cmake/tcvod/tcvodConfigVersion.cmake" &&
    for pc in tcvod tcvod-core tcvod-json tcvod-fmt tcvod-openssl tcvod-boost_url; do
      test -f "$to/share/pkgconfig/$pc.pc" || { echo "$pc.pc is missing"; return 1; }
    done &&
    echo "installed $(cd "$to" && find . -type f | wc -l) files into a scratch prefix"
}

project_version() {
  meson introspect --projectinfo "$prefix-build" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["version"])'
}

# A git mirror of the tree as it would be committed (tracked and new,
# not-ignored files from the working tree), tagged v<version> like a release:
# the Meson wrap and FetchContent clone it.
git_mirror() {
  local version
  version="$(project_version)" || return 1
  mkdir -p "$snapshot" &&
    git ls-files -z --cached --others --exclude-standard |
    tar --null --ignore-failed-read -T - -cf - | tar -xf - -C "$snapshot" &&
    git -C "$snapshot" init -q &&
    git -C "$snapshot" add -A &&
    git -C "$snapshot" -c user.name=ci -c user.email=ci@localhost commit -q -m "tcvod $version" &&
    git -C "$snapshot" tag "v$version" &&
    echo "tcvod $version: $(git -C "$snapshot" ls-files | wc -l) files, tagged v$version"
}

# meson_subproject NAME [core]: the consumer project with its wrap pointed
# at a bare clone of the mirror. core: pkg-config sees an empty directory,
# CMake is not there and BOOST_ROOT is empty, so tcvod's optional
# dependencies are all not found, and the core consumer must still configure.
meson_subproject() {
  local name="$1" core="${2:-}" consumers="$work/$1-src" version
  version="$(project_version)" || return 1
  cp -R tests/consumers "$consumers" &&
    git clone -q --bare "$snapshot" "$consumers/meson_subproject/subprojects/tcvod.git" || return 1
  if [ "$core" = core ]; then
    mkdir -p "$work/empty" &&
      printf "[binaries]\ncmake = 'false'\n" >"$work/no-cmake.ini" &&
      PKG_CONFIG_LIBDIR="$work/empty" PKG_CONFIG_PATH="" BOOST_ROOT="$work/empty" \
        meson setup "$work/$name" "$consumers/meson_subproject" -Dcore_only=true \
        --native-file "$work/no-cmake.ini" &&
      for dep in simdjson fmt; do
        grep -q "Run-time dependency $dep found: NO" "$work/$name/meson-logs/meson-log.txt" ||
          { echo "$dep was found: the check proves nothing"; return 1; }
      done || return 1
  else
    meson setup "$work/$name" "$consumers/meson_subproject" || return 1
  fi
  ninja -C "$work/$name" -j 2 &&
    { [ "$(meson introspect --installed "$work/$name")" = "{}" ] ||
      { echo "tcvod installs files when it is a subproject"; return 1; }; } &&
    "$work/$name/consumer" "meson subproject${core:+ (core, no simdjson or fmt found)} (wrap, tag v$version)"
}

# pkg_config_consumer PREFIX NAME [CXXFLAGS]: tcvod.pc
pkg_config_consumer() {
  PKG_CONFIG_PATH="$1/share/pkgconfig" CXX=g++ CXXFLAGS="${3:-}" \
    bash tests/consumers/pkg_config/build.sh "$work/$2" &&
    "$work/$2" "pkg-config tcvod (g++)"
}

# tcvod-core.pc with pkg-config seeing the prefix's .pc files only.
pkg_config_core() {
  PKG_CONFIG_LIBDIR="$prefix/share/pkgconfig" PKG_CONFIG_PATH="" CXX=g++ \
    bash tests/consumers/pkg_config/build.sh "$work/pkg-config-core" tcvod-core &&
    "$work/pkg-config-core" "pkg-config tcvod-core (g++, only tcvod's .pc files visible)"
}

# Core CMake consumers: none of tcvod's optional dependencies may be found.
no_deps=(-DCMAKE_DISABLE_FIND_PACKAGE_Boost=ON -DCMAKE_DISABLE_FIND_PACKAGE_simdjson=ON
  -DCMAKE_DISABLE_FIND_PACKAGE_fmt=ON -DCMAKE_DISABLE_FIND_PACKAGE_OpenSSL=ON)

# cmake_consumer PREFIX NAME COMPILER [CXXFLAGS]
# clang++ 14 defaults to C++14: with it, the build passes only if tcvod::tcvod
# asks for C++17.
cmake_consumer() {
  cmake -S tests/consumers/cmake_find_package -B "$work/$2" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CXX_COMPILER="$3" -DCMAKE_CXX_FLAGS="${4:-}" -DCMAKE_PREFIX_PATH="$1" &&
    grep -q "^tcvod_DIR:PATH=$1/share/cmake/tcvod$" "$work/$2/CMakeCache.txt" &&
    cmake --build "$work/$2" -j 2 &&
    "$work/$2/consumer" "CMake find_package tcvod::tcvod ($3)"
}

# find_package(tcvod COMPONENTS core) with every dependency disabled.
cmake_core() {
  cmake -S tests/consumers/cmake_find_package -B "$work/cmake-core" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_PREFIX_PATH="$prefix" -DTCVOD_CONSUMER_CORE_ONLY=ON "${no_deps[@]}" &&
    cmake --build "$work/cmake-core" -j 2 &&
    "$work/cmake-core/consumer" "CMake find_package(tcvod COMPONENTS core) (clang++, Boost, simdjson, fmt, OpenSSL disabled)"
}

# cmake_subproject NAME SOURCE_DIR DESCRIPTION CMAKE_ARG...: add_subdirectory
# or FetchContent, core only: tcvod must define INTERFACE targets only (no
# tcvod::json or tcvod::fmt here), add no install rule, and take its version
# from version.hpp (tests/consumers/cmake_core_checks.cmake).
cmake_subproject() {
  local name="$1" source="$2" what="$3"
  shift 3
  cmake -S "tests/consumers/$source" -B "$work/$name" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DTCVOD_CONSUMER_EXPECT_NO_DEPS=ON -DTCVOD_CONSUMER_EXPECT_VERSION="$(project_version)" "${no_deps[@]}" "$@" &&
    { ! grep -rq "file(INSTALL" --include=cmake_install.cmake "$work/$name" ||
      { echo "tcvod added install rules"; return 1; }; } &&
    cmake --build "$work/$name" -j 2 &&
    "$work/$name/consumer" "$what (Boost, simdjson, fmt disabled)"
}

vendoring_what() {
  case "$1" in
    core) echo "core: -I only" ;;
    lib) echo "-DTCVOD_USE_BOOST_URL, -lboost_url" ;;
    source) echo "-DTCVOD_USE_BOOST_URL, Boost.URL from source" ;;
  esac
}
vendoring_consumer() {
  local compiler="$1" boost_url="$2"
  CXX="$compiler" bash tests/consumers/vendoring/build.sh "$work/vendoring-$compiler-$boost_url" "$boost_url" &&
    "$work/vendoring-$compiler-$boost_url/consumer" "vendoring ($compiler, -fno-exceptions -fno-rtti, $(vendoring_what "$boost_url"))"
}

# Conan from PyPI in a scratch virtualenv and a scratch CONAN_HOME with the
# ConanCenter remote disabled: every requirement is a [platform_requires].
conan_version=2.34.0
conan_setup() {
  python3 -m venv "$work/venv" &&
    "$work/venv/bin/pip" install --quiet --disable-pip-version-check "conan==$conan_version" &&
    "$work/venv/bin/conan" profile detect &&
    "$work/venv/bin/conan" remote disable conancenter &&
    mkdir -p "$work/conan-src" &&
    cp -R conan include LICENSE "$work/conan-src/"
}
conan_ready() {
  if [ -z "${conan_setup_status:-}" ]; then
    wait "$conan_setup_pid"
    conan_setup_status=$?
    cat "$work/conan-setup.log"
  fi
  return "$conan_setup_status"
}
conan_profile=(--profile:host "$work/conan-src/conan/profiles/debian-system")

# conan_graph EXPECTED OPTION...: the host packages in the graph of tcvod with
# these options must be exactly EXPECTED (space-separated names).
conan_graph() {
  local expected="$1" got
  shift
  got="$("$work/venv/bin/conan" graph info "$work/conan-src/conan" "${conan_profile[@]}" "$@" --format=json |
    python3 -c 'import json, sys
nodes = json.load(sys.stdin)["graph"]["nodes"].values()
print(" ".join(sorted(n["ref"].split("/")[0] for n in nodes)))')" || return 1
  echo "conan graph info $*: $got"
  [ "$got" = "$expected" ] || { echo "expected: $expected"; return 1; }
}

# conan_create NAME OPTION...: `conan create` (its test_package builds what the options enable).
conan_create() {
  local name="$1"
  shift
  "$work/venv/bin/conan" create "$work/conan-src/conan" "${conan_profile[@]}" "$@" &&
    echo "conan $conan_version: conan create tcvod ($name: ${*:-defaults}) passed its test_package offline"
}

all_off=(-o "tcvod/*:with_json=False" -o "tcvod/*:with_fmt=False")
all_on=(-o "tcvod/*:with_openssl=True" -o "tcvod/*:with_boost_url=True")
conan_core() {
  conan_ready &&
    conan_graph "tcvod" "${all_off[@]}" &&
    conan_create "core only" "${all_off[@]}" -o "tcvod/*:with_openssl=False" -o "tcvod/*:with_boost_url=False"
}
conan_full() {
  conan_ready &&
    conan_graph "fmt simdjson tcvod" &&
    conan_graph "boost fmt openssl simdjson tcvod" "${all_on[@]}" &&
    conan_create "every component" "${all_on[@]}"
}

export CONAN_HOME="$work/conan-home"
# Installing Conan waits on the network, not the CPU: start it first.
conan_setup >"$work/conan-setup.log" 2>&1 &
conan_setup_pid=$!

snapshot="$work/snapshot"
check meson-install meson_install "$prefix"
check git-mirror git_mirror
check meson-subproject-core meson_subproject meson-core core
check meson-subproject meson_subproject meson-full
check pkg-config-core pkg_config_core
check pkg-config pkg_config_consumer "$prefix" pkg-config-consumer
check cmake-find-package-core cmake_core
check cmake-find-package cmake_consumer "$prefix" cmake-consumer clang++
check cmake-add-subdirectory-core cmake_subproject cmake-subdirectory cmake_subdirectory \
  "CMake add_subdirectory tcvod::core" -DTCVOD_SOURCE_DIR="$snapshot"
check cmake-fetchcontent-core cmake_subproject cmake-fetchcontent cmake_fetchcontent \
  "CMake FetchContent tcvod::core" -DTCVOD_GIT_REPOSITORY="file://$snapshot" -DTCVOD_GIT_TAG="v$(project_version)"
# Installed with the OpenSSL backend, the define and libcrypto must reach consumers.
expect_openssl=-DTCVOD_CONSUMER_EXPECT_OPENSSL
check meson-install-openssl meson_install "$work/prefix-openssl" -Dopenssl=true
check pkg-config-openssl pkg_config_consumer "$work/prefix-openssl" pkg-config-openssl "$expect_openssl"
check cmake-find-package-openssl cmake_consumer "$work/prefix-openssl" cmake-openssl g++ "$expect_openssl"
check vendoring-core vendoring_consumer g++ core
check vendoring-gcc vendoring_consumer g++ lib
check vendoring-clang vendoring_consumer clang++ source
check conan-core conan_core
check conan-full conan_full

echo "consumers: $passed of $((passed + failed)) passed in $((SECONDS - stage_start)) s"
echo "$passed $failed" >"$TCVOD_RESULTS_DIR/40-consumers.counts"
[ "$failed" -eq 0 ]
