// BM_encode_sign (the library with its built-in hash core),
// BM_encode_sign_openssl (the library with OpenSSL's SHA-1),
// BM_floor_encode_sign (the leanest code that produces the same bytes) and
// BM_naive_encode_sign (what a hand-rolled client does), for MultiFile
// requests of 1, 16 and 256 fileList entries.
#include "checks.hpp"
#include "fixtures.hpp"

#include "tcvod/encode.hpp"
#include "tcvod/flatten.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <benchmark/benchmark.h>

#include <charconv>
#include <cstring>
#include <iomanip>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

// The floor uses OpenSSL's SHA-1 block function (SHA-NI where the CPU has
// it) through the low-level API, deprecated in OpenSSL 3 but the only one
// without a context allocation.
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

namespace tcvod_bench {
namespace {

// ---------------------------------------------------------------- library

template <class Signer>
struct library_encoder {
    Signer signer{secret_key};
    tcvod::encode_options options;
    tcvod::diagnostics diag;
    std::string out;

    library_encoder() { options.form = tcvod::output_form::query; }

    bool encode(const tcvod::run_procedure_request& r, const tcvod::common_parameters& c) {
        return tcvod::encode(r, c, signer, options, out, diag).has_value();
    }
};

// ------------------------------------------------------------------ floor

inline char* put(char* out, std::string_view text) noexcept {
    std::memcpy(out, text.data(), text.size());
    return out + text.size();
}

inline constexpr char upper_hex[] = "0123456789ABCDEF";

struct unreserved_table {
    bool yes[256] = {};
    constexpr unreserved_table() {
        for (int c = 0; c < 256; ++c)
            yes[c] = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                     c == '_' || c == '.' || c == '~';
    }
};
inline constexpr unreserved_table unreserved{};

inline char* percent_encode(std::string_view value, char* out) noexcept {
    for (char ch : value) {
        auto c = static_cast<unsigned char>(ch);
        if (unreserved.yes[c]) {
            *out++ = ch;
        } else {
            out[0] = '%';
            out[1] = upper_hex[c >> 4];
            out[2] = upper_hex[c & 15];
            out += 3;
        }
    }
    return out;
}

inline std::size_t percent_encoded_size(std::string_view value) noexcept {
    std::size_t n = value.size();
    for (char c : value) n += unreserved.yes[static_cast<unsigned char>(c)] ? 0 : 2;
    return n;
}

/// The physical reference for one request shape (MultiFile, N entries,
/// HmacSHA1, GET query): keys precomputed in sorted order, the keyed HMAC
/// states precomputed, one pass writing the string to sign and the encoded
/// tail side by side, one hash call, no validation. The encoded head
/// (up to Signature) is written last, right before the tail, so nothing
/// is moved.
class floor_encoder {
public:
    static constexpr std::string_view sign_prefix = "GETvod.api.qcloud.com/v2/index.php?";

    floor_encoder(std::string_view key, std::size_t entries) {
        unsigned char padded[SHA_CBLOCK] = {};
        std::memcpy(padded, key.data(), key.size());  // the fixture key is shorter than a block
        for (auto& b : padded) b ^= 0x36;
        SHA1_Init(&inner_);
        SHA1_Update(&inner_, padded, sizeof padded);
        for (auto& b : padded) b ^= 0x36 ^ 0x5C;
        SHA1_Init(&outer_);
        SHA1_Update(&outer_, padded, sizeof padded);

        tcvod::detail::for_each_index_in_key_order(entries, [&](std::size_t i) {
            std::string prefix = "fileList." + std::to_string(i) + ".";
            entry_keys keys;
            keys.index = i;
            keys.end = prefix + "endTimeOffset=";
            keys.id = prefix + "id=";
            keys.start = prefix + "startTimeOffset=";
            order_.push_back(std::move(keys));
        });
        capacity_ = 4096 + entries * 512;
        to_sign_.reset(new char[capacity_]);
        out_.reset(new char[capacity_]);
        std::memcpy(to_sign_.get(), sign_prefix.data(), sign_prefix.size());
    }

    std::string_view encode(const tcvod::run_procedure_request& r, const tcvod::common_parameters& c) noexcept {
        char* s = to_sign_.get() + sign_prefix.size();
        const char* query = s;
        s = put(s, "Action=RunProcedure&Nonce=");
        s = std::to_chars(s, s + 24, c.nonce).ptr;
        s = put(s, "&Region=");
        s = put(s, c.region);
        s = put(s, "&SecretId=");
        s = put(s, c.secret_id);
        const std::size_t head_size = static_cast<std::size_t>(s - query) + percent_encoded_size(c.region) -
                                      c.region.size() + percent_encoded_size(c.secret_id) - c.secret_id.size();

        // The tail starts where the longest possible encoded head and
        // Signature would end.
        char* const tail = out_.get() + head_size + max_signature_field;
        char* o = tail;
        auto both = [&](std::string_view text) {
            s = put(s, text);
            o = put(o, text);
        };
        auto number = [&](tcvod::time_offset v) {
            char* at = s;
            s = v.is_whole_seconds() ? std::to_chars(s, s + 24, v.microseconds() / 1000000).ptr
                                     : s + tcvod::format_offset(v, s);
            o = put(o, std::string_view(at, static_cast<std::size_t>(s - at)));
        };
        auto integer = [&](std::int64_t v) {
            char* at = s;
            s = std::to_chars(s, s + 24, v).ptr;
            o = put(o, std::string_view(at, static_cast<std::size_t>(s - at)));
        };
        auto text = [&](std::string_view v) {
            s = put(s, v);
            o = percent_encode(v, o);
        };
        both("&Timestamp=");
        integer(c.timestamp);
        for (const entry_keys& keys : order_) {
            const tcvod::file_clip& clip = r.file_list[keys.index];
            if (clip.end_time_offset) {
                both("&");
                both(keys.end);
                number(*clip.end_time_offset);
            }
            both("&");
            both(keys.id);
            text(clip.id);
            if (clip.start_time_offset) {
                both("&");
                both(keys.start);
                number(*clip.start_time_offset);
            }
        }
        both("&inputType=MultiFile&notifyMode=Finish&procedure=");
        text(r.procedure);

        unsigned char digest[SHA_DIGEST_LENGTH];
        SHA_CTX ctx = inner_;
        SHA1_Update(&ctx, to_sign_.get(), static_cast<std::size_t>(s - to_sign_.get()));
        SHA1_Final(digest, &ctx);
        ctx = outer_;
        SHA1_Update(&ctx, digest, sizeof digest);
        SHA1_Final(digest, &ctx);
        char signature[28];
        EVP_EncodeBlock(reinterpret_cast<unsigned char*>(signature), digest, sizeof digest);

        char* start = tail - head_size - signature_key.size() - percent_encoded_size({signature, 28});
        char* h = put(start, "Action=RunProcedure&Nonce=");
        h = std::to_chars(h, h + 24, c.nonce).ptr;
        h = put(h, "&Region=");
        h = percent_encode(c.region, h);
        h = put(h, "&SecretId=");
        h = percent_encode(c.secret_id, h);
        h = put(h, signature_key);
        percent_encode({signature, 28}, h);
        return {start, static_cast<std::size_t>(o - start)};
    }

private:
    static constexpr std::string_view signature_key = "&Signature=";
    static constexpr std::size_t max_signature_field = signature_key.size() + 28 * 3;

    struct entry_keys {
        std::size_t index;
        std::string end, id, start;
    };
    SHA_CTX inner_, outer_;
    std::vector<entry_keys> order_;
    std::size_t capacity_ = 0;
    std::unique_ptr<char[]> to_sign_, out_;
};

// ------------------------------------------------------------------ naive

std::string naive_number(double v) {
    std::ostringstream s;
    s << v;
    return s.str();
}

std::string naive_url_encode(const std::string& value) {
    std::ostringstream escaped;
    escaped.fill('0');
    escaped << std::hex << std::uppercase;
    for (char ch : value) {
        auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
            escaped << ch;
        else
            escaped << '%' << std::setw(2) << static_cast<int>(c);
    }
    return escaped.str();
}

std::string naive_base64(const unsigned char* data, int size) {
    std::string out(static_cast<std::size_t>(4 * ((size + 2) / 3)), '\0');
    EVP_EncodeBlock(reinterpret_cast<unsigned char*>(&out[0]), data, size);
    return out;
}

/// What SDKs and hand-rolled clients do: a sorted std::map of strings,
/// streams, a one-shot HMAC(), fresh strings for every encoded value.
std::string naive_encode(const tcvod::run_procedure_request& r, const tcvod::common_parameters& c,
                         const std::string& key) {
    std::map<std::string, std::string> params;
    params["Action"] = "RunProcedure";
    params["Nonce"] = std::to_string(c.nonce);
    params["Region"] = c.region;
    params["SecretId"] = c.secret_id;
    params["Timestamp"] = std::to_string(c.timestamp);
    params["inputType"] = "MultiFile";
    params["notifyMode"] = "Finish";
    params["procedure"] = r.procedure;
    for (std::size_t i = 0; i < r.file_list.size(); ++i) {
        std::string prefix = "fileList." + std::to_string(i) + ".";
        const auto& clip = r.file_list[i];
        params[prefix + "id"] = clip.id;
        if (clip.start_time_offset)
            params[prefix + "startTimeOffset"] = naive_number(clip.start_time_offset->to_double());
        if (clip.end_time_offset) params[prefix + "endTimeOffset"] = naive_number(clip.end_time_offset->to_double());
    }
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
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digest_size = 0;
    HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(text.data()),
         text.size(), digest, &digest_size);
    params["Signature"] = naive_base64(digest, static_cast<int>(digest_size));
    std::ostringstream query;
    first = true;
    for (const auto& [k, v] : params) {
        if (!first) query << "&";
        first = false;
        query << naive_url_encode(k) << "=" << naive_url_encode(v);
    }
    return query.str();
}

// ------------------------------------------------------------- benchmarks

template <class Signer>
void BM_encode_sign(benchmark::State& state) {
    const auto request = multi_file_request(static_cast<std::size_t>(state.range(0)));
    const auto common = bench_common();
    library_encoder<Signer> encoder;
    if (!encoder.encode(request, common)) state.SkipWithError("encode failed");  // also the warm-up
    const auto allocations = allocation_count();
    for (auto _ : state) {
        encoder.encode(request, common);
        benchmark::DoNotOptimize(encoder.out.data());
        benchmark::ClobberMemory();
    }
    report_allocations(state, allocations);
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(encoder.out.size()));
}

void BM_floor_encode_sign(benchmark::State& state) {
    const auto entries = static_cast<std::size_t>(state.range(0));
    const auto request = multi_file_request(entries);
    const auto common = bench_common();
    floor_encoder encoder(secret_key, entries);
    std::size_t size = encoder.encode(request, common).size();
    const auto allocations = allocation_count();
    for (auto _ : state) {
        auto out = encoder.encode(request, common);
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    report_allocations(state, allocations);
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(size));
}

void BM_naive_encode_sign(benchmark::State& state) {
    const auto request = multi_file_request(static_cast<std::size_t>(state.range(0)));
    const auto common = bench_common();
    const std::string key(secret_key);
    std::string out = naive_encode(request, common, key);
    const auto allocations = allocation_count();
    for (auto _ : state) {
        out = naive_encode(request, common, key);
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    report_allocations(state, allocations);
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(out.size()));
}

}  // namespace

BENCHMARK_TEMPLATE(BM_encode_sign, builtin_signer)->Name("BM_encode_sign")->Arg(1)->Arg(16)->Arg(256);
BENCHMARK_TEMPLATE(BM_encode_sign, openssl_signer)->Name("BM_encode_sign_openssl")->Arg(1)->Arg(16)->Arg(256);
BENCHMARK(BM_floor_encode_sign)->Arg(1)->Arg(16)->Arg(256);
BENCHMARK(BM_naive_encode_sign)->Arg(1)->Arg(16)->Arg(256);

std::string check_encode() {
    const auto common = bench_common();
    for (std::size_t entries : {std::size_t{1}, std::size_t{16}, std::size_t{256}}) {
        const auto request = multi_file_request(entries);
        library_encoder<openssl_signer> with_openssl;
        library_encoder<builtin_signer> library;
        if (!library.encode(request, common)) return "library encode failed for N=" + std::to_string(entries);
        if (!with_openssl.encode(request, common) || with_openssl.out != library.out)
            return "the library's OpenSSL backend encodes differently for N=" + std::to_string(entries);
        floor_encoder floor(secret_key, entries);
        if (floor.encode(request, common) != library.out)
            return "floor encode differs from the library for N=" + std::to_string(entries);
        if (naive_encode(request, common, std::string(secret_key)) != library.out)
            return "naive encode differs from the library for N=" + std::to_string(entries);
    }
    return {};
}

}  // namespace tcvod_bench
