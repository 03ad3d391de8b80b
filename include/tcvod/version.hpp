#ifndef TCVOD_VERSION_HPP
#define TCVOD_VERSION_HPP

// Kept in sync with meson.build and conan/conanfile.py by tests/version_test.
#define TCVOD_VERSION_MAJOR 0
#define TCVOD_VERSION_MINOR 1
#define TCVOD_VERSION_PATCH 0
#define TCVOD_VERSION_STRING "0.1.0"

#endif  // TCVOD_VERSION_HPP
