// Structure-aware round trip: FuzzedDataProvider builds a typed
// run_procedure_request and common parameters (valid or not, any bytes in
// the strings, any doubles or microsecond counts in the offsets, lists past 10 entries), then
//   invalid (by validate)  -> encode and encode_to refuse it with exactly
//                             validate's diagnostics, writing nothing;
//   valid                  -> encode == encode_to, parse -> verify -> decode
//                             gives back the request, common parameters
//                             and signature exactly; the signature equals
//                             one computed apart from the library's signing
//                             code (the string to sign built here from the
//                             decoded pairs, sorted with std::sort, its HMAC
//                             by OpenSSL when the target links it); another
//                             key, method or host does not verify.
#include "tcvod/encode.hpp"
#include "tcvod/query_decode.hpp"

#include "../tests/request_views.hpp"
#include "fuzz_check.hpp"

#if __has_include(<fuzzer/FuzzedDataProvider.h>)
#include <fuzzer/FuzzedDataProvider.h>
#else
// gcc: fuzz/meson.build copies the header from clang's resource directory.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wsign-conversion"
#include "FuzzedDataProvider.h"
#pragma GCC diagnostic pop
#endif

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#ifdef TCVOD_FUZZ_OPENSSL
#include <openssl/evp.h>
#include <openssl/hmac.h>
#endif

namespace {

class request_builder {
public:
    explicit request_builder(FuzzedDataProvider& input) : in_(input) {}

    // Mostly short; now and then long enough for the signer's path that
    // feeds values over 512 bytes straight to the MAC.
    std::string text() { return in_.ConsumeRandomLengthString(in_.ConsumeIntegralInRange(0, 31) == 0 ? 1200 : 48); }
    bool coin() { return in_.ConsumeBool(); }

    std::optional<tcvod::time_offset> offset() {
        switch (in_.ConsumeIntegralInRange(0, 5)) {
        case 0: return std::nullopt;
        case 1: return in_.ConsumeIntegralInRange<std::int64_t>(-10, 100000000000);
        case 2: return static_cast<double>(in_.ConsumeIntegralInRange<std::int32_t>(0, 100000000)) / 1000.0;
        case 3: return in_.ConsumeFloatingPoint<double>();
        case 4:  // any count of microseconds, the invalid one (INT64_MIN) included
            return tcvod::time_offset::from_microseconds(in_.ConsumeIntegral<std::int64_t>());
        default: {  // any double bit pattern: NaN, infinities, subnormals, -0
            auto bits = in_.ConsumeIntegral<std::uint64_t>();
            double value;
            std::memcpy(&value, &bits, sizeof value);
            return value;
        }
        }
    }
    std::optional<std::int64_t> maybe_integer() {
        if (!coin()) return std::nullopt;
        return integer();
    }
    std::int64_t integer() {
        if (coin()) return in_.ConsumeIntegral<std::int64_t>();
        return in_.ConsumeIntegralInRange<std::int64_t>(-20, 40000000000);
    }

    tcvod::file_clip file() {
        tcvod::file_clip clip;
        clip.id = coin() ? std::to_string(in_.ConsumeIntegral<std::uint64_t>()) : text();
        clip.start_time_offset = offset();
        clip.end_time_offset = offset();
        return clip;
    }
    tcvod::stream_clip stream() {
        tcvod::stream_clip clip;
        clip.stream_id = text();
        clip.start_time_stamp = maybe_integer();
        clip.end_time_stamp = maybe_integer();
        return clip;
    }
    tcvod::pull_source pull() {
        tcvod::pull_source p;
        p.url = coin() ? "https://example.com/" + text() : text();
        p.file_name = text();
        if (coin()) p.file_md5 = coin() ? std::string("b3ae6ed07d9bf4efeeb94ed2d37ff3e3") : text();
        p.class_id = maybe_integer();
        return p;
    }

    tcvod::run_procedure_request request() {
        tcvod::run_procedure_request r;
        r.type = static_cast<tcvod::input_type>(in_.ConsumeIntegralInRange(0, 4));
        // Mostly the objects the inputType needs; sometimes foreign ones too.
        bool foreign = in_.ConsumeIntegralInRange(0, 7) == 0;
        auto wants = [&](tcvod::input_type t) { return r.type == t || (foreign && coin()); };
        if (wants(tcvod::input_type::single_file)) r.file = file();
        if (wants(tcvod::input_type::multi_file))
            for (std::size_t n = in_.ConsumeIntegralInRange<std::size_t>(0, 40); n > 0; --n)
                r.file_list.push_back(file());
        if (wants(tcvod::input_type::stream)) r.stream = stream();
        if (wants(tcvod::input_type::multi_stream))
            for (std::size_t n = in_.ConsumeIntegralInRange<std::size_t>(0, 40); n > 0; --n)
                r.stream_list.push_back(stream());
        if (wants(tcvod::input_type::pull_file)) r.pull = pull();
        r.procedure = text();
        if (coin()) r.notify = static_cast<tcvod::notify_mode>(in_.ConsumeIntegralInRange(0, 2));
        if (coin()) r.priority = coin() ? in_.ConsumeIntegralInRange<std::int64_t>(-12, 12) : integer();
        return r;
    }

    tcvod::common_parameters common() {
        tcvod::common_parameters c;
        c.region = text();
        c.timestamp = integer();
        c.nonce = integer();
        c.secret_id = text();
        if (coin()) c.method = coin() ? tcvod::signature_method::hmac_sha1 : tcvod::signature_method::hmac_sha256;
        if (coin()) c.token = text();
        c.sub_app_id = maybe_integer();
        return c;
    }

private:
    FuzzedDataProvider& in_;
};

// The signature as the protocol notes define it, computed without the
// library's signing code: METHOD + host + path + "?" + the decoded pairs
// but Signature, sorted bytewise by key, joined raw; HMAC-SHA256 for
// exactly "HmacSHA256", else HMAC-SHA1; Base64.
std::string reference_signature(const tcvod::query_parameters& parsed, const tcvod::endpoint& where,
                                const std::string& key) {
    std::vector<std::pair<std::string_view, std::string_view>> pairs;
    for (const tcvod::parameter& p : parsed)
        if (p.key != "Signature") pairs.emplace_back(p.key, p.value);
    std::sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::string text(tcvod::to_string(where.method));
    text.append(where.host).append(where.path).append("?");
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        if (i != 0) text += '&';
        text.append(pairs[i].first).append("=").append(pairs[i].second);
    }
    bool sha256 = parsed.find("SignatureMethod") == std::optional<std::string_view>("HmacSHA256");
    unsigned char mac[32];
    std::size_t mac_size = 0;
#ifdef TCVOD_FUZZ_OPENSSL
    unsigned int size = 0;
    FUZZ_CHECK(HMAC(sha256 ? EVP_sha256() : EVP_sha1(), key.data(), static_cast<int>(key.size()),
                    reinterpret_cast<const unsigned char*>(text.data()), text.size(), mac, &size) != nullptr);
    mac_size = size;
#else
    auto one_shot = [&](auto hmac) {
        hmac.update(text.data(), text.size());
        auto tag = hmac.result();
        std::memcpy(mac, tag.bytes, tag.size());
        mac_size = tag.size();
    };
    if (sha256)
        one_shot(tcvod::crypto::hmac<tcvod::crypto::software_sha256>(key.data(), key.size()));
    else
        one_shot(tcvod::crypto::hmac<tcvod::crypto::software_sha1>(key.data(), key.size()));
#endif
    std::string out(tcvod::crypto::base64_encoded_size(mac_size), '\0');
    tcvod::crypto::base64_encode(mac, mac_size, &out[0]);
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider input(data, size);
    request_builder build(input);
    const std::string key = input.ConsumeRandomLengthString(100);  // long keys are hashed first
    tcvod::signer signer(key);
    tcvod::encode_options opts;
    opts.where.method = build.coin() ? tcvod::http_method::get : tcvod::http_method::post;
    opts.form = static_cast<tcvod::output_form>(input.ConsumeIntegralInRange(0, 3));
    opts.validation.lenient = input.ConsumeIntegralInRange(0, 3) == 0;
    tcvod::run_procedure_request request = build.request();
    tcvod::common_parameters common = build.common();

    tcvod::diagnostics expected;
    tcvod::validate(common, request, opts.validation, expected);

    std::string out = "previous contents";
    tcvod::diagnostics diag;
    auto signature = tcvod::encode(request, common, signer, opts, out, diag);
    FUZZ_CHECK(signature.has_value() == expected.empty());
    char sentinel[8];
    std::memset(sentinel, '#', sizeof sentinel);
    if (!signature) {
        FUZZ_CHECK(diag.size() == expected.size() && diag.dropped() == expected.dropped());
        for (std::size_t i = 0; i < diag.size(); ++i)
            FUZZ_CHECK(diag[i].code == expected[i].code && diag[i].path == expected[i].path &&
                       diag[i].reason == expected[i].reason);
        FUZZ_CHECK(signature.error().code == expected[0].code);
        FUZZ_CHECK(!tcvod::encode_to(request, common, signer, opts, sentinel, sizeof sentinel));
        // The view form is refused with the same diagnostics.
        const tcvod_test::request_view_storage views(request);
        tcvod::diagnostics view_diag;
        tcvod::validate(tcvod_test::view_of(common), views.request, opts.validation, view_diag);
        FUZZ_CHECK(view_diag.size() == expected.size());
        for (std::size_t i = 0; i < view_diag.size(); ++i)
            FUZZ_CHECK(view_diag[i].code == expected[i].code && view_diag[i].path == expected[i].path);
        return 0;
    }

    // The fixed-buffer path writes the same bytes, and nothing when short.
    std::vector<char> buffer(out.size() + 1, '#');
    auto needed = tcvod::encode_to(request, common, signer, opts, buffer.data(), out.size());
    FUZZ_CHECK(needed && *needed == out.size());
    FUZZ_CHECK(std::string_view(buffer.data(), out.size()) == out && buffer.back() == '#');
    needed = tcvod::encode_to(request, common, signer, opts, sentinel, out.size() < 8 ? out.size() - 1 : 7);
    FUZZ_CHECK(needed && *needed == out.size());
    for (char c : sentinel) FUZZ_CHECK(c == '#');

    // The view form of the same request (no heap) writes the same bytes.
    const tcvod_test::request_view_storage views(request);
    const auto common_view = tcvod_test::view_of(common);
    std::string view_out;
    auto view_signature = tcvod::encode(views.request, common_view, signer, opts, view_out);
    FUZZ_CHECK(view_signature && *view_signature == *signature && view_out == out);
    std::fill(buffer.begin(), buffer.end(), '#');
    needed = tcvod::encode_to(views.request, common_view, signer, opts, buffer.data(), out.size());
    FUZZ_CHECK(needed && *needed == out.size() && std::string_view(buffer.data(), out.size()) == out);

    // A one-hash signer signs its own method exactly like `signer`, and
    // refuses the other one.
    const bool sha256 = common.effective_method() == tcvod::signature_method::hmac_sha256;
    tcvod::sha1_signer sha1_only(key);
    tcvod::sha256_signer sha256_only(key);
    auto one_hash = sha256 ? tcvod::encode(request, common, sha256_only, opts, view_out)
                           : tcvod::encode(request, common, sha1_only, opts, view_out);
    FUZZ_CHECK(one_hash && *one_hash == *signature && view_out == out);
    auto other_hash = sha256 ? tcvod::encode(request, common, sha1_only, opts, view_out)
                             : tcvod::encode(request, common, sha256_only, opts, view_out);
    FUZZ_CHECK(!other_hash && other_hash.error().code == tcvod::errc::invalid_signature_method);

    if (opts.form == tcvod::output_form::string_to_sign) {
        std::string expected_text;
        tcvod::write_string_to_sign(
            opts.where, [&](auto&& f) { tcvod::visit_parameters(common, request, f); }, expected_text);
        FUZZ_CHECK(out == expected_text);
        return 0;
    }

    std::string_view query = out;
    if (opts.form == tcvod::output_form::url) {
        FUZZ_CHECK(query.rfind("https://vod.api.qcloud.com/v2/index.php?", 0) == 0);
        query.remove_prefix(query.find('?') + 1);
    }
    tcvod::decode_options decode_opts;
    decode_opts.validation = opts.validation;
    tcvod::query_parameters parsed;
    FUZZ_CHECK(parsed.parse(query, decode_opts, diag));
    FUZZ_CHECK(parsed.verify(signer, opts.where) == tcvod::errc::ok);
    tcvod::decoded_request<tcvod::run_procedure_request> decoded;
    FUZZ_CHECK(tcvod::decode_request(parsed, decoded, decode_opts, diag));
    FUZZ_CHECK(decoded.request == request);
    FUZZ_CHECK(decoded.common == common);
    FUZZ_CHECK(decoded.signature == signature->view());

    // The same signature computed apart from the signer, and a check that
    // fails for another key, method or host.
    FUZZ_CHECK(reference_signature(parsed, opts.where, key) == signature->view());
    tcvod::signer other_key(key + "x");
    FUZZ_CHECK(parsed.verify(other_key, opts.where) == tcvod::errc::signature_mismatch);
    tcvod::endpoint other_method = opts.where;
    other_method.method =
        opts.where.method == tcvod::http_method::get ? tcvod::http_method::post : tcvod::http_method::get;
    FUZZ_CHECK(parsed.verify(signer, other_method) == tcvod::errc::signature_mismatch);
    tcvod::endpoint other_host = opts.where;
    other_host.host = "vod.api.qcloud.com.";
    FUZZ_CHECK(parsed.verify(signer, other_host) == tcvod::errc::signature_mismatch);
    return 0;
}
