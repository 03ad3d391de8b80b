// API responses: bytes -> response_decoder (simdjson On-Demand), strict
// and lenient, copied and in place. Checks what the decoder promises:
// errors carry a code, the in-place and copying paths agree whatever the
// padding bytes hold, the lenient mode only accepts more and never decodes
// differently, and every accepted response survives encode_response ->
// decode unchanged.
#include "tcvod/response.hpp"
#include "tcvod/response_encode.hpp"

#include "fuzz_check.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

struct outcome {
    tcvod::errc code = tcvod::errc::ok;
    tcvod::response value;
};

outcome decode_copied(tcvod::response_decoder& decoder, std::string_view body) {
    outcome o;
    auto view = decoder.decode(body);
    if (!view) {
        o.code = view.error().code;
        FUZZ_CHECK(o.code != tcvod::errc::ok && view.error().reason_text() != nullptr);
        return o;
    }
    o.value = tcvod::to_owned(*view);
    return o;
}

// In place: the body sits in a buffer with SIMDJSON_PADDING spare bytes,
// filled with `fill` (the decoder may read them, but they are not JSON).
outcome decode_in_place(tcvod::response_decoder& decoder, std::string_view body, char fill) {
    std::string padded(body.size() + 64, fill);  // 64: simdjson's padding
    padded.replace(0, body.size(), body);
    outcome o;
    auto view = decoder.decode(std::string_view(padded.data(), body.size()), padded.size());
    if (!view) {
        o.code = view.error().code;
        return o;
    }
    o.value = tcvod::to_owned(*view);
    return o;
}

bool same(const outcome& a, const outcome& b) {
    return a.code == b.code && (a.code != tcvod::errc::ok || a.value == b.value);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view body(reinterpret_cast<const char*>(data), size);
    static tcvod::response_decoder strict;
    static tcvod::response_decoder lenient(tcvod::json_decode_options{true});

    outcome copied = decode_copied(strict, body);
    // The copy is padded with spaces: in place with the same bytes it must
    // decode identically. With other padding bytes the outcome (accepted
    // or not, and what) must not change; which error a malformed body
    // reports may (simdjson checks the byte after a final true/false/null).
    FUZZ_CHECK(same(copied, decode_in_place(strict, body, ' ')));
    for (char fill : {'\0', '}', ']', 'x', '"'}) {
        outcome other = decode_in_place(strict, body, fill);
        FUZZ_CHECK((other.code == tcvod::errc::ok) == (copied.code == tcvod::errc::ok));
        FUZZ_CHECK(copied.code != tcvod::errc::ok || other.value == copied.value);
    }

    outcome loose = decode_copied(lenient, body);
    if (copied.code != tcvod::errc::ok) return 0;
    FUZZ_CHECK(loose.code == tcvod::errc::ok && loose.value == copied.value);

    // An owning response reused from a body with every member set
    // decodes like a fresh one.
    tcvod::response reused;
    FUZZ_CHECK(strict.decode(R"({"code":"5100","message":"m","codeDesc":"c","vodTaskId":"t"})", reused).code ==
               tcvod::errc::ok);
    FUZZ_CHECK(strict.decode(body, reused).code == tcvod::errc::ok && reused == copied.value);

    std::string encoded;
    tcvod::encode_response(copied.value, encoded);
    outcome again = decode_copied(strict, encoded);
    FUZZ_CHECK(again.code == tcvod::errc::ok);
    FUZZ_CHECK(again.value == copied.value);
    return 0;
}
