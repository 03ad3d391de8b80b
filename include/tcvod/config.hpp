// Build configuration detected from the compiler, the way fmt and simdjson
// do it: exceptions are optional and never required by the core API.
#ifndef TCVOD_CONFIG_HPP
#define TCVOD_CONFIG_HPP

#include <cstdlib>

#include "tcvod/version.hpp"

#ifndef TCVOD_HAS_EXCEPTIONS
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS) || defined(_CPPUNWIND)
#define TCVOD_HAS_EXCEPTIONS 1
#else
#define TCVOD_HAS_EXCEPTIONS 0
#endif
#endif

#endif  // TCVOD_CONFIG_HPP
