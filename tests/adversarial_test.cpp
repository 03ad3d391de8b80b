// Hostile inputs: 10^5 keys, deep nesting, long runs of '%', huge numbers,
// 1 MiB bodies. Each returns a clean error or the right result, and the
// work grows linearly with the input. Work is measured by what the code
// reports and allocates (parameter and error counts, output sizes, bytes
// requested from operator new), never by timing.
#include "tcvod/encode.hpp"
#include "tcvod/events.hpp"
#include "tcvod/query_decode.hpp"
#include "tcvod/response.hpp"

#include "test_requests.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <new>
#include <string>
#include <string_view>

#include "allocation_counter.hpp"

namespace {

using tcvod::errc;
using namespace tcvod_test;

const std::string common_query = "Action=RunProcedure&Region=gz&Timestamp=1465185768&Nonce=11886&SecretId=AKIDexample";

std::string many_keys(std::size_t n) {
    std::string q = common_query;
    for (std::size_t i = 0; i < n; ++i) q += "&k" + std::to_string(i) + "=v";
    return q;
}

std::string many_file_ids(std::size_t n) {
    std::string q = common_query + "&inputType=MultiFile&procedure=P";
    for (std::size_t i = 0; i < n; ++i) q += "&fileList." + std::to_string(i) + ".id=" + std::to_string(i);
    return q;
}

tcvod::decode_options roomy() {
    tcvod::decode_options opts;
    opts.max_length = std::size_t{8} << 20;
    opts.max_parameters = 300000;
    opts.max_list_entries = 300000;
    return opts;
}

// ---- 10^5 keys ---------------------------------------------------------------------

TEST(Adversarial, HundredThousandKeysAreRefusedByDefault) {
    std::string q = many_keys(100000);
    ASSERT_LT(q.size(), std::size_t{1} << 20);
    tcvod::query_parameters params;
    tcvod::diagnostics diag;
    EXPECT_FALSE(params.parse(q, {}, diag));
    ASSERT_EQ(diag.size(), 1u);
    EXPECT_EQ(diag[0].code, errc::too_many_parameters);
    EXPECT_EQ(params.size(), 0u);
}

TEST(Adversarial, HundredThousandUnknownKeysEachReportedOnceWithinBoundedDiagnostics) {
    std::string q = many_keys(100000);
    tcvod::query_parameters params;
    tcvod::diagnostics diag;
    ASSERT_TRUE(params.parse(q, roomy(), diag));
    EXPECT_EQ(params.size(), 100005u);
    tcvod::decoded_request<tcvod::run_procedure_request> decoded;
    EXPECT_FALSE(tcvod::decode_request(params, decoded, roomy(), diag));
    EXPECT_EQ(diag.size(), tcvod::diagnostics::capacity);
    EXPECT_EQ(diag[0].code, errc::unknown_key);
    // Every unknown key counted exactly once (kept or dropped), plus the
    // missing inputType and what validation adds.
    EXPECT_GE(diag.size() + diag.dropped(), 100000u + 1u);
    EXPECT_LE(diag.size() + diag.dropped(), 100000u + 8u);
}

TEST(Adversarial, HundredThousandListEntriesDecodeAndReencode) {
    std::string q = many_file_ids(100000);
    tcvod::query_parameters params;
    tcvod::diagnostics diag;
    ASSERT_TRUE(params.parse(q, roomy(), diag));
    tcvod::decoded_request<tcvod::run_procedure_request> decoded;
    ASSERT_TRUE(tcvod::decode_request(params, decoded, roomy(), diag)) << diag.first().message();
    ASSERT_EQ(decoded.request.file_list.size(), 100000u);
    EXPECT_EQ(decoded.request.file_list[99999].id, "99999");
    EXPECT_EQ(decoded.request.file_list[10].id, "10");

    // Re-encoded: the same parameters (plus Signature), so the same length
    // give or take the Signature; sorted bytewise without a sort.
    std::string out;
    tcvod::encode_options opts;
    opts.form = tcvod::output_form::query;
    ASSERT_TRUE(tcvod::encode(decoded.request, decoded.common, tcvod::signer("k"), opts, out));
    EXPECT_EQ(out.size(), q.size() + std::string("&Signature=").size() + 28 + 2 * 2);  // "=" in Base64 -> %3D
    EXPECT_LT(out.find("fileList.10.id="), out.find("fileList.2.id="));
}

TEST(Adversarial, DecodingCostGrowsLinearlyWithTheNumberOfKeys) {
    if (!counting_allocations) GTEST_SKIP() << "AddressSanitizer owns operator new";
    // Memory requested while parsing n and 8n keys: linear, not quadratic.
    tcvod::query_parameters params;
    tcvod::diagnostics diag;
    std::string small = many_keys(12500), large = many_keys(100000);
    allocation_meter small_meter;
    {
        tcvod::query_parameters fresh;
        ASSERT_TRUE(fresh.parse(small, roomy(), diag));
    }
    std::size_t small_bytes = small_meter.bytes();
    allocation_meter large_meter;
    {
        tcvod::query_parameters fresh;
        ASSERT_TRUE(fresh.parse(large, roomy(), diag));
    }
    std::size_t large_bytes = large_meter.bytes();
    EXPECT_GT(large_bytes, 6 * small_bytes);
    EXPECT_LT(large_bytes, 11 * small_bytes);

    // Parsing into a reused object allocates nothing once warm, whatever the size.
    ASSERT_TRUE(params.parse(large, roomy(), diag));
    allocation_meter reuse;
    ASSERT_TRUE(params.parse(large, roomy(), diag));
    ASSERT_TRUE(params.parse(small, roomy(), diag));
    EXPECT_EQ(reuse.count(), 0u);

    // Order does not matter: keys given in reverse cost the same memory.
    std::string reversed = common_query;
    for (std::size_t i = 100000; i-- > 0;) reversed += "&k" + std::to_string(i) + "=v";
    allocation_meter reversed_meter;
    {
        tcvod::query_parameters fresh;
        ASSERT_TRUE(fresh.parse(reversed, roomy(), diag));
    }
    EXPECT_EQ(reversed_meter.bytes(), large_bytes);
}

TEST(Adversarial, DuplicateFloodIsBounded) {
    std::string q = "a=1";
    for (int i = 0; i < 100000; ++i) q += "&a=1";
    tcvod::query_parameters params;
    tcvod::diagnostics diag;
    EXPECT_FALSE(params.parse(q, roomy(), diag));
    EXPECT_EQ(diag.size(), tcvod::diagnostics::capacity);
    EXPECT_EQ(diag.size() + diag.dropped(), 100000u);  // each duplicate once
    EXPECT_EQ(diag[0].code, errc::duplicate_key);
}

// ---- deep nesting ------------------------------------------------------------------

TEST(Adversarial, DeeplyDottedKeysAreUnknownWithATruncatedPath) {
    std::string key = "file";
    for (int i = 0; i < 50000; ++i) key += ".id";
    std::string q = common_query + "&inputType=SingleFile&file.id=1&procedure=P&" + key + "=x";
    tcvod::query_parameters params;
    tcvod::diagnostics diag;
    ASSERT_TRUE(params.parse(q, {}, diag));
    tcvod::decoded_request<tcvod::run_procedure_request> decoded;
    EXPECT_FALSE(tcvod::decode_request(params, decoded, {}, diag));
    ASSERT_EQ(diag.size(), 1u);
    EXPECT_EQ(diag[0].code, errc::unknown_key);
    EXPECT_EQ(diag[0].path.view().size(), tcvod::field_path::capacity);
    EXPECT_EQ(diag[0].path.view().substr(0, 8), "file.id.");
}

TEST(Adversarial, DeepJsonNestingIsRefusedAtTheLimit) {
    std::string deep = std::string(100000, '[') + std::string(100000, ']');
    std::string in_member = R"({"code":0,"message":"","x":)" + deep + "}";
    tcvod::response_decoder responses;
    auto r = responses.decode(in_member);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, errc::too_deep);
    ASSERT_FALSE(responses.decode(deep));

    // Just inside and just outside the configured depth.
    tcvod::json_decode_options opts;
    opts.max_depth = 10;
    tcvod::response_decoder shallow(opts);
    auto nested = [](std::size_t n) {
        return R"({"code":0,"message":"","x":)" + std::string(n, '[') + std::string(n, ']') + "}";
    };
    const std::string nine = nested(9u), ten = nested(10u);  // views need their body alive
    EXPECT_TRUE(shallow.decode(nine));
    auto over = shallow.decode(ten);
    ASSERT_FALSE(over);
    EXPECT_EQ(over.error().code, errc::too_deep);

    tcvod::event_decoder events;
    tcvod::event e;
    std::string event_body = R"({"version":"4.0","eventType":"X","data":)" + deep + "}";
    EXPECT_EQ(events.decode_event(event_body, e).code, errc::too_deep);
    std::string deep_objects;
    for (int i = 0; i < 100000; ++i) deep_objects += R"({"a":)";
    deep_objects += "0" + std::string(100000, '}');
    EXPECT_NE(events.decode_event(deep_objects, e).code, errc::ok);
}

// ---- long runs of '%' --------------------------------------------------------------

TEST(Adversarial, LongRunsOfPercent) {
    tcvod::query_parameters params;
    tcvod::diagnostics diag;
    std::string bare = "a=" + std::string((std::size_t{1} << 20) - 2, '%');
    ASSERT_EQ(bare.size(), std::size_t{1} << 20);
    EXPECT_FALSE(params.parse(bare, {}, diag));
    ASSERT_EQ(diag.size(), 1u);
    EXPECT_EQ(diag[0].code, errc::bad_percent_escape);
    EXPECT_EQ(diag[0].path.view(), "a");

    std::string escaped = "a=";
    while (escaped.size() + 3 <= (std::size_t{1} << 20)) escaped += "%25";
    diag.clear();
    ASSERT_TRUE(params.parse(escaped, {}, diag));
    auto value = params.find("a");
    ASSERT_TRUE(value);
    EXPECT_EQ(value->size(), (escaped.size() - 2) / 3);
    EXPECT_EQ(std::count(value->begin(), value->end(), '%'), static_cast<std::ptrdiff_t>(value->size()));

    // A bad escape at the very end of a long valid run is still found.
    escaped.back() = 'G';
    diag.clear();
    EXPECT_FALSE(params.parse(escaped, {}, diag));
    EXPECT_EQ(diag.first().code, errc::bad_percent_escape);
}

// ---- huge numbers ------------------------------------------------------------------

TEST(Adversarial, HugeNumbersAreInvalidNotWrapped) {
    auto decode = [](const std::string& extra) {
        tcvod::query_parameters params;
        tcvod::diagnostics diag;
        tcvod::decoded_request<tcvod::run_procedure_request> decoded;
        std::string q =
            "Action=RunProcedure&Region=gz&SecretId=AKIDexample&inputType=SingleFile&file.id=1"
            "&procedure=P&" +
            extra;
        EXPECT_TRUE(params.parse(q, {}, diag));
        EXPECT_FALSE(tcvod::decode_request(params, decoded, {}, diag));
        return diag.first();
    };
    std::string digits(100000, '9');
    EXPECT_EQ(decode("Timestamp=" + digits + "&Nonce=1").code, errc::invalid_number);
    EXPECT_EQ(decode("Timestamp=1&Nonce=9223372036854775808").code, errc::invalid_number);
    EXPECT_EQ(decode("Timestamp=-9223372036854775809&Nonce=1").code, errc::invalid_number);
    EXPECT_EQ(decode("Timestamp=1&Nonce=1&priority=9223372036854775807").code, errc::out_of_range);
    EXPECT_EQ(decode("Timestamp=1&Nonce=1&file.startTimeOffset=" + digits).code, errc::invalid_number);
    EXPECT_EQ(decode("Timestamp=1&Nonce=1&file.startTimeOffset=9007199254740993.5").code, errc::invalid_number);
    EXPECT_EQ(decode("Timestamp=1&Nonce=1&file.startTimeOffset=0." + std::string(70, '0') + "1").code,
              errc::invalid_number);

    tcvod::response_decoder responses;
    const std::string as_number = R"({"code":)" + digits + R"(,"message":""})";
    const std::string as_string = R"({"code":")" + digits + R"(","message":""})";
    auto r = responses.decode(as_number);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().code, errc::ok);
    r = responses.decode(as_string);
    ASSERT_FALSE(r);
    r = responses.decode(R"({"code":1e400,"message":""})");
    ASSERT_FALSE(r);
}

TEST(Adversarial, HugeNumbersInEventsAreInvalidNotWrapped) {
    tcvod::event_decoder events;
    tcvod::event e;
    auto state_changed = [](const std::string& err_code) {
        return R"({"version":"4.0","eventType":"ProcedureStateChanged","data":{"vodTaskId":"t",)"
               R"("status":"FINISH","errCode":)" +
               err_code + "}}";
    };
    ASSERT_EQ(events.decode_event(state_changed("0"), e).code, errc::ok);
    std::string digits(100000, '9');
    for (const std::string& err_code :
         {digits, "-" + digits, std::string("9223372036854775808"), std::string("1e400"), std::string("0.5")}) {
        auto error = events.decode_event(state_changed(err_code), e);
        EXPECT_NE(error.code, errc::ok) << err_code.substr(0, 24);
        EXPECT_EQ(error.path.view(), "data.errCode") << err_code.substr(0, 24);
    }
}

// ---- many trailing commas and many events ------------------------------------------

// 4 MiB of `[0,],`: about 800,000 trailing commas. The lenient mode blanks
// them in one pass; a pass per comma (as the first version did) would take
// about 10^12 steps here, far past the test's timeout.
TEST(Adversarial, LenientTrailingCommasCostOnePass) {
    const std::string envelope = R"({"code":0,"message":"",)";
    std::string body = envelope + R"("x":[)";
    std::size_t commas = 0;
    while (body.size() < (std::size_t{4} << 20) - 64) {
        body += "[0,],";
        commas += 1;
    }
    body += "[0,],]}";  // the last one before ']' too
    commas += 2;

    std::size_t found = 0;
    tcvod::detail::for_each_trailing_comma(body, [&](std::size_t offset) {
        EXPECT_EQ(body[offset], ',');
        found += 1;
        return true;
    });
    EXPECT_EQ(found, commas);

    tcvod::json_decode_options lenient;
    lenient.lenient = true;
    tcvod::response_decoder responses(lenient);
    auto r = responses.decode(body);
    ASSERT_TRUE(r) << r.error().message();
    EXPECT_EQ(r->code, 0);

    tcvod::response_decoder strict;
    auto refused = strict.decode(body);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, errc::trailing_comma);

    tcvod::event_decoder events(lenient);
    tcvod::event e;
    std::string event_body = R"({"version":"4.0","eventType":"X","data":{)" + body.substr(envelope.size());
    event_body += "}";
    EXPECT_EQ(events.decode_event(event_body, e).code, errc::ok);
}

// A PullEvent response with 10^5 events (trailing commas everywhere, in
// the lenient mode): every event decoded, in order.
TEST(Adversarial, HundredThousandPulledEvents) {
    constexpr std::size_t n = 100000;
    std::string body = R"({"code":0,"message":"","eventList":[)";
    for (std::size_t i = 0; i < n; ++i) {
        std::string id = std::to_string(i);
        body += R"({"msgHandle":"h)" + id +
                R"(","eventContent":{"version":"4.0","eventType":"NewFileUpload",)"
                R"("data":{"fileId":")" +
                id + R"(",},},},)";
    }
    body += "]}";
    tcvod::json_decode_options opts;
    opts.lenient = true;
    opts.max_size = std::size_t{32} << 20;
    tcvod::event_decoder events(opts);
    tcvod::pull_event_response pulled;
    auto error = events.decode_pull_event_response(body, pulled);
    ASSERT_EQ(error.code, errc::ok) << error.path.view() << ": " << error.message();
    ASSERT_EQ(pulled.events.size(), n);
    EXPECT_EQ(pulled.events.front().msg_handle, "h0");
    EXPECT_EQ(pulled.events.back().msg_handle, "h" + std::to_string(n - 1));

    // Over the default 4 MiB: refused before parsing.
    tcvod::event_decoder bounded;
    EXPECT_EQ(bounded.decode_pull_event_response(body, pulled).code, errc::too_long);
}

// ---- 1 MiB inputs ------------------------------------------------------------------

TEST(Adversarial, OneMebibyteIsTheQueryLimit) {
    std::string value((std::size_t{1} << 20) - 2, 'x');
    tcvod::query_parameters params;
    tcvod::diagnostics diag;
    EXPECT_TRUE(params.parse("a=" + value, {}, diag));
    EXPECT_EQ(params.find("a")->size(), value.size());
    std::string over = "a=" + value + "x";
    allocation_meter refused;
    EXPECT_FALSE(params.parse(over, {}, diag));  // refused before any parsing
    EXPECT_EQ(diag.first().code, errc::too_long);
    if (counting_allocations) {
        EXPECT_EQ(refused.count(), 0u);
    }
}

TEST(Adversarial, OneMebibyteJsonBodies) {
    std::string message((std::size_t{1} << 20), 'm');
    std::string body = R"({"code":4000,"message":")" + message + R"(","codeDesc":"InvalidParameter"})";
    tcvod::response_decoder responses;
    auto r = responses.decode(body);
    ASSERT_TRUE(r) << r.error().message();
    EXPECT_EQ(r->message.size(), message.size());

    // Escapes all the way: 1 MiB of \u00e9 decodes to half a MiB of UTF-8.
    std::string escaped;
    while (escaped.size() < (std::size_t{1} << 20)) escaped += "\\u00e9";
    const std::string escaped_body = R"({"code":0,"message":")" + escaped + "\"}";
    r = responses.decode(escaped_body);
    ASSERT_TRUE(r) << r.error().message();
    EXPECT_EQ(r->message.size(), escaped.size() / 6 * 2);

    tcvod::json_decode_options small;
    small.max_size = 1 << 20;
    tcvod::response_decoder bounded(small);
    auto too_big = bounded.decode(body);
    ASSERT_FALSE(too_big);
    EXPECT_EQ(too_big.error().code, errc::too_long);

    // The decoder reuses its buffers: a second body of the same size
    // allocates nothing.
    ASSERT_TRUE(responses.decode(body));
    allocation_meter reuse;
    ASSERT_TRUE(responses.decode(body));
    if (counting_allocations) {
        EXPECT_EQ(reuse.count(), 0u);
    }
}

// ---- views that are not NUL-terminated ---------------------------------------------

// Found by fuzz_percent_decode: Boost.URL 1.81's parse_query measured its
// input with strlen, so a view into a larger buffer was parsed past its end.
TEST(Adversarial, ParseStaysInsideAViewThatIsNotNulTerminated) {
    const std::string buffer = "a=1%41&Signature=forged&b=2";
    tcvod::query_parameters params;
    tcvod::diagnostics diag;
    ASSERT_TRUE(params.parse(std::string_view(buffer.data(), 3), {}, diag));
    ASSERT_EQ(params.size(), 1u);
    EXPECT_EQ(params.begin()->key, "a");
    EXPECT_EQ(params.begin()->value, "1");
    ASSERT_TRUE(params.parse(std::string_view(buffer.data(), 10), {}, diag));
    EXPECT_EQ(params.find("a"), std::string_view("1A"));
    EXPECT_EQ(params.find("Sig"), std::string_view(""));
    EXPECT_FALSE(params.find("Signature"));

    // Exactly sized heap copy: under ASan a read past the end is reported.
    std::string_view text = "inputType=SingleFile&procedure=P";
    auto exact = std::make_unique<char[]>(text.size());
    std::copy(text.begin(), text.end(), exact.get());
    ASSERT_TRUE(params.parse(std::string_view(exact.get(), text.size()), {}, diag));
    EXPECT_EQ(params.size(), 2u);
    EXPECT_EQ(params.find("procedure"), std::string_view("P"));
}

// Found by fuzz_query_decode: decoding into a reused decoded_request left
// the previous request's list entries in the indices a rejected request
// skipped, where a server logging the rejected request would show them.
TEST(Adversarial, ReusedDecodeKeepsNothingFromThePreviousRequest) {
    tcvod::query_parameters params;
    tcvod::diagnostics diag;
    tcvod::decoded_request<tcvod::run_procedure_request> reused;
    ASSERT_TRUE(params.parse(common_query + "&inputType=MultiStream&procedure=P&streamList.0.streamId=previous"
                                            "&streamList.0.startTimeStamp=1&streamList.1.streamId=other"
                                            "&fileList.0.id=f",
                             {}, diag));
    (void)tcvod::decode_request(params, reused, {}, diag);
    ASSERT_EQ(reused.request.stream_list.size(), 2u);
    diag.clear();
    ASSERT_TRUE(params.parse(common_query + "&inputType=MultiStream&procedure=P&streamList.1.streamId=next"
                                            "&fileList.1.id=g",
                             {}, diag));
    EXPECT_FALSE(tcvod::decode_request(params, reused, {}, diag));
    EXPECT_EQ(diag.first().code, errc::index_gap);
    ASSERT_EQ(reused.request.stream_list.size(), 2u);
    EXPECT_EQ(reused.request.stream_list[0], tcvod::stream_clip{});
    EXPECT_EQ(reused.request.stream_list[1].stream_id, "next");
    ASSERT_EQ(reused.request.file_list.size(), 2u);
    EXPECT_EQ(reused.request.file_list[0], tcvod::file_clip{});

    tcvod::decoded_request<tcvod::run_procedure_request> fresh;
    diag.clear();
    EXPECT_FALSE(tcvod::decode_request(params, fresh, {}, diag));
    EXPECT_EQ(fresh.request, reused.request);
}

// Found by fuzz_percent_decode under UBSan: a default string_view has a
// null data(), and memcpy from null is undefined even for 0 bytes (the
// sanitizer stage reports it; here the result is checked too).
TEST(Adversarial, FieldPathFromAnEmptyNullView) {
    tcvod::field_path empty{std::string_view()};
    EXPECT_TRUE(empty.empty());
    tcvod::field_path path("fileList.");
    path.append(std::string_view()).append_index(3);
    EXPECT_EQ(path.view(), "fileList.3");
    tcvod::diagnostics diag;
    diag.add(errc::invalid_key, std::string_view(), nullptr);
    EXPECT_EQ(diag[0].message(), "invalid parameter name");
}

}  // namespace
