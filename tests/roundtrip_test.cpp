// Property: encode -> parse -> verify -> decode gives back the request,
// for thousands of random valid requests (UTF-8, reserved characters, long
// lists, both hashes, GET and POST).
#include "tcvod/encode.hpp"
#include "tcvod/query_decode.hpp"

#include "random_requests.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

TEST(RoundTrip, RandomRequestsSurviveEncodeDecode) {
    tcvod_test::request_generator gen(20261125);
    tcvod::signer s("a secret key with spaces & symbols");
    std::string out;
    tcvod::query_parameters parsed;  // reused, as a server would
    int checked = 0, long_lists = 0;
    for (int i = 0; i < 3000; ++i) {
        auto request = gen.request();
        auto common = gen.common();
        tcvod::encode_options opts;
        opts.where.method = gen.coin() ? tcvod::http_method::get : tcvod::http_method::post;
        opts.form = tcvod::output_form::query;
        tcvod::diagnostics diag;
        auto sig = tcvod::encode(request, common, s, opts, out, diag);
        ASSERT_TRUE(sig) << sig.error().message() << " case " << i;

        ASSERT_TRUE(parsed.parse(out, {}, diag)) << out;
        ASSERT_EQ(parsed.verify(s, opts.where), tcvod::errc::ok) << "case " << i;
        tcvod::decoded_request<tcvod::run_procedure_request> decoded;
        ASSERT_TRUE(tcvod::decode_request(parsed, decoded, {}, diag)) << diag.first().message() << " case " << i;
        EXPECT_EQ(decoded.request, request) << "case " << i;
        EXPECT_EQ(decoded.common, common) << "case " << i;
        EXPECT_EQ(decoded.signature, sig->view());
        long_lists += request.file_list.size() > 10 || request.stream_list.size() > 10;
        ++checked;
    }
    EXPECT_EQ(checked, 3000);
    EXPECT_GT(long_lists, 100);  // the generator really covers 11+ entries
}

TEST(RoundTrip, EncodingIsCanonical) {
    // decode(encode(x)) re-encodes to the same bytes.
    tcvod_test::request_generator gen(7);
    tcvod::signer s("k");
    std::string first, second;
    tcvod::query_parameters parsed;
    for (int i = 0; i < 500; ++i) {
        auto request = gen.request();
        auto common = gen.common();
        ASSERT_TRUE(tcvod::encode(request, common, s, {}, first));
        tcvod::diagnostics diag;
        ASSERT_TRUE(parsed.parse(first.substr(first.find('?') + 1), {}, diag));
        tcvod::decoded_request<tcvod::run_procedure_request> d;
        ASSERT_TRUE(tcvod::decode_request(parsed, d, {}, diag));
        ASSERT_TRUE(tcvod::encode(d.request, d.common, s, {}, second));
        EXPECT_EQ(first, second);
    }
}

}  // namespace
