// The core-only consumer program (tcvod::core, tcvod-core.pc,
// dependency('tcvod-core'), Conan with every option off): the request side
// with the standard library alone. It builds a typed RunProcedure request,
// encodes and signs it (tcvod/encode.hpp), checks the bytes against derived
// vector DV1, then parses, verifies and decodes the query back
// (tcvod/query_decode.hpp). Nothing here includes simdjson, fmt or Boost, and
// the build systems that compile it are configured without them.
// Prints one line and exits 0 only when everything matched.
#include <tcvod/encode.hpp>
#include <tcvod/query_decode.hpp>
#include <tcvod/version.hpp>

#include <cstdio>
#include <string>
#include <string_view>

#if defined(TCVOD_CONSUMER_EXPECT_OPENSSL) && !defined(TCVOD_CRYPTO_OPENSSL)
#error "TCVOD_CRYPTO_OPENSSL did not reach this program"
#endif
#if defined(TCVOD_CONSUMER_EXPECT_CORE_ONLY) && (defined(TCVOD_CRYPTO_OPENSSL) || defined(TCVOD_USE_BOOST_URL))
#error "the core component must not define TCVOD_CRYPTO_OPENSSL or TCVOD_USE_BOOST_URL"
#endif

namespace {

// The documentation's published example credentials, not a real secret.
constexpr std::string_view example_secret_key = "Gu5t9xGARNpq86cd98joQYCN3Cozk1qA";

// Derived vector DV1 (tests/vectors/signature_vectors.txt).
constexpr std::string_view expected_query =
    "Action=RunProcedure&Nonce=11886&Region=gz&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA"
    "&Signature=FD%2BzxEooOJq4Ue2wB6SrRfyLt0Y%3D&Timestamp=1465185768&file.endTimeOffset=25"
    "&file.id=12345&file.startTimeOffset=10&inputType=SingleFile&procedure=SomeProcedure";

int fail(const char* way, const char* what) {
    std::fprintf(stderr, "core consumer (%s): %s\n", way, what);
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    const char* way = argc > 1 ? argv[1] : "unnamed";

    tcvod::common_parameters common;
    common.region = "gz";
    common.timestamp = 1465185768;
    common.nonce = 11886;
    common.secret_id = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA";

    tcvod::run_procedure_request request;
    request.type = tcvod::input_type::single_file;
    request.file = tcvod::file_clip{"12345", 10.0, 25.0};
    request.procedure = "SomeProcedure";

    const tcvod::signer signer(example_secret_key);
    tcvod::encode_options options;
    options.form = tcvod::output_form::query;
    std::string query;
    tcvod::diagnostics problems;
    auto signature = tcvod::encode(request, common, signer, options, query, problems);
    if (!signature) return fail(way, "the encoder refused the request");
    if (query != expected_query) return fail(way, "the signed query differs from vector DV1");

    tcvod::query_parameters params;
    if (!params.parse(query, {}, problems)) return fail(way, "the signed query did not parse");
    if (params.verify(signer, {}) != tcvod::errc::ok) return fail(way, "the signature did not verify");
    tcvod::decoded_request<tcvod::run_procedure_request> decoded;
    if (!tcvod::decode_request(params, decoded, {}, problems)) return fail(way, "the query did not decode");
    if (decoded.request != request || decoded.common != common) return fail(way, "the decoded request differs");

#ifdef TCVOD_CRYPTO_OPENSSL
    const char* crypto = "OpenSSL";
#else
    const char* crypto = "built-in";
#endif
    const std::string_view type = tcvod::to_string(decoded.request.type);
    std::printf(
        "tcvod %s core via %s: signed RunProcedure (%.*s, %s crypto), verified and decoded the query"
        " (%.*s file %s, procedure %s)\n",
        TCVOD_VERSION_STRING, way, static_cast<int>(signature->view().size()), signature->view().data(), crypto,
        static_cast<int>(type.size()), type.data(), decoded.request.file->id.c_str(),
        decoded.request.procedure.c_str());
    return 0;
}
