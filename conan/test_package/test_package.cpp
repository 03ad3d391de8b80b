// Signs the API page's SingleFile request, parses, verifies and decodes it
// (tcvod::core, always); with the components enabled, decodes a RunProcedure
// response (tcvod::json, simdjson) and logs the decoded common parameters
// with the SecretId masked (tcvod::fmt). With every option off it includes
// nothing but the standard library and tcvod's request side.
#include <tcvod/encode.hpp>
#include <tcvod/query_decode.hpp>
#include <tcvod/version.hpp>
#ifdef TCVOD_TEST_JSON
#include <tcvod/response.hpp>
#endif
#ifdef TCVOD_TEST_FMT
#include <fmt/format.h>
#include <tcvod/fmt.hpp>
#endif

#include <cstdio>
#include <string>
#include <string_view>

#if defined(TCVOD_TEST_EXPECT_OPENSSL) != defined(TCVOD_CRYPTO_OPENSSL)
#error "TCVOD_CRYPTO_OPENSSL must be defined for consumers exactly when tcvod/*:with_openssl=True"
#endif
#if defined(TCVOD_TEST_EXPECT_BOOST_URL) != defined(TCVOD_USE_BOOST_URL)
#error "TCVOD_USE_BOOST_URL must be defined for consumers exactly when tcvod/*:with_boost_url=True"
#endif

int main() {
    tcvod::common_parameters common;
    common.region = "gz";
    common.timestamp = 1465185768;
    common.nonce = 11886;
    common.secret_id = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA";

    tcvod::run_procedure_request request;
    request.type = tcvod::input_type::single_file;
    request.file = tcvod::file_clip{"12345", 10.0, 25.0};
    request.procedure = "SomeProcedure";

    // The documentation's published example key; DV1 is its known signature.
    const tcvod::signer signer("Gu5t9xGARNpq86cd98joQYCN3Cozk1qA");
    std::string url;
    tcvod::diagnostics problems;
    auto signature = tcvod::encode(request, common, signer, {}, url, problems);
    if (!signature || signature->view() != "FD+zxEooOJq4Ue2wB6SrRfyLt0Y=") return 1;

    tcvod::query_parameters params;
    if (!params.parse(url.substr(url.find('?')), {}, problems)) return 1;
    if (params.verify(signer, {}) != tcvod::errc::ok) return 1;
    tcvod::decoded_request<tcvod::run_procedure_request> decoded;
    if (!tcvod::decode_request(params, decoded, {}, problems) || decoded.request != request) return 1;
    std::string done = "signed and decoded " + url;

#ifdef TCVOD_TEST_JSON
    tcvod::response_decoder responses;
    auto reply = responses.decode(R"({"code":0,"message":"","codeDesc":"Success","vodTaskId":"procedure-1234"})");
    if (!reply || !reply->ok() || reply->vod_task_id != std::string_view("procedure-1234")) return 1;
    done += ", decoded a response";
#endif
#ifdef TCVOD_TEST_FMT
    const std::string logged = fmt::format("{}", decoded.common);
    if (logged.find("SecretId=AKID****ESA") == std::string::npos) return 1;
    done += ", logged " + logged;
#endif

    std::printf("tcvod %s: %s\n", TCVOD_VERSION_STRING, done.c_str());
    return 0;
}
