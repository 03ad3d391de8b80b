#!/usr/bin/env bash
# Packaging: `meson install` into a scratch prefix, then every way a user
# consumes tcvod, each built from nothing and run, each one test:
#   meson install (headers, tcvod.pc, CMake package config), with and without
#     the OpenSSL backend, each used through pkg-config and CMake
#   Meson subproject through its wrap (a git mirror of this tree, tagged)
#   pkg-config with a plain compiler command
#   CMake find_package(tcvod) -> tcvod::tcvod
#   plain vendoring: include/ copied, -fno-exceptions -fno-rtti, gcc with
#     libboost_url and clang compiling Boost.URL from source
#   Conan 2: conan create offline against Debian's libraries
#     (conan/profiles/debian-system), and the test_package with_openssl=True
# Nothing is cached across runs: the scratch directory is rebuilt each time.
set -uo pipefail
cd "$TCVOD_ROOT"
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
  local to="$1"
  shift
  meson setup "$to-build" --prefix="$to" -Dtests=false -Dtools=false "$@" &&
    meson install -C "$to-build" &&
    test -f "$to/include/tcvod/encode.hpp" &&
    test -f "$to/share/pkgconfig/tcvod.pc" &&
    test -f "$to/share/cmake/tcvod/tcvodConfig.cmake" &&
    test -f "$to/share/cmake/tcvod/tcvodConfigVersion.cmake" &&
    echo "installed $(cd "$to" && find . -type f | wc -l) files into a scratch prefix"
}

project_version() {
  meson introspect --projectinfo "$prefix-build" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["version"])'
}

# The wrap clones subprojects/tcvod.git at tag v<version>: make that mirror
# from the tracked files as they are in the working tree.
meson_subproject() {
  local consumers="$work/consumers" snapshot="$work/snapshot" version
  version="$(project_version)" || return 1
  cp -R tests/consumers "$consumers" &&
    mkdir -p "$snapshot" &&
    git ls-files -z | tar --null --ignore-failed-read -T - -cf - | tar -xf - -C "$snapshot" &&
    git -C "$snapshot" init -q &&
    git -C "$snapshot" add -A &&
    git -C "$snapshot" -c user.name=ci -c user.email=ci@localhost commit -q -m "tcvod $version" &&
    git -C "$snapshot" tag "v$version" &&
    git clone -q --bare "$snapshot" "$consumers/meson_subproject/subprojects/tcvod.git" &&
    meson setup "$work/meson-consumer" "$consumers/meson_subproject" &&
    ninja -C "$work/meson-consumer" -j 2 &&
    { [ "$(meson introspect --installed "$work/meson-consumer")" = "{}" ] ||
      { echo "tcvod installs files when it is a subproject"; return 1; }; } &&
    "$work/meson-consumer/consumer" "meson subproject (wrap, tag v$version)"
}

# pkg_config_consumer PREFIX NAME [CXXFLAGS]
pkg_config_consumer() {
  PKG_CONFIG_PATH="$1/share/pkgconfig" CXX=g++ CXXFLAGS="${3:-}" \
    bash tests/consumers/pkg_config/build.sh "$work/$2" &&
    "$work/$2" "pkg-config (g++)"
}

# cmake_consumer PREFIX NAME COMPILER [CXXFLAGS]
# clang++ 14 defaults to C++14: with it, the build passes only if tcvod::tcvod
# asks for C++17.
cmake_consumer() {
  cmake -S tests/consumers/cmake_find_package -B "$work/$2" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CXX_COMPILER="$3" -DCMAKE_CXX_FLAGS="${4:-}" -DCMAKE_PREFIX_PATH="$1" &&
    grep -q "^tcvod_DIR:PATH=$1/share/cmake/tcvod$" "$work/$2/CMakeCache.txt" &&
    cmake --build "$work/$2" -j 2 &&
    "$work/$2/consumer" "CMake find_package ($3)"
}

vendoring_consumer() {
  local compiler="$1" boost_url="$2"
  CXX="$compiler" bash tests/consumers/vendoring/build.sh "$work/vendoring-$compiler" "$boost_url" &&
    "$work/vendoring-$compiler/consumer" "vendoring ($compiler, -fno-exceptions -fno-rtti, Boost.URL $boost_url)"
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
conan_create() {
  wait "$conan_setup_pid"
  local setup_status=$?
  cat "$work/conan-setup.log"
  [ "$setup_status" -eq 0 ] &&
    "$work/venv/bin/conan" create "$work/conan-src/conan" \
      --profile:host "$work/conan-src/conan/profiles/debian-system" &&
    "$work/venv/bin/conan" list "tcvod/*:*" | tail -n 12 &&
    echo "conan $conan_version: conan create tcvod passed its test_package offline"
}
conan_openssl() {
  local version
  version="$(project_version)" || return 1
  "$work/venv/bin/conan" test "$work/conan-src/conan/test_package" "tcvod/$version" \
    --profile:host "$work/conan-src/conan/profiles/debian-system" -o "tcvod/*:with_openssl=True" &&
    echo "conan: test_package passed with tcvod/*:with_openssl=True"
}

export CONAN_HOME="$work/conan-home"
# Installing Conan waits on the network, not the CPU: start it first.
conan_setup >"$work/conan-setup.log" 2>&1 &
conan_setup_pid=$!

check meson-install meson_install "$prefix"
check meson-subproject meson_subproject
check pkg-config pkg_config_consumer "$prefix" pkg-config-consumer
check cmake-find-package cmake_consumer "$prefix" cmake-consumer clang++
# Installed with the OpenSSL backend, the define and libcrypto must reach consumers.
expect_openssl=-DTCVOD_CONSUMER_EXPECT_OPENSSL
check meson-install-openssl meson_install "$work/prefix-openssl" -Dopenssl=true
check pkg-config-openssl pkg_config_consumer "$work/prefix-openssl" pkg-config-openssl "$expect_openssl"
check cmake-find-package-openssl cmake_consumer "$work/prefix-openssl" cmake-openssl g++ "$expect_openssl"
check vendoring-gcc vendoring_consumer g++ lib
check vendoring-clang vendoring_consumer clang++ source
check conan-create conan_create
check conan-with-openssl conan_openssl

echo "consumers: $passed of $((passed + failed)) passed in $((SECONDS - stage_start)) s"
echo "$passed $failed" >"$TCVOD_RESULTS_DIR/40-consumers.counts"
[ "$failed" -eq 0 ]
