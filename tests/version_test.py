#!/usr/bin/env python3
"""Release hygiene: one version everywhere. Checks that
include/tcvod/version.hpp (TCVOD_VERSION_MAJOR/MINOR/PATCH/STRING), the
meson project version, the Conan recipe's version, the Meson wrap's release
tag, the CHANGELOG's newest release and the top-level CMakeLists.txt (which
reads version.hpp: a literal version there must agree too) all name the same
version.

Usage: version_test.py SOURCE_ROOT MESON_PROJECT_VERSION"""
import pathlib
import re
import sys


def read(root, path):
    return (root / path).read_text(encoding="utf-8")


def header_version(text):
    parts = []
    for name in ("MAJOR", "MINOR", "PATCH"):
        m = re.search(r"^#define TCVOD_VERSION_%s (\d+)$" % name, text, re.M)
        if not m:
            raise ValueError("TCVOD_VERSION_%s is missing" % name)
        parts.append(m.group(1))
    return ".".join(parts)


def cmake_version(root, header):
    """The version CMakeLists.txt gives project(): a literal, or the one it
    reads from version.hpp with its own regular expression."""
    text = read(root, "CMakeLists.txt")
    project = re.search(r"^project\(tcvod VERSION (\S+)", text, re.M)
    if not project:
        return None
    if re.fullmatch(r"\d+\.\d+\.\d+", project.group(1)):
        return project.group(1)
    if "include/tcvod/version.hpp" not in text:
        return None
    # CMakeLists.txt: file(STRINGS ... REGEX "^#define TCVOD_VERSION_STRING \"[0-9]+\\.[0-9]+\\.[0-9]+\"$")
    line = re.search(r'^#define TCVOD_VERSION_STRING "([0-9]+\.[0-9]+\.[0-9]+)"$', header, re.M)
    return line and line.group(1)


def main():
    root, meson_version = pathlib.Path(sys.argv[1]), sys.argv[2]
    header = read(root, "include/tcvod/version.hpp")
    string = re.search(r'^#define TCVOD_VERSION_STRING "([^"]*)"$', header, re.M)
    recipe = re.search(r'^\s+version = "([^"]*)"$', read(root, "conan/conanfile.py"), re.M)
    wrap = re.search(r"^revision = v(\S+)$",
                     read(root, "tests/consumers/meson_subproject/subprojects/tcvod.wrap"), re.M)
    cmake = cmake_version(root, header)
    changelog = re.search(r"^## \[?(\d+\.\d+\.\d+)\]?", read(root, "CHANGELOG.md"), re.M)

    found = {
        "meson.build project()": meson_version,
        "version.hpp MAJOR.MINOR.PATCH": header_version(header),
        "version.hpp TCVOD_VERSION_STRING": string and string.group(1),
        "conan/conanfile.py version": recipe and recipe.group(1),
        "tcvod.wrap revision (v<version>)": wrap and wrap.group(1),
        "CHANGELOG.md newest release": changelog and changelog.group(1),
        "CMakeLists.txt project(tcvod VERSION)": cmake,
    }
    failures = [f"{where}: {value or 'not found'}" for where, value in found.items() if value != meson_version]
    for where, value in found.items():
        print(f"{'ok  ' if value == meson_version else 'FAIL'} {where}: {value}")
    if failures:
        print(f"version mismatch: expected {meson_version} everywhere", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
