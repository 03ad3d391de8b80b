// The two JSON backends against each other: bytes -> the response decoder
// and the event decoder (callback body, PullEvent response, decode_any) on
// simdjson and on the portable parser, strict and lenient, default and
// shallow depth limits. Checks: the same error code, field path and
// reason on every input, and the same decoded values when accepted (owning
// structs, and the event views copied out).
#include "tcvod/events.hpp"
#include "tcvod/json/portable_backend.hpp"
#include "tcvod/json/simdjson_backend.hpp"
#include "tcvod/response.hpp"

#include "fuzz_check.hpp"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace {

using simd = tcvod::detail::simdjson_backend;
using portable = tcvod::detail::portable_json_backend;

bool same_error(const tcvod::field_error& a, const tcvod::field_error& b) {
    return a.code == b.code && a.path.view() == b.path.view() && std::strcmp(a.reason_text(), b.reason_text()) == 0;
}

void report(const char* what, const tcvod::field_error& a, const tcvod::field_error& b) {
    if (same_error(a, b)) return;
    std::fprintf(stderr, "%s: simdjson says \"%s\" (%d), portable says \"%s\" (%d)\n", what, a.message().c_str(),
                 static_cast<int>(a.code), b.message().c_str(), static_cast<int>(b.code));
}

struct decoders {
    explicit decoders(tcvod::json_decode_options options)
        : response_simd(options), response_portable(options), event_simd(options), event_portable(options) {}
    tcvod::basic_response_decoder<simd> response_simd;
    tcvod::basic_response_decoder<portable> response_portable;
    tcvod::basic_event_decoder<simd> event_simd;
    tcvod::basic_event_decoder<portable> event_portable;
};

void check(decoders& d, std::string_view body) {
    {
        auto a = d.response_simd.decode(body);
        auto b = d.response_portable.decode(body);
        tcvod::field_error ea = a ? tcvod::field_error{} : a.error();
        tcvod::field_error eb = b ? tcvod::field_error{} : b.error();
        report("response", ea, eb);
        FUZZ_CHECK(same_error(ea, eb));
        if (a && b) {
            FUZZ_CHECK(a->code == b->code && a->message == b->message);
            FUZZ_CHECK(a->code_desc == b->code_desc && a->vod_task_id == b->vod_task_id);
        }
    }
    {
        tcvod::event a, b;
        tcvod::field_error ea = d.event_simd.decode_event(body, a);
        tcvod::field_error eb = d.event_portable.decode_event(body, b);
        report("event", ea, eb);
        FUZZ_CHECK(same_error(ea, eb));
        FUZZ_CHECK(ea.code != tcvod::errc::ok || a == b);
    }
    {
        auto a = d.event_simd.decode_event(body);
        auto b = d.event_portable.decode_event(body);
        tcvod::field_error ea = a ? tcvod::field_error{} : a.error();
        tcvod::field_error eb = b ? tcvod::field_error{} : b.error();
        report("event_view", ea, eb);
        FUZZ_CHECK(same_error(ea, eb));
        FUZZ_CHECK(!a || !b || tcvod::to_owned(*a) == tcvod::to_owned(*b));
    }
    {
        auto a = d.event_simd.decode_pull_event_response(body);
        auto b = d.event_portable.decode_pull_event_response(body);
        tcvod::field_error ea = a ? tcvod::field_error{} : a.error();
        tcvod::field_error eb = b ? tcvod::field_error{} : b.error();
        report("pull_event_response_view", ea, eb);
        FUZZ_CHECK(same_error(ea, eb));
        FUZZ_CHECK(!a || !b || tcvod::to_owned(*a) == tcvod::to_owned(*b));
    }
    {
        tcvod::pull_event_response a, b;
        tcvod::field_error ea = d.event_simd.decode_pull_event_response(body, a);
        tcvod::field_error eb = d.event_portable.decode_pull_event_response(body, b);
        report("pull_event_response", ea, eb);
        FUZZ_CHECK(same_error(ea, eb));
        FUZZ_CHECK(ea.code != tcvod::errc::ok || a == b);
    }
    {
        tcvod::pull_event_response a, b;
        auto ka = d.event_simd.decode_any(body, a);
        auto kb = d.event_portable.decode_any(body, b);
        tcvod::field_error ea = ka ? tcvod::field_error{} : ka.error();
        tcvod::field_error eb = kb ? tcvod::field_error{} : kb.error();
        report("decode_any", ea, eb);
        FUZZ_CHECK(same_error(ea, eb));
        if (ka && kb) FUZZ_CHECK(*ka == *kb && a == b);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static decoders strict{tcvod::json_decode_options{}};
    static decoders lenient{tcvod::json_decode_options{true, std::size_t{4} << 20, 64}};
    static decoders shallow{tcvod::json_decode_options{false, std::size_t{4} << 20, 3}};
    std::string_view body(reinterpret_cast<const char*>(data), size);
    check(strict, body);
    check(lenient, body);
    check(shallow, body);
    return 0;
}
