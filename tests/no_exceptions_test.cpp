// Every public header, and the API a program without exceptions uses,
// built with -fno-exceptions -fno-rtti (as fmt's noexception-test does):
// encoding, signing, decoding, verification, responses, events, the error
// categories and the fmt formatters all report errors as values. Output is
// TAP, one line per case.
#include "tcvod/config.hpp"

#if TCVOD_HAS_EXCEPTIONS
#error "build no_exceptions_test.cpp with -fno-exceptions"
#endif
#if defined(__GXX_RTTI) || defined(__cpp_rtti)
#error "build no_exceptions_test.cpp with -fno-rtti"
#endif

#include "tcvod/crypto/base64.hpp"
#include "tcvod/crypto/cpu.hpp"
#include "tcvod/crypto/digest.hpp"
#include "tcvod/crypto/hmac.hpp"
#include "tcvod/crypto/openssl.hpp"
#include "tcvod/crypto/sha1.hpp"
#include "tcvod/crypto/sha256.hpp"
#include "tcvod/crypto/wipe.hpp"
#include "tcvod/encode.hpp"
#include "tcvod/error.hpp"
#include "tcvod/event_model.hpp"
#include "tcvod/event_requests.hpp"
#include "tcvod/events.hpp"
#include "tcvod/flatten.hpp"
#include "tcvod/fmt.hpp"
#include "tcvod/json_write.hpp"
#include "tcvod/model.hpp"
#include "tcvod/number.hpp"
#include "tcvod/percent.hpp"
#include "tcvod/query_decode.hpp"
#include "tcvod/query_encode.hpp"
#include "tcvod/response.hpp"
#include "tcvod/response_encode.hpp"
#include "tcvod/response_model.hpp"
#include "tcvod/sign.hpp"
#include "tcvod/validate.hpp"
#include "tcvod/version.hpp"
#include "tcvod/vod_error.hpp"

#include "test_requests.hpp"

#include <boost/throw_exception.hpp>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

// With BOOST_NO_EXCEPTIONS Boost calls these instead of throwing, and the
// program must define them. tcvod never gets there (it uses Boost.URL's
// non-throwing API), so reaching one is a failure.
namespace boost {
void throw_exception(const std::exception&) {
    std::fputs("Bail out! boost::throw_exception called\n", stdout);
    std::abort();
}
void throw_exception(const std::exception&, const boost::source_location&) {
    std::fputs("Bail out! boost::throw_exception called\n", stdout);
    std::abort();
}
}  // namespace boost

namespace {

using namespace tcvod_test;
using tcvod::errc;

int case_number = 0, failures = 0;

// Every check of a case must hold; the case prints one TAP line.
class tap_case {
public:
    explicit tap_case(const char* name) : name_(name) {}
    ~tap_case() {
        ++case_number;
        std::printf("%s %d - %s\n", ok_ ? "ok" : "not ok", case_number, name_);
        if (!ok_) ++failures;
    }
    void check(bool condition, const char* what) {
        if (condition) return;
        std::printf("# %s: failed: %s\n", name_, what);
        ok_ = false;
    }

private:
    const char* name_;
    bool ok_ = true;
};

#define CHECK(c) t.check((c), #c)

// Derived vector DV1 (protocol notes 4.4): the API page's SingleFile example.
const char* const dv1_query =
    "Action=RunProcedure&Nonce=11886&Region=gz&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA"
    "&Signature=FD%2BzxEooOJq4Ue2wB6SrRfyLt0Y%3D&Timestamp=1465185768&file.endTimeOffset=25&file.id=12345"
    "&file.startTimeOffset=10&inputType=SingleFile&procedure=SomeProcedure";

void encoding() {
    tap_case t("encode: the API page's SingleFile example signs as vector DV1");
    tcvod::signer s(doc_secret_key);
    tcvod::encode_options opts;
    opts.form = tcvod::output_form::query;
    std::string out;
    tcvod::diagnostics diag;
    auto signature = tcvod::encode(single_file_example(), doc_common(), s, opts, out, diag);
    CHECK(signature.has_value());
    CHECK(signature->view() == "FD+zxEooOJq4Ue2wB6SrRfyLt0Y=");
    CHECK(out == dv1_query);
    char small[16];
    auto needed = tcvod::encode_to(single_file_example(), doc_common(), s, opts, small, sizeof small);
    CHECK(needed.has_value() && *needed == out.size());
}

void invalid_requests() {
    tap_case t("encode: an invalid request is an error value with its field path");
    auto r = multi_file_example();
    r.file_list[1].id.clear();
    r.file = tcvod::file_clip{"1", {}, {}};
    std::string out;
    tcvod::diagnostics diag;
    auto signature = tcvod::encode(r, doc_common(), tcvod::signer("k"), {}, out, diag);
    CHECK(!signature);
    CHECK(signature.error().code == errc::unexpected_field);
    CHECK(diag.size() == 2);
    CHECK(diag[1].message() == "fileList.1.id: is required when inputType is MultiFile");
    CHECK(out.empty());
}

void decoding() {
    tap_case t("query_parameters: parse, verify, decode_request");
    tcvod::query_parameters params;
    tcvod::diagnostics diag;
    CHECK(params.parse(dv1_query, {}, diag));
    CHECK(params.verify(tcvod::signer(doc_secret_key), {}) == errc::ok);
    CHECK(params.verify(tcvod::signer("wrong"), {}) == errc::signature_mismatch);
    tcvod::decoded_request<tcvod::run_procedure_request> decoded;
    CHECK(tcvod::decode_request(params, decoded, {}, diag));
    CHECK(decoded.request == single_file_example());
    CHECK(decoded.common == doc_common());
    CHECK(!params.parse("a=%zz", {}, diag));
    CHECK(diag.first().code == errc::bad_percent_escape);
}

void event_requests() {
    tap_case t("event requests: ConfirmEvent encodes and decodes");
    tcvod::confirm_event_request confirm;
    confirm.msg_handles = {"h0", "h1"};
    std::string out;
    tcvod::encode_options opts;
    opts.form = tcvod::output_form::query;
    CHECK(tcvod::encode(confirm, doc_common(), tcvod::signer("k"), opts, out).has_value());
    CHECK(out.find("msgHandle.0=h0&msgHandle.1=h1") != std::string::npos);
    tcvod::query_parameters params;
    tcvod::diagnostics diag;
    tcvod::decoded_request<tcvod::confirm_event_request> decoded;
    CHECK(params.parse(out, {}, diag) && tcvod::decode_request(params, decoded, {}, diag));
    CHECK(decoded.request == confirm);
}

void responses() {
    tap_case t("response_decoder: values and errors");
    tcvod::response_decoder decoder;
    auto ok = decoder.decode(R"({"code":0,"message":"","vodTaskId":"procedure-7a2229a8f1957bfce08ba733fbfd4a3c"})");
    CHECK(ok.has_value() && ok->ok() &&
          ok->vod_task_id == std::string_view("procedure-7a2229a8f1957bfce08ba733fbfd4a3c"));
    auto string_code = decoder.decode(R"({ "code": "5100", "message": "(100004)x" })");
    CHECK(string_code.has_value() && string_code->code == 5100);
    auto trailing = decoder.decode(R"({"code":0,"message":"",})");
    CHECK(!trailing && trailing.error().code == errc::trailing_comma);
    CHECK(!decoder.decode("") && !decoder.decode("[[[[[") && !decoder.decode(R"({"code":true,"message":""})"));
    tcvod::response owned;
    CHECK(decoder.decode(R"({"code":4100,"message":"m","codeDesc":"AuthFailure"})", owned).code == errc::ok);
    std::string json;
    tcvod::encode_response(owned, json);
    CHECK(json == R"({"code":4100,"message":"m","codeDesc":"AuthFailure"})");
}

void events() {
    tap_case t("event_decoder: callback and PullEvent bodies");
    tcvod::event_decoder decoder;
    tcvod::event e;
    CHECK(decoder
              .decode_event(R"({"version":"4.0","eventType":"ProcedureStateChanged","data":{"status":"FINISH",)"
                            R"("errCode":0,"message":"","fileId":"1","processTaskList":[]}})",
                            e)
              .code == errc::ok);
    CHECK(e.procedure_state && e.procedure_state->status == tcvod::procedure_status::finish);
    tcvod::pull_event_response pulled;
    CHECK(
        decoder
            .decode_pull_event_response(
                R"({"code":0,"message":"","eventList":[{"msgHandle":"h","eventContent":{"version":4,"eventType":"FileDeleted"}}]})",
                pulled)
            .code == errc::ok);
    CHECK(pulled.events.size() == 1 && pulled.events[0].msg_handle == "h");
    CHECK(decoder.decode_event("{", e).code != errc::ok);
}

void error_categories() {
    tap_case t("error categories work without RTTI");
    std::error_code ec = errc::signature_mismatch;
    CHECK(std::string(ec.category().name()) == "tcvod");
    CHECK(ec.message() == "signature does not match");
    CHECK(ec == errc::signature_mismatch);
    std::error_code vod = tcvod::make_vod_error_code(4100);
    CHECK(vod && vod.value() == 4100 && !vod.message().empty());
    tcvod::result<int> r(errc::out_of_range, "priority", "must be between -10 and 10");
    CHECK(r.has_error() && r.error().message() == "priority: must be between -10 and 10");
}

void formatting() {
    tap_case t("fmt formatters, secrets masked");
    auto c = doc_common();
    c.token = "t";
    std::string text = fmt::format("{} {}", c, errc::too_long);
    CHECK(text ==
          "{Region=\"gz\", Timestamp=1465185768, Nonce=11886, SecretId=AKID****ESA, Token=<redacted>} "
          "input is too long");
    tcvod::diagnostics diag;
    diag.add(errc::missing_field, "file.id", "is required");
    CHECK(fmt::format("{}", diag) == "file.id: is required");
}

void crypto() {
    tap_case t("crypto core: SHA-256 and HMAC-SHA256 (RFC 4231 case 2), Base64");
    tcvod::crypto::software_sha256 h;
    h.update("abc", 3);
    auto d = h.result();
    char b64[44];
    CHECK(tcvod::crypto::base64_encode(d.data(), d.size(), b64) == 44);
    CHECK(std::string(b64, 44) == "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
    tcvod::crypto::hmac_sha256 mac("Jefe", 4);
    mac.update("what do ya want for nothing?", 28);
    auto tag = mac.result();
    CHECK(tcvod::crypto::base64_encode(tag.data(), tag.size(), b64) == 44);
    CHECK(std::string(b64, 44) == "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=");
}

}  // namespace

int main() {
    std::puts("1..10");
    encoding();
    invalid_requests();
    decoding();
    event_requests();
    responses();
    events();
    error_categories();
    formatting();
    crypto();
    {
        tap_case t("version");
        CHECK(std::string(TCVOD_VERSION_STRING).size() >= 5);
    }
    return failures == 0 ? 0 : 1;
}
