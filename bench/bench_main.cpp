// tcvod_bench: counts allocations from the very first one, checks that
// every floor, naive version and peer computes what the library computes,
// then runs Google Benchmark as usual (all its flags apply).
#include "alloc_count.hpp"
#include "checks.hpp"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>

int main(int argc, char** argv) {
    if (!tcvod_bench::count_openssl_allocations()) {
        std::fprintf(stderr, "tcvod_bench: cannot install the OpenSSL allocation counter\n");
        return 1;
    }
    for (auto check : {tcvod_bench::check_encode, tcvod_bench::check_decode_query, tcvod_bench::check_response,
                       tcvod_bench::check_event}) {
        std::string problem = check();
        if (!problem.empty()) {
            std::fprintf(stderr, "tcvod_bench: self-check failed: %s\n", problem.c_str());
            return 1;
        }
    }
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
