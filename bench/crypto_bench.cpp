// BM_sha1, BM_sha256, BM_hmac_sha1 and BM_hmac_sha256 over 64-byte, 300-byte,
// 4 KiB and 64 KiB messages, each several ways in the same run: the portable
// fast compression (rounds unrolled), the small one (rounds in a loop; what
// -Os selects), the SHA instruction one (`hw`: SHA-NI or ARMv8, skipped on a
// CPU without them), the dispatching class that -O2 x86-64 builds use by
// default (`dispatch`: it asks the CPU once per object constructed, and for
// the hashes one is constructed per message, so the question is timed too)
// and OpenSSL EVP (SHA-NI where the CPU has it; bench/run runs the `fast` and
// `openssl` ones a second time with OPENSSL_ia32cap=":~0x20000000", which
// hides the SHA extensions from OpenSSL). HMAC reuses a keyed
// state as a signer does: the library copies a keyed hmac<>, OpenSSL
// re-initializes its EVP_MAC_CTX without a key, which restores the keyed
// state. Each OpenSSL benchmark first checks that it computes what the
// library computes.
#include "fixtures.hpp"

#include "tcvod/crypto/hmac.hpp"
#include "tcvod/crypto/sha1.hpp"
#include "tcvod/crypto/sha256.hpp"

#include <openssl/core_names.h>
#include <openssl/evp.h>

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <type_traits>

namespace tcvod_bench {
namespace {

namespace crypto = tcvod::crypto;

void message_sizes(benchmark::internal::Benchmark* b) { b->Arg(64)->Arg(300)->Arg(4096)->Arg(65536); }

std::string message_for(const benchmark::State& state) {
    std::string message(static_cast<std::size_t>(state.range(0)), '\0');
    for (std::size_t i = 0; i < message.size(); ++i) message[i] = static_cast<char>((i * 131 + 7) & 0xFF);
    return message;
}

void report_bytes(benchmark::State& state, const std::string& message) {
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(message.size()));
}

// OpenSSL names the digest the library class computes.
template <class Hash>
constexpr const char* openssl_digest_name() {
    return Hash::digest_size == 20 ? "SHA1" : "SHA256";
}

template <class Hash>
typename Hash::result_type library_hmac(const std::string& message) {
    crypto::hmac<Hash> mac(secret_key.data(), secret_key.size());
    mac.update(message.data(), message.size());
    return mac.result();
}

struct openssl_free {
    void operator()(EVP_MD* md) const noexcept { EVP_MD_free(md); }
    void operator()(EVP_MD_CTX* context) const noexcept { EVP_MD_CTX_free(context); }
    void operator()(EVP_MAC* mac) const noexcept { EVP_MAC_free(mac); }
    void operator()(EVP_MAC_CTX* context) const noexcept { EVP_MAC_CTX_free(context); }
};

// ------------------------------------------------------------------ library

// Whether Hash can run on this CPU: the SHA instruction classes need them.
template <class Hash>
bool runs_here() {
#if TCVOD_CRYPTO_HARDWARE_SHA
    if (std::is_same<Hash, crypto::hardware_sha1>::value || std::is_same<Hash, crypto::hardware_sha256>::value)
        return crypto::detail::cpu_has_sha_instructions();
#endif
    return true;
}

template <class Hash>
void BM_library_hash(benchmark::State& state) {
    const std::string message = message_for(state);
    if (!runs_here<Hash>()) {
        state.SkipWithError("this CPU has no SHA instructions");
        return;
    }
    const auto allocations = allocation_count();
    for (auto _ : state) {
        Hash hash;
        hash.update(message.data(), message.size());
        auto digest = hash.result();
        benchmark::DoNotOptimize(digest);
    }
    report_allocations(state, allocations);
    report_bytes(state, message);
}

template <class Hash>
void BM_library_hmac(benchmark::State& state) {
    const std::string message = message_for(state);
    if (!runs_here<Hash>()) {
        state.SkipWithError("this CPU has no SHA instructions");
        return;
    }
    const crypto::hmac<Hash> keyed(secret_key.data(), secret_key.size());
    const auto allocations = allocation_count();
    for (auto _ : state) {
        crypto::hmac<Hash> mac = keyed;
        mac.update(message.data(), message.size());
        auto tag = mac.result();
        benchmark::DoNotOptimize(tag);
    }
    report_allocations(state, allocations);
    report_bytes(state, message);
}

// ------------------------------------------------------------------ OpenSSL

// Hash is the library class whose digest OpenSSL must reproduce.
template <class Hash>
void BM_openssl_hash(benchmark::State& state) {
    const std::string message = message_for(state);
    // Fetched once: an implicit fetch per EVP_DigestInit_ex would be timed too.
    const std::unique_ptr<EVP_MD, openssl_free> md(EVP_MD_fetch(nullptr, openssl_digest_name<Hash>(), nullptr));
    const std::unique_ptr<EVP_MD_CTX, openssl_free> context(EVP_MD_CTX_new());
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digest_size = 0;
    auto hash = [&] {
        return EVP_DigestInit_ex(context.get(), md.get(), nullptr) == 1 &&
               EVP_DigestUpdate(context.get(), message.data(), message.size()) == 1 &&
               EVP_DigestFinal_ex(context.get(), digest, &digest_size) == 1;
    };
    Hash reference;
    reference.update(message.data(), message.size());
    const auto expected = reference.result();
    if (!md || !context || !hash() || digest_size != expected.size() ||
        std::memcmp(digest, expected.data(), digest_size) != 0) {
        state.SkipWithError("OpenSSL digest differs from the library's");
        return;
    }
    const auto allocations = allocation_count();
    for (auto _ : state) {
        hash();
        benchmark::DoNotOptimize(digest);
        benchmark::ClobberMemory();
    }
    report_allocations(state, allocations);
    report_bytes(state, message);
}

template <class Hash>
void BM_openssl_hmac(benchmark::State& state) {
    const std::string message = message_for(state);
    const std::unique_ptr<EVP_MAC, openssl_free> mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr));
    const std::unique_ptr<EVP_MAC_CTX, openssl_free> context(mac ? EVP_MAC_CTX_new(mac.get()) : nullptr);
    std::string digest_name = openssl_digest_name<Hash>();
    const OSSL_PARAM parameters[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, &digest_name[0], 0),
                                     OSSL_PARAM_construct_end()};
    const auto* key = reinterpret_cast<const unsigned char*>(secret_key.data());
    unsigned char tag[EVP_MAX_MD_SIZE];
    std::size_t tag_size = 0;
    // A null key keeps the key set at first and restarts from the keyed state.
    auto sign = [&] {
        return EVP_MAC_init(context.get(), nullptr, 0, nullptr) == 1 &&
               EVP_MAC_update(context.get(), reinterpret_cast<const unsigned char*>(message.data()), message.size()) ==
                   1 &&
               EVP_MAC_final(context.get(), tag, &tag_size, sizeof tag) == 1;
    };
    const auto expected = library_hmac<Hash>(message);
    if (!context || EVP_MAC_init(context.get(), key, secret_key.size(), parameters) != 1 || !sign() ||
        tag_size != expected.size() || std::memcmp(tag, expected.data(), tag_size) != 0) {
        state.SkipWithError("OpenSSL HMAC differs from the library's");
        return;
    }
    const auto allocations = allocation_count();
    for (auto _ : state) {
        sign();
        benchmark::DoNotOptimize(tag);
        benchmark::ClobberMemory();
    }
    report_allocations(state, allocations);
    report_bytes(state, message);
}

}  // namespace

BENCHMARK_TEMPLATE(BM_library_hash, crypto::fast_sha1)->Name("BM_sha1/fast")->Apply(message_sizes);
BENCHMARK_TEMPLATE(BM_library_hash, crypto::small_sha1)->Name("BM_sha1/small")->Apply(message_sizes);
#if TCVOD_CRYPTO_HARDWARE_SHA
BENCHMARK_TEMPLATE(BM_library_hash, crypto::hardware_sha1)->Name("BM_sha1/hw")->Apply(message_sizes);
BENCHMARK_TEMPLATE(BM_library_hash, crypto::dispatching_sha1)->Name("BM_sha1/dispatch")->Apply(message_sizes);
#endif
BENCHMARK_TEMPLATE(BM_openssl_hash, crypto::fast_sha1)->Name("BM_sha1/openssl")->Apply(message_sizes);
BENCHMARK_TEMPLATE(BM_library_hash, crypto::fast_sha256)->Name("BM_sha256/fast")->Apply(message_sizes);
BENCHMARK_TEMPLATE(BM_library_hash, crypto::small_sha256)->Name("BM_sha256/small")->Apply(message_sizes);
#if TCVOD_CRYPTO_HARDWARE_SHA
BENCHMARK_TEMPLATE(BM_library_hash, crypto::hardware_sha256)->Name("BM_sha256/hw")->Apply(message_sizes);
BENCHMARK_TEMPLATE(BM_library_hash, crypto::dispatching_sha256)->Name("BM_sha256/dispatch")->Apply(message_sizes);
#endif
BENCHMARK_TEMPLATE(BM_openssl_hash, crypto::fast_sha256)->Name("BM_sha256/openssl")->Apply(message_sizes);
BENCHMARK_TEMPLATE(BM_library_hmac, crypto::fast_sha1)->Name("BM_hmac_sha1/fast")->Apply(message_sizes);
BENCHMARK_TEMPLATE(BM_library_hmac, crypto::small_sha1)->Name("BM_hmac_sha1/small")->Apply(message_sizes);
#if TCVOD_CRYPTO_HARDWARE_SHA
BENCHMARK_TEMPLATE(BM_library_hmac, crypto::hardware_sha1)->Name("BM_hmac_sha1/hw")->Apply(message_sizes);
BENCHMARK_TEMPLATE(BM_library_hmac, crypto::dispatching_sha1)->Name("BM_hmac_sha1/dispatch")->Apply(message_sizes);
#endif
BENCHMARK_TEMPLATE(BM_openssl_hmac, crypto::fast_sha1)->Name("BM_hmac_sha1/openssl")->Apply(message_sizes);
BENCHMARK_TEMPLATE(BM_library_hmac, crypto::fast_sha256)->Name("BM_hmac_sha256/fast")->Apply(message_sizes);
BENCHMARK_TEMPLATE(BM_library_hmac, crypto::small_sha256)->Name("BM_hmac_sha256/small")->Apply(message_sizes);
#if TCVOD_CRYPTO_HARDWARE_SHA
BENCHMARK_TEMPLATE(BM_library_hmac, crypto::hardware_sha256)->Name("BM_hmac_sha256/hw")->Apply(message_sizes);
BENCHMARK_TEMPLATE(BM_library_hmac, crypto::dispatching_sha256)->Name("BM_hmac_sha256/dispatch")->Apply(message_sizes);
#endif
BENCHMARK_TEMPLATE(BM_openssl_hmac, crypto::fast_sha256)->Name("BM_hmac_sha256/openssl")->Apply(message_sizes);

}  // namespace tcvod_bench
