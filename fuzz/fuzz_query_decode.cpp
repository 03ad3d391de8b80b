// Server-side entry point: bytes of a query string or form body ->
// query_parameters::parse (and ::assign) -> verify -> decode_request for
// each action (RunProcedure, PullEvent, ConfirmEvent). Beyond "no crash,
// no sanitizer report" it checks what the decoder promises: sorted unique
// keys, assign() of the same pairs in another order gives the same
// parameters, errors always reported with a code, a verified request
// fails with another key, a reused decoded_request decodes exactly like a
// fresh one, and every accepted request re-encodes, re-verifies and
// decodes to itself.
#include "tcvod/encode.hpp"
#include "tcvod/event_requests.hpp"
#include "tcvod/query_decode.hpp"

#include "fuzz_check.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

template <class Request>
using decoded = tcvod::decoded_request<Request>;

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
template <class Request>
void check_reencodes(const decoded<Request>& request, const tcvod::signer& s) {
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
    decoded<Request> second;
    FUZZ_CHECK(tcvod::decode_request(again, second, {}, diag));
    FUZZ_CHECK(second.request == request.request);
    FUZZ_CHECK(second.common == request.common);
    FUZZ_CHECK(second.signature == signature->view());
}

// Every field set, lists long and with offsets: what a reused
// decoded_request may still hold from the previous request.
template <class Request>
const char* rich_query();
template <>
const char* rich_query<tcvod::run_procedure_request>() {
    return "Action=RunProcedure&Nonce=7&Region=ap-guangzhou&SecretId=AKIDx&Signature=c2ln&SignatureMethod=HmacSHA256"
           "&SubAppId=9&Timestamp=5&Token=t&file.endTimeOffset=3.5&file.id=f&file.startTimeOffset=1"
           "&fileList.0.endTimeOffset=2&fileList.0.id=a&fileList.0.startTimeOffset=1.25&fileList.1.id=b"
           "&fileList.10.id=k&fileList.11.endTimeOffset=9&fileList.11.id=l&fileList.2.id=c&fileList.3.id=d"
           "&fileList.4.id=e&fileList.5.id=f&fileList.6.id=g&fileList.7.id=h&fileList.8.id=i&fileList.9.id=j"
           "&inputType=PullFile&notifyMode=Change&priority=3&procedure=P&pull.classId=4"
           "&pull.fileMd5=b3ae6ed07d9bf4efeeb94ed2d37ff3e3&pull.fileName=n&pull.url=http%3A%2F%2Fa.b%2F"
           "&stream.endTimeStamp=9&stream.startTimeStamp=8&stream.streamId=s&streamList.0.endTimeStamp=2"
           "&streamList.0.startTimeStamp=1&streamList.0.streamId=x&streamList.1.streamId=y&unknown=1";
}
template <>
const char* rich_query<tcvod::pull_event_request>() {
    return "Action=PullEvent&Nonce=7&Region=gz&SecretId=AKIDx&Signature=c2ln&SubAppId=9&Timestamp=5&Token=t&unknown=1";
}
template <>
const char* rich_query<tcvod::confirm_event_request>() {
    return "Action=ConfirmEvent&Nonce=7&Region=gz&SecretId=AKIDx&Signature=c2ln&Timestamp=5&msgHandle.0=a"
           "&msgHandle.1=b&msgHandle.10=k&msgHandle.11=l&msgHandle.2=c&msgHandle.3=d&msgHandle.4=e&msgHandle.5=f"
           "&msgHandle.6=g&msgHandle.7=h&msgHandle.8=i&msgHandle.9=j&unknown=1";
}

template <class Request>
struct decode_outcome {
    bool accepted = false;
    decoded<Request> value;
    std::vector<std::pair<tcvod::errc, std::string>> errors;
};

template <class Request>
bool same(const decode_outcome<Request>& a, const decode_outcome<Request>& b) {
    return a.accepted == b.accepted && a.errors == b.errors && a.value.request == b.value.request &&
           a.value.common == b.value.common && a.value.signature == b.value.signature &&
           a.value.unknown == b.value.unknown;
}

template <class Request>
decode_outcome<Request> decode_into(const tcvod::query_parameters& params, decoded<Request>& out,
                                    const tcvod::decode_options& opts) {
    decode_outcome<Request> o;
    tcvod::diagnostics diag;
    o.accepted = tcvod::decode_request(params, out, opts, diag);
    for (const auto& e : diag) o.errors.emplace_back(e.code, std::string(e.path.view()));
    o.value = out;
    return o;
}

// Decoding into a decoded_request that holds an earlier request (reused
// lists and strings) gives exactly what decoding into a fresh one gives,
// in both directions: rich -> input and input -> rich.
template <class Request>
void check_reuse(const tcvod::query_parameters& params, const tcvod::decode_options& opts) {
    tcvod::query_parameters rich;
    tcvod::diagnostics ignored;
    FUZZ_CHECK(rich.parse(rich_query<Request>(), {}, ignored));
    decoded<Request> fresh_input, fresh_rich, reused;
    decode_outcome<Request> expected_input = decode_into(params, fresh_input, opts);
    decode_outcome<Request> expected_rich = decode_into(rich, fresh_rich, opts);
    (void)decode_into(rich, reused, opts);
    FUZZ_CHECK(same(decode_into(params, reused, opts), expected_input));
    FUZZ_CHECK(same(decode_into(rich, reused, opts), expected_rich));
}

// Decodes the parameters as one action, strictly and leniently, fresh and
// reused, and re-encodes what is accepted.
template <class Request>
void check_action(const tcvod::query_parameters& params, const tcvod::signer& key) {
    tcvod::decode_options keep;
    keep.keep_unknown = true;
    check_reuse<Request>(params, {});
    check_reuse<Request>(params, keep);

    tcvod::diagnostics diag;
    decoded<Request> strict;
    bool accepted = tcvod::decode_request(params, strict, {}, diag);
    FUZZ_CHECK(accepted == diag.empty());
    check_diagnostics(diag);

    // Lenient and keep_unknown only ever accept more, and never change
    // what a strictly accepted request decodes to.
    tcvod::decode_options relaxed;
    relaxed.keep_unknown = true;
    relaxed.validation.lenient = true;
    tcvod::diagnostics relaxed_diag;
    decoded<Request> loose;
    bool loosely_accepted = tcvod::decode_request(params, loose, relaxed, relaxed_diag);
    FUZZ_CHECK(loosely_accepted == relaxed_diag.empty());
    check_diagnostics(relaxed_diag);
    if (!accepted) return;
    FUZZ_CHECK(loosely_accepted);
    FUZZ_CHECK(loose.request == strict.request && loose.common == strict.common && loose.unknown.empty());

    check_reencodes(strict, key);
}

// assign() of the parsed pairs, reversed, gives the same parameters.
void check_assign(const tcvod::query_parameters& params) {
    std::vector<tcvod::parameter> pairs(params.begin(), params.end());
    std::vector<tcvod::parameter> reversed(pairs.rbegin(), pairs.rend());
    tcvod::query_parameters assigned;
    tcvod::diagnostics diag;
    FUZZ_CHECK(assigned.assign(reversed.data(), reversed.size(), {}, diag));
    FUZZ_CHECK(assigned.size() == pairs.size());
    std::size_t i = 0;
    for (const auto& p : assigned) {
        FUZZ_CHECK(p.key == pairs[i].key && p.value == pairs[i].value);
        ++i;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const tcvod::signer key("fuzzing secret key");
    static const tcvod::signer other_key("fuzzing secret kez");
    std::string_view input(reinterpret_cast<const char*>(data), size);

    tcvod::query_parameters params;
    tcvod::diagnostics diag;
    bool parsed = params.parse(input, {}, diag);
    FUZZ_CHECK(parsed == diag.empty());
    check_diagnostics(diag);
    if (!parsed) return 0;
    check_parsed(params);
    check_assign(params);

    for (auto method : {tcvod::http_method::get, tcvod::http_method::post}) {
        auto verdict = params.verify(key, {method});
        FUZZ_CHECK(verdict == tcvod::errc::ok || verdict == tcvod::errc::signature_mismatch ||
                   verdict == tcvod::errc::missing_signature);
        FUZZ_CHECK((verdict == tcvod::errc::missing_signature) == !params.find("Signature"));
        if (verdict == tcvod::errc::ok)
            FUZZ_CHECK(params.verify(other_key, {method}) == tcvod::errc::signature_mismatch);
    }

    check_action<tcvod::run_procedure_request>(params, key);
    check_action<tcvod::pull_event_request>(params, key);
    check_action<tcvod::confirm_event_request>(params, key);
    return 0;
}
