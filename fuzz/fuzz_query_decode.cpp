// Server-side entry point: bytes of a query string or form body ->
// query_parameters::parse -> verify -> decode_request<run_procedure_request>.
// Beyond "no crash, no sanitizer report" it checks what the decoder
// promises: sorted unique keys, errors always reported with a code, and
// every accepted request re-encodes, re-verifies and decodes to itself.
#include "tcvod/encode.hpp"
#include "tcvod/query_decode.hpp"

#include "fuzz_check.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

using decoded = tcvod::decoded_request<tcvod::run_procedure_request>;

void check_diagnostics(const tcvod::diagnostics& diag) {
    for (const auto& e : diag) {
        FUZZ_CHECK(e.code != tcvod::errc::ok);
        FUZZ_CHECK(e.reason_text() != nullptr);
        FUZZ_CHECK(e.path.view().size() <= tcvod::field_path::capacity);
    }
}

void check_parsed(const tcvod::query_parameters& params) {
    const tcvod::parameter* previous = nullptr;
    for (const auto& p : params) {
        if (previous) FUZZ_CHECK(previous->key < p.key);  // sorted, duplicates refused
        FUZZ_CHECK(!p.key.empty());
        auto found = params.find(p.key);
        FUZZ_CHECK(found && *found == p.value);
        previous = &p;
    }
}

// An accepted request is one the encoder accepts too, and it survives the
// round trip unchanged (the decoder and encoder share one validator).
void check_reencodes(const decoded& request, const tcvod::signer& s) {
    tcvod::diagnostics diag;
    tcvod::validate(request.common, request.request, {}, diag);
    FUZZ_CHECK(diag.empty());
    tcvod::encode_options opts;
    opts.where.method = tcvod::http_method::post;
    std::string body;
    auto signature = tcvod::encode(request.request, request.common, s, opts, body, diag);
    FUZZ_CHECK(signature.has_value());
    tcvod::query_parameters again;
    FUZZ_CHECK(again.parse(body, {}, diag));
    FUZZ_CHECK(again.verify(s, opts.where) == tcvod::errc::ok);
    decoded second;
    FUZZ_CHECK(tcvod::decode_request(again, second, {}, diag));
    FUZZ_CHECK(second.request == request.request);
    FUZZ_CHECK(second.common == request.common);
    FUZZ_CHECK(second.signature == signature->view());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const tcvod::signer key("fuzzing secret key");
    std::string_view input(reinterpret_cast<const char*>(data), size);

    tcvod::query_parameters params;
    tcvod::diagnostics diag;
    bool parsed = params.parse(input, {}, diag);
    FUZZ_CHECK(parsed == diag.empty());
    check_diagnostics(diag);
    if (!parsed) return 0;
    check_parsed(params);

    for (auto method : {tcvod::http_method::get, tcvod::http_method::post}) {
        auto verdict = params.verify(key, {method});
        FUZZ_CHECK(verdict == tcvod::errc::ok || verdict == tcvod::errc::signature_mismatch ||
                   verdict == tcvod::errc::missing_signature);
        FUZZ_CHECK((verdict == tcvod::errc::missing_signature) == !params.find("Signature"));
    }

    decoded strict;
    bool accepted = tcvod::decode_request(params, strict, {}, diag);
    FUZZ_CHECK(accepted == diag.empty());
    check_diagnostics(diag);

    // Lenient and keep_unknown only ever accept more, and never change
    // what a strictly accepted request decodes to.
    tcvod::decode_options relaxed;
    relaxed.keep_unknown = true;
    relaxed.validation.lenient = true;
    tcvod::diagnostics relaxed_diag;
    decoded loose;
    bool loosely_accepted = tcvod::decode_request(params, loose, relaxed, relaxed_diag);
    FUZZ_CHECK(loosely_accepted == relaxed_diag.empty());
    check_diagnostics(relaxed_diag);
    if (!accepted) return 0;
    FUZZ_CHECK(loosely_accepted);
    FUZZ_CHECK(loose.request == strict.request && loose.common == strict.common && loose.unknown.empty());

    check_reencodes(strict, key);
    return 0;
}
