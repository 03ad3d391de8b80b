// Server side: BM_decode_verify_query (parse, verify the signature, decode
// and validate the typed request through the library, built-in hash core;
// BM_decode_verify_query_openssl: the same with OpenSSL's SHA-1) against
// BM_naive_decode_verify_query (std::map, streams, a one-shot HMAC()).
#include "checks.hpp"
#include "fixtures.hpp"

#include "tcvod/encode.hpp"
#include "tcvod/query_decode.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <benchmark/benchmark.h>

#include <map>
#include <sstream>
#include <string>
#include <string_view>

namespace tcvod_bench {
namespace {

/// The signed GET query the library produces for `entries` clips.
std::string signed_query(std::size_t entries) {
    builtin_signer signer(secret_key);
    tcvod::encode_options options;
    options.form = tcvod::output_form::query;
    std::string out;
    if (!tcvod::encode(multi_file_request(entries), bench_common(), signer, options, out)) return {};
    return out;
}

template <class Signer>
struct library_decoder {
    Signer signer{secret_key};
    tcvod::query_parameters params;
    tcvod::decoded_request<tcvod::run_procedure_request> decoded;
    tcvod::decode_options options;
    tcvod::diagnostics diag;

    bool decode(std::string_view query) {
        diag.clear();
        if (!params.parse(query, options, diag)) return false;
        if (params.verify(signer, tcvod::endpoint{}) != tcvod::errc::ok) return false;
        return tcvod::decode_request(params, decoded, options, diag);
    }
};

// ------------------------------------------------------------------ naive

std::string naive_url_decode(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '+') {
            out += ' ';
        } else if (text[i] == '%' && i + 2 < text.size()) {
            out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

struct naive_decoded {
    tcvod::common_parameters common;
    tcvod::run_procedure_request request;
};

/// What a hand-rolled server does: split into a std::map, rebuild the
/// string to sign with a stream, one-shot HMAC(), then look each field up.
bool naive_decode_verify(const std::string& query, const std::string& key, naive_decoded& out) {
    std::map<std::string, std::string> params;
    std::istringstream in(query);
    std::string pair;
    while (std::getline(in, pair, '&')) {
        auto eq = pair.find('=');
        std::string k = naive_url_decode(pair.substr(0, eq));
        std::string v = eq == std::string::npos ? std::string() : naive_url_decode(pair.substr(eq + 1));
        if (!params.emplace(k, v).second) return false;
    }
    auto signature = params.find("Signature");
    if (signature == params.end()) return false;
    std::string received = signature->second;
    params.erase(signature);

    std::ostringstream to_sign;
    to_sign << "GET"
            << "vod.api.qcloud.com"
            << "/v2/index.php"
            << "?";
    bool first = true;
    for (const auto& [k, v] : params) {
        if (!first) to_sign << "&";
        first = false;
        to_sign << k << "=" << v;
    }
    std::string text = to_sign.str();
    auto method = params.find("SignatureMethod");
    const EVP_MD* md = method != params.end() && method->second == "HmacSHA256" ? EVP_sha256() : EVP_sha1();
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digest_size = 0;
    HMAC(md, key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(text.data()), text.size(),
         digest, &digest_size);
    std::string expected(4 * ((digest_size + 2) / 3), '\0');
    EVP_EncodeBlock(reinterpret_cast<unsigned char*>(&expected[0]), digest, static_cast<int>(digest_size));
    if (expected != received) return false;

    out = naive_decoded{};
    try {
        if (params["Action"] != "RunProcedure") return false;
        out.common.region = params["Region"];
        out.common.secret_id = params["SecretId"];
        out.common.timestamp = std::stoll(params["Timestamp"]);
        out.common.nonce = std::stoll(params["Nonce"]);
        if (params["inputType"] != "MultiFile") return false;
        out.request.type = tcvod::input_type::multi_file;
        out.request.procedure = params["procedure"];
        auto notify = params.find("notifyMode");
        if (notify != params.end()) {
            auto mode = tcvod::notify_mode_from_wire(notify->second);
            if (!mode) return false;
            out.request.notify = *mode;
        }
        for (std::size_t i = 0;; ++i) {
            std::string prefix = "fileList." + std::to_string(i) + ".";
            auto id = params.find(prefix + "id");
            if (id == params.end()) break;
            tcvod::file_clip clip;
            clip.id = id->second;
            auto start = params.find(prefix + "startTimeOffset");
            if (start != params.end()) clip.start_time_offset = std::stod(start->second);
            auto end = params.find(prefix + "endTimeOffset");
            if (end != params.end()) clip.end_time_offset = std::stod(end->second);
            if (clip.start_time_offset && clip.end_time_offset && *clip.end_time_offset < *clip.start_time_offset)
                return false;
            out.request.file_list.push_back(clip);
        }
    } catch (const std::exception&) {
        return false;
    }
    return !out.common.region.empty() && !out.common.secret_id.empty() && out.common.nonce > 0 &&
           !out.request.procedure.empty() && !out.request.file_list.empty();
}

// ------------------------------------------------------------- benchmarks

template <class Signer>
void BM_decode_verify_query(benchmark::State& state) {
    const std::string query = signed_query(static_cast<std::size_t>(state.range(0)));
    library_decoder<Signer> decoder;
    if (!decoder.decode(query)) state.SkipWithError("decode failed");  // also the warm-up
    const auto allocations = allocation_count();
    for (auto _ : state) {
        bool ok = decoder.decode(query);
        benchmark::DoNotOptimize(ok);
        benchmark::DoNotOptimize(decoder.decoded);
    }
    report_allocations(state, allocations);
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(query.size()));
}

void BM_naive_decode_verify_query(benchmark::State& state) {
    const std::string query = signed_query(static_cast<std::size_t>(state.range(0)));
    const std::string key(secret_key);
    naive_decoded decoded;
    if (!naive_decode_verify(query, key, decoded)) state.SkipWithError("naive decode failed");
    const auto allocations = allocation_count();
    for (auto _ : state) {
        bool ok = naive_decode_verify(query, key, decoded);
        benchmark::DoNotOptimize(ok);
        benchmark::DoNotOptimize(decoded);
    }
    report_allocations(state, allocations);
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(query.size()));
}

}  // namespace

BENCHMARK_TEMPLATE(BM_decode_verify_query, builtin_signer)->Name("BM_decode_verify_query")->Arg(1)->Arg(16)->Arg(256);
BENCHMARK_TEMPLATE(BM_decode_verify_query, openssl_signer)
    ->Name("BM_decode_verify_query_openssl")
    ->Arg(1)
    ->Arg(16)
    ->Arg(256);
BENCHMARK(BM_naive_decode_verify_query)->Arg(1)->Arg(16)->Arg(256);

std::string check_decode_query() {
    for (std::size_t entries : {std::size_t{1}, std::size_t{16}, std::size_t{256}}) {
        const std::string query = signed_query(entries);
        const auto expected = multi_file_request(entries);
        const auto common = bench_common();
        library_decoder<builtin_signer> library;
        if (!library.decode(query) || library.decoded.request != expected || library.decoded.common != common)
            return "library decode_verify does not return the encoded request for N=" + std::to_string(entries);
        library_decoder<openssl_signer> with_openssl;
        if (!with_openssl.decode(query) || with_openssl.decoded.request != expected)
            return "the library's OpenSSL backend does not verify the query for N=" + std::to_string(entries);
        naive_decoded naive;
        if (!naive_decode_verify(query, std::string(secret_key), naive) || naive.request != expected ||
            naive.common != common)
            return "naive decode_verify does not return the encoded request for N=" + std::to_string(entries);
        std::string tampered = query;
        tampered[tampered.find("Nonce=") + 6] ^= 1;  // one digit off: both must refuse it
        if (library.decode(tampered) || with_openssl.decode(tampered) ||
            naive_decode_verify(tampered, std::string(secret_key), naive))
            return "a tampered query verified for N=" + std::to_string(entries);
    }
    return {};
}

}  // namespace tcvod_bench
