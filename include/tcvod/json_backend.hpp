// Picks the JSON backend of response.hpp and events.hpp:
// simdjson On-Demand where it is available and the target is
// little-endian, else the library's own portable parser. Define
// TCVOD_NO_SIMDJSON to use the portable parser everywhere (no simdjson
// to build or link). Both give the same results on every input.
#ifndef TCVOD_JSON_BACKEND_HPP
#define TCVOD_JSON_BACKEND_HPP

#include "tcvod/json_read.hpp"

#if !defined(TCVOD_NO_SIMDJSON)
#if defined(__has_include)
#if !__has_include(<simdjson.h>)
#define TCVOD_NO_SIMDJSON 1
#endif
#endif
#endif

// simdjson assumes a little-endian target (on s390x it aborts).
#if !defined(TCVOD_NO_SIMDJSON) && defined(__BYTE_ORDER__) && defined(__ORDER_BIG_ENDIAN__)
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define TCVOD_NO_SIMDJSON 1
#endif
#endif

#include "tcvod/json/portable_backend.hpp"
#if !defined(TCVOD_NO_SIMDJSON)
#include "tcvod/json/simdjson_backend.hpp"
#endif

namespace tcvod {
inline namespace v1 {
namespace detail {

#if defined(TCVOD_NO_SIMDJSON)
using default_json_backend = portable_json_backend;
#else
using default_json_backend = simdjson_backend;
#endif

}  // namespace detail
}  // namespace v1
}  // namespace tcvod

#endif  // TCVOD_JSON_BACKEND_HPP
