// The program every full consumer project builds (tcvod::tcvod, tcvod.pc,
// dependency('tcvod'), plain vendoring; core_consumer.cpp is the core-only
// one): it signs the API page's SingleFile request through the typed encoder,
// checks the bytes against derived vector DV1, parses, verifies and decodes
// that query back (with Boost.URL when vendored with -DTCVOD_USE_BOOST_URL),
// decodes a RunProcedure response (simdjson) and logs the decoded common
// parameters (fmt). Prints one line and exits 0 only when everything matched.
#include <tcvod/encode.hpp>
#include <tcvod/fmt.hpp>
#include <tcvod/query_decode.hpp>
#include <tcvod/response.hpp>
#include <tcvod/version.hpp>

#include <fmt/format.h>

#include <cstdio>
#include <string>
#include <string_view>

// Set by CI for a tcvod installed with -Dopenssl=true: the define must reach consumers.
#if defined(TCVOD_CONSUMER_EXPECT_OPENSSL) && !defined(TCVOD_CRYPTO_OPENSSL)
#error "tcvod was installed with the OpenSSL backend but TCVOD_CRYPTO_OPENSSL did not reach this program"
#endif

#ifdef BOOST_NO_EXCEPTIONS
// Built with -fno-exceptions, Boost calls these instead of throwing and the
// program must define them (Boost.ThrowException's rule).
#include <boost/assert/source_location.hpp>
#include <boost/throw_exception.hpp>
#include <cstdlib>
#include <exception>
namespace boost {
void throw_exception(const std::exception&) { std::abort(); }
void throw_exception(const std::exception&, const boost::source_location&) { std::abort(); }
}  // namespace boost
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
    std::fprintf(stderr, "consumer (%s): %s\n", way, what);
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

    tcvod::response_decoder responses;
    auto reply = responses.decode(R"({"code":0,"message":"","codeDesc":"Success","vodTaskId":"procedure-1234"})");
    if (!reply || !reply->ok() || reply->vod_task_id != std::string_view("procedure-1234"))
        return fail(way, "the response did not decode");

    const std::string logged = fmt::format("{}", decoded.common);
    if (logged.find("SecretId=AKID****ESA") == std::string::npos || logged.find(common.secret_id) != std::string::npos)
        return fail(way, "the fmt formatter did not mask the SecretId");

#ifdef TCVOD_CRYPTO_OPENSSL
    const char* crypto = "OpenSSL";
#else
    const char* crypto = "built-in";
#endif
    std::printf(
        "tcvod %s via %s: signed RunProcedure (%.*s, %s crypto), decoded the query (%.*s file %s)"
        " and the response (%.*s), logged %s\n",
        TCVOD_VERSION_STRING, way, static_cast<int>(signature->view().size()), signature->view().data(), crypto,
        static_cast<int>(tcvod::to_string(decoded.request.type).size()), tcvod::to_string(decoded.request.type).data(),
        decoded.request.file->id.c_str(), static_cast<int>(reply->vod_task_id->size()), reply->vod_task_id->data(),
        logged.c_str());
    return 0;
}
