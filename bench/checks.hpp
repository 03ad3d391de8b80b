// Self-checks that main runs before any benchmark: each floor, naive
// version and peer must produce what the library produces, or its ratio
// would compare different work. Each returns an empty string or a problem.
#ifndef TCVOD_BENCH_CHECKS_HPP
#define TCVOD_BENCH_CHECKS_HPP

#include <string>

namespace tcvod_bench {

std::string check_encode();
std::string check_decode_query();
std::string check_response();
std::string check_event();

}  // namespace tcvod_bench

#endif
