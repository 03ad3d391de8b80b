// Event notifications: bytes -> event_decoder as an HTTP callback body, as
// a PullEvent response and through decode_any; strict and lenient, copied
// and in place. Checks: errors carry a code; acceptance and values never
// depend on the padding bytes; lenient only accepts more; decode_any
// agrees with the specific decoders; structs reused from an earlier body
// decode like fresh ones; every accepted body re-encodes
// (encode_event / encode_pull_event_response) and decodes to itself; the
// views (event_view, pull_event_response_view, decode_any into views) give
// the same error or, copied out, the same structs as the owning decode.
// TCVOD_FUZZ_BODIES_DIR (set by fuzz/meson.build) holds the documented
// bodies the reuse check starts from.
#include "tcvod/events.hpp"
#include "tcvod/response_encode.hpp"

#include "fuzz_check.hpp"

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

namespace {

template <class Decode>
tcvod::errc decode_padded(std::string_view body, char fill, Decode decode) {
    std::string padded(body.size() + 64, fill);  // 64: simdjson's padding
    padded.replace(0, body.size(), body);
    return decode(std::string_view(padded.data(), body.size()), padded.size());
}

bool same_error(const tcvod::field_error& a, const tcvod::field_error& b) {
    return a.code == b.code && a.path.view() == b.path.view();
}

void check_event(tcvod::event_decoder& strict, tcvod::event_decoder& lenient, std::string_view body) {
    tcvod::event decoded;
    tcvod::field_error e = strict.decode_event(body, decoded);
    FUZZ_CHECK(e.code != tcvod::errc::ok || e.path.empty());
    {
        auto view = strict.decode_event(body);
        FUZZ_CHECK(same_error(view ? tcvod::field_error{} : view.error(), e));
        FUZZ_CHECK(!view || tcvod::to_owned(*view) == decoded);
    }
    for (char fill : {' ', '\0', '}', ']', 'x', '"'}) {
        tcvod::event other;
        auto code = decode_padded(body, fill, [&](std::string_view b, std::size_t capacity) {
            return strict.decode_event(b, capacity, other).code;
        });
        FUZZ_CHECK((code == tcvod::errc::ok) == (e.code == tcvod::errc::ok));
        FUZZ_CHECK(fill != ' ' || code == e.code);  // the copy is padded with spaces
        FUZZ_CHECK(e.code != tcvod::errc::ok || other == decoded);
    }
    tcvod::event loose;
    tcvod::field_error lenient_error = lenient.decode_event(body, loose);
    if (e.code != tcvod::errc::ok) return;
    FUZZ_CHECK(lenient_error.code == tcvod::errc::ok && loose == decoded);

    std::string encoded;
    tcvod::encode_event(decoded, encoded);
    tcvod::event again;
    FUZZ_CHECK(strict.decode_event(encoded, again).code == tcvod::errc::ok);
    FUZZ_CHECK(again == decoded);
}

void check_pull_response(tcvod::event_decoder& strict, tcvod::event_decoder& lenient, std::string_view body) {
    tcvod::pull_event_response decoded;
    tcvod::field_error e = strict.decode_pull_event_response(body, decoded);
    {
        auto view = strict.decode_pull_event_response(body);
        FUZZ_CHECK(same_error(view ? tcvod::field_error{} : view.error(), e));
        FUZZ_CHECK(!view || tcvod::to_owned(*view) == decoded);
    }
    for (char fill : {' ', '\0', '}', ']'}) {
        tcvod::pull_event_response other;
        auto code = decode_padded(body, fill, [&](std::string_view b, std::size_t capacity) {
            return strict.decode_pull_event_response(b, capacity, other).code;
        });
        FUZZ_CHECK((code == tcvod::errc::ok) == (e.code == tcvod::errc::ok));
        FUZZ_CHECK(fill != ' ' || code == e.code);
        FUZZ_CHECK(e.code != tcvod::errc::ok || other == decoded);
    }
    tcvod::pull_event_response loose;
    tcvod::field_error lenient_error = lenient.decode_pull_event_response(body, loose);
    if (e.code != tcvod::errc::ok) return;
    FUZZ_CHECK(lenient_error.code == tcvod::errc::ok && loose == decoded);

    std::string encoded;
    tcvod::encode_pull_event_response(decoded, encoded);
    tcvod::pull_event_response again;
    FUZZ_CHECK(strict.decode_pull_event_response(encoded, again).code == tcvod::errc::ok);
    FUZZ_CHECK(again == decoded);
}

// decode_any picks one of the two and must agree with it.
void check_any(tcvod::event_decoder& strict, std::string_view body) {
    tcvod::pull_event_response any;
    auto kind = strict.decode_any(body, any);
    {
        tcvod::pull_event_response_view view;
        auto view_kind = strict.decode_any(body, view);
        FUZZ_CHECK(view_kind.has_value() == kind.has_value());
        FUZZ_CHECK(!kind || (*view_kind == *kind && tcvod::to_owned(view) == any));
    }
    if (!kind) {
        FUZZ_CHECK(kind.error().code != tcvod::errc::ok);
        return;
    }
    if (*kind == tcvod::event_body_kind::callback) {
        tcvod::event single;
        FUZZ_CHECK(strict.decode_event(body, single).code == tcvod::errc::ok);
        FUZZ_CHECK(any.events.size() == 1 && any.events[0].content == single && any.events[0].msg_handle.empty());
    } else {
        tcvod::pull_event_response response;
        FUZZ_CHECK(strict.decode_pull_event_response(body, response).code == tcvod::errc::ok);
        FUZZ_CHECK(any == response);
    }
}

std::string read_body(const char* name) {
    std::ifstream in(std::string(TCVOD_FUZZ_BODIES_DIR) + "/" + name, std::ios::binary);
    std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    FUZZ_CHECK(!body.empty());
    return body;
}

// Decoding into structs that hold an earlier, rich event (every list and
// optional filled) gives what decoding into fresh ones gives, both ways.
// After an error the output is unspecified, so only successes compare.
void check_reuse(tcvod::event_decoder& decoder, std::string_view body) {
    static const std::string rich_event = read_body("procedure_state_changed_2_0.json");
    static const std::string rich_pull = read_body("pull_event_response.json");

    tcvod::event fresh, fresh_rich, reused;
    bool ok = decoder.decode_event(body, fresh).code == tcvod::errc::ok;
    FUZZ_CHECK(decoder.decode_event(rich_event, fresh_rich).code == tcvod::errc::ok);
    FUZZ_CHECK(decoder.decode_event(rich_event, reused).code == tcvod::errc::ok);
    FUZZ_CHECK((decoder.decode_event(body, reused).code == tcvod::errc::ok) == ok);
    FUZZ_CHECK(!ok || reused == fresh);
    FUZZ_CHECK(decoder.decode_event(rich_event, reused).code == tcvod::errc::ok && reused == fresh_rich);

    tcvod::pull_event_response pulled, pulled_rich, pulled_reused;
    ok = decoder.decode_pull_event_response(body, pulled).code == tcvod::errc::ok;
    FUZZ_CHECK(decoder.decode_pull_event_response(rich_pull, pulled_rich).code == tcvod::errc::ok);
    FUZZ_CHECK(decoder.decode_pull_event_response(rich_pull, pulled_reused).code == tcvod::errc::ok);
    FUZZ_CHECK((decoder.decode_pull_event_response(body, pulled_reused).code == tcvod::errc::ok) == ok);
    FUZZ_CHECK(!ok || pulled_reused == pulled);
    FUZZ_CHECK(decoder.decode_pull_event_response(rich_pull, pulled_reused).code == tcvod::errc::ok &&
               pulled_reused == pulled_rich);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view body(reinterpret_cast<const char*>(data), size);
    static tcvod::event_decoder strict;
    static tcvod::event_decoder lenient(tcvod::json_decode_options{true});
    check_event(strict, lenient, body);
    check_pull_response(strict, lenient, body);
    check_any(strict, body);
    check_reuse(strict, body);
    return 0;
}
