// The requests, credentials and helpers every benchmark shares.
#ifndef TCVOD_BENCH_FIXTURES_HPP
#define TCVOD_BENCH_FIXTURES_HPP

#include "alloc_count.hpp"

#include "tcvod/crypto/sha1.hpp"
#include "tcvod/crypto/sha256.hpp"
#include "tcvod/model.hpp"
#include "tcvod/sign.hpp"

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace tcvod_bench {

// The documentation's published example credentials: nothing secret.
inline constexpr std::string_view secret_id = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA";
inline constexpr std::string_view secret_key = "Gu5t9xGARNpq86cd98joQYCN3Cozk1qA";

inline tcvod::common_parameters bench_common() {
    tcvod::common_parameters c;
    c.region = "gz";
    c.timestamp = 1700000000;
    c.nonce = 2112345678;
    c.secret_id = std::string(secret_id);
    return c;
}

/// The two hash backends, measured side by side in every run (the
/// benchmarks are built with TCVOD_CRYPTO_OPENSSL, so both exist in one
/// program): the built-in core as a default build has it (SHA-NI chosen at
/// run time where the CPU has it) and OpenSSL's libcrypto.
using builtin_signer = tcvod::basic_signer<true, true, tcvod::crypto::software_sha1, tcvod::crypto::software_sha256>;
using openssl_signer = tcvod::basic_signer<true, true, tcvod::crypto::openssl_sha1, tcvod::crypto::openssl_sha256>;

/// A MultiFile request with `entries` clips: 20-digit file IDs (as VOD
/// issues them), whole-second offsets, and a procedure name that needs
/// percent-encoding (parentheses and commas), like the console's presets.
inline tcvod::run_procedure_request multi_file_request(std::size_t entries) {
    tcvod::run_procedure_request r;
    r.type = tcvod::input_type::multi_file;
    r.procedure = "QCVB_SimpleProcessFile(1,1,10,10)";
    r.notify = tcvod::notify_mode::finish;
    r.file_list.resize(entries);
    for (std::size_t i = 0; i < entries; ++i) {
        auto& clip = r.file_list[i];
        clip.id = "5285890" + std::to_string(7988791000000ULL + 7919ULL * i);
        auto start = static_cast<std::int64_t>((i * 37) % 3600);
        clip.start_time_offset = start;
        clip.end_time_offset = start + 30 + static_cast<std::int64_t>(i % 7);
    }
    return r;
}

/// Sets `allocs_per_op` from the allocations counted since `start`.
inline void report_allocations(benchmark::State& state, std::uint64_t start) {
    state.counters["allocs_per_op"] =
        benchmark::Counter(static_cast<double>(allocation_count() - start), benchmark::Counter::kAvgIterations);
}

/// One self-check run by main before any benchmark: a floor or peer that
/// does not produce the same result would make its ratio meaningless.
struct check_failure {
    std::string what;
};

}  // namespace tcvod_bench

#endif
