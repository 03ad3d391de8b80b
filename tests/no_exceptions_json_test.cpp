// Built with -fno-exceptions -fno-rtti: the response, event and event-request
// headers compile and work without exceptions (simdjson's error-code API
// only). Exits 0 when every check holds.
#include "tcvod/encode.hpp"
#include "tcvod/event_model.hpp"
#include "tcvod/event_requests.hpp"
#include "tcvod/events.hpp"
#include "tcvod/response.hpp"
#include "tcvod/response_encode.hpp"
#include "tcvod/response_model.hpp"
#include "tcvod/vod_error.hpp"

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
#error "this test must be compiled with -fno-exceptions"
#endif
#if TCVOD_HAS_EXCEPTIONS || SIMDJSON_EXCEPTIONS
#error "exceptions were not detected as disabled"
#endif

#ifdef BOOST_NO_EXCEPTIONS
#include <boost/assert/source_location.hpp>
#include <boost/throw_exception.hpp>
namespace boost {
void throw_exception(const std::exception&) { std::abort(); }
void throw_exception(const std::exception&, const boost::source_location&) { std::abort(); }
}  // namespace boost
#endif

namespace {

int failures = 0;

void check(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "FAILED: %s\n", what);
        ++failures;
    }
}

}  // namespace

int main() {
    tcvod::response_decoder responses;
    auto r = responses.decode(R"({"code":"10008","message":"\u6587\u4ef6","codeDesc":"x"})");
    check(r.has_value() && r->code == 10008, "response decodes");
    check(r && r->error_code() == tcvod::vod_errc::file_not_found, "error_code compares with vod_errc");
    check(!responses.decode(R"({"code":0,"message":"",})").has_value(), "strict mode refuses a trailing comma");

    tcvod::event_decoder events;
    tcvod::pull_event_response pulled;
    auto kind = events.decode_any(
        R"({"code":0,"message":"","eventList":[{"msgHandle":"h","eventContent":{"version":4,"eventType":"ProcedureStateChanged",)"
        R"("data":{"status":"FINISH","processTaskList":[{"taskType":"CoverBySnapshot","status":"SUCCESS","output":{"imageUrl":"u"}}]}}}]})",
        pulled);
    check(kind.has_value() && *kind == tcvod::event_body_kind::pull_event_response, "PullEvent response decodes");
    check(pulled.events.size() == 1 && pulled.events[0].content.procedure_state, "event is typed");

    std::string json;
    tcvod::encode_pull_event_response(pulled, json);
    tcvod::pull_event_response back;
    check(events.decode_pull_event_response(json, back).code == tcvod::errc::ok && back == pulled, "round trip");

    tcvod::common_parameters common;
    common.region = "gz";
    common.timestamp = 1465185768;
    common.nonce = 11886;
    common.secret_id = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA";
    tcvod::signer signer("Gu5t9xGARNpq86cd98joQYCN3Cozk1qA");  // the documentation's example key
    std::string url;
    auto signature = tcvod::encode(tcvod::confirm_event_request{{"MsgHandle1", "MsgHandle2"}}, common, signer, {}, url);
    check(signature && signature->view() == "qlTC02eGmcBmaS+6m8yw2hwyrG8=", "DV5 through the typed encoder");

    if (failures == 0) std::printf("no-exceptions build: all checks passed\n");
    return failures == 0 ? 0 : 1;
}
