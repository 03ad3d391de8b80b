// Server-side entry point: bytes of a query string or form body ->
// query_parameters::parse -> verify -> decode_request<run_procedure_request>.
// Beyond "no crash, no sanitizer report" it checks what the decoder
// promises: sorted unique keys, errors always reported with a code, a
// reused decoded_request decodes exactly like a fresh one, and every
// accepted request re-encodes, re-verifies and decodes to itself.
#include "tcvod/encode.hpp"
#include "tcvod/query_decode.hpp"

#include "fuzz_check.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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

// Every field set, lists long and with offsets: what a reused
// decoded_request may still hold from the previous request.
const char* const rich_query =
    "Action=RunProcedure&Nonce=7&Region=ap-guangzhou&SecretId=AKIDx&Signature=c2ln&SignatureMethod=HmacSHA256"
    "&SubAppId=9&Timestamp=5&Token=t&file.endTimeOffset=3.5&file.id=f&file.startTimeOffset=1"
    "&fileList.0.endTimeOffset=2&fileList.0.id=a&fileList.0.startTimeOffset=1.25&fileList.1.id=b"
    "&fileList.10.id=k&fileList.11.endTimeOffset=9&fileList.11.id=l&fileList.2.id=c&fileList.3.id=d"
    "&fileList.4.id=e&fileList.5.id=f&fileList.6.id=g&fileList.7.id=h&fileList.8.id=i&fileList.9.id=j"
    "&inputType=PullFile&notifyMode=Change&priority=3&procedure=P&pull.classId=4"
    "&pull.fileMd5=b3ae6ed07d9bf4efeeb94ed2d37ff3e3&pull.fileName=n&pull.url=http%3A%2F%2Fa.b%2F"
    "&stream.endTimeStamp=9&stream.startTimeStamp=8&stream.streamId=s&streamList.0.endTimeStamp=2"
    "&streamList.0.startTimeStamp=1&streamList.0.streamId=x&streamList.1.streamId=y&unknown=1";

struct decode_outcome {
    bool accepted = false;
    decoded value;
    std::vector<std::pair<tcvod::errc, std::string>> errors;
};

bool same(const decode_outcome& a, const decode_outcome& b) {
    return a.accepted == b.accepted && a.errors == b.errors && a.value.request == b.value.request &&
           a.value.common == b.value.common && a.value.signature == b.value.signature &&
           a.value.unknown == b.value.unknown;
}

decode_outcome decode_into(const tcvod::query_parameters& params, decoded& out, const tcvod::decode_options& opts) {
    decode_outcome o;
    tcvod::diagnostics diag;
    o.accepted = tcvod::decode_request(params, out, opts, diag);
    for (const auto& e : diag) o.errors.emplace_back(e.code, std::string(e.path.view()));
    o.value = out;
    return o;
}

// Decoding into a decoded_request that holds an earlier request (reused
// lists and strings) gives exactly what decoding into a fresh one gives,
// in both directions: rich -> input and input -> rich.
void check_reuse(const tcvod::query_parameters& params, const tcvod::decode_options& opts) {
    tcvod::query_parameters rich;
    tcvod::diagnostics ignored;
    FUZZ_CHECK(rich.parse(rich_query, {}, ignored));
    decoded fresh_input, fresh_rich, reused;
    decode_outcome expected_input = decode_into(params, fresh_input, opts);
    decode_outcome expected_rich = decode_into(rich, fresh_rich, opts);
    (void)decode_into(rich, reused, opts);
    FUZZ_CHECK(same(decode_into(params, reused, opts), expected_input));
    FUZZ_CHECK(same(decode_into(rich, reused, opts), expected_rich));
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

    tcvod::decode_options keep;
    keep.keep_unknown = true;
    check_reuse(params, {});
    check_reuse(params, keep);

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
