#include "tcvod/encode.hpp"

#include "test_requests.hpp"
#include "vectors.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace {

using namespace tcvod_test;

std::string encode_or_fail(const tcvod::run_procedure_request& r, const tcvod::common_parameters& c,
                           tcvod::encode_options opts = {}) {
    tcvod::signer s(doc_secret_key);
    std::string out;
    tcvod::diagnostics diag;
    auto sig = tcvod::encode(r, c, s, opts, out, diag);
    EXPECT_TRUE(sig.has_value()) << sig.error().message();
    return out;
}

std::string signature_of(const std::string& name) {
    for (const auto& v : load_signature_vectors())
        if (v.name == name) return v.signature;
    ADD_FAILURE() << "no vector " << name;
    return {};
}

std::string string_to_sign_of(const std::string& name) {
    for (const auto& v : load_signature_vectors())
        if (v.name == name) return v.string_to_sign;
    return {};
}

// The action parameters of a query, in order, without the common ones.
std::string action_part(const std::string& query) {
    auto at = query.find("&file");
    for (const char* k : {"&inputType", "&stream", "&pull"}) at = std::min(at, query.find(k));
    return query.substr(at + 1);
}

TEST(EncodeApiPage, SingleFileExampleHasThePageParameters) {
    tcvod::encode_options opts;
    opts.form = tcvod::output_form::query;
    auto q = encode_or_fail(single_file_example(), doc_common(), opts);
    EXPECT_EQ(action_part(q), "file.endTimeOffset=25&file.id=12345&file.startTimeOffset=10&inputType=SingleFile&procedure=SomeProcedure");
}

TEST(EncodeApiPage, MultiFileExampleHasThePageParameters) {
    tcvod::encode_options opts;
    opts.form = tcvod::output_form::query;
    auto q = encode_or_fail(multi_file_example(), doc_common(), opts);
    EXPECT_EQ(action_part(q),
              "fileList.0.endTimeOffset=100&fileList.0.id=12345&fileList.0.startTimeOffset=30&"
              "fileList.1.endTimeOffset=400&fileList.1.id=67899&fileList.1.startTimeOffset=300&"
              "inputType=MultiFile&procedure=SomeProcedure");
}

TEST(EncodeApiPage, StreamExampleCorrectedHasThePageParameters) {
    tcvod::encode_options opts;
    opts.form = tcvod::output_form::query;
    auto q = encode_or_fail(stream_example_corrected(), doc_common(), opts);
    EXPECT_EQ(action_part(q),
              "inputType=Stream&procedure=SomeProcedure&stream.endTimeStamp=15020876638&"
              "stream.startTimeStamp=15020876538&stream.streamId=12345");
}

TEST(EncodeVectors, DV1GetUrlQueryAndStringToSign) {
    auto r = single_file_example();
    tcvod::signer s(doc_secret_key);
    std::string out;
    auto sig = tcvod::encode(r, doc_common(), s, {}, out);
    ASSERT_TRUE(sig);
    EXPECT_EQ(sig->view(), signature_of("DV1"));
    std::string wire;
    for (const auto& v : load_signature_vectors())
        if (v.name == "DV1") wire = v.wire;
    EXPECT_EQ(out, "https://vod.api.qcloud.com/v2/index.php?" + wire);

    tcvod::encode_options opts;
    opts.form = tcvod::output_form::string_to_sign;
    ASSERT_TRUE(tcvod::encode(r, doc_common(), s, opts, out));
    EXPECT_EQ(out, string_to_sign_of("DV1"));
    opts.form = tcvod::output_form::query;
    ASSERT_TRUE(tcvod::encode(r, doc_common(), s, opts, out));
    EXPECT_EQ(out, wire);
}

TEST(EncodeVectors, DV1bPostBody) {
    tcvod::signer s(doc_secret_key);
    std::string out;
    tcvod::encode_options opts;
    opts.where.method = tcvod::http_method::post;
    auto sig = tcvod::encode(single_file_example(), doc_common(), s, opts, out);
    ASSERT_TRUE(sig);
    EXPECT_EQ(sig->view(), signature_of("DV1b"));
    EXPECT_EQ(out.rfind("Action=RunProcedure&", 0), 0u);  // a body, not a URL
    EXPECT_NE(out.find("Signature=L5aOZfcZlJZpDQl0ek5SK6WqLm8%3D&"), std::string::npos);
}

TEST(EncodeVectors, DV2IntegralFloatsGoOnTheWireAsIntegers) {
    // DV2 signs the text "100.0"; tcvod writes integral offsets as "100", so
    // the typed encoder gives the same request with a different signature.
    // The raw-parameter signer reproduces DV2 itself (sign_test).
    tcvod::run_procedure_request r;
    r.type = tcvod::input_type::multi_file;
    r.file_list = {{"14508071098244959037", 30.0, 100.0}, {"14508071098244966759", 300.0, 400.0}};
    r.procedure = "SomeProcedure";
    auto c = doc_common();
    c.method = tcvod::signature_method::hmac_sha256;
    tcvod::encode_options opts;
    opts.where.method = tcvod::http_method::post;
    opts.form = tcvod::output_form::string_to_sign;
    auto s2s = encode_or_fail(r, c, opts);
    std::string expected = string_to_sign_of("DV2");
    for (const char* from : {"=100.0", "=30.0", "=400.0", "=300.0"}) {
        std::string f(from);
        expected.replace(expected.find(f), f.size(), f.substr(0, f.size() - 2));
    }
    EXPECT_EQ(s2s, expected);
}

TEST(EncodeVectors, DV3StreamAsWrittenOnlyInLenientMode) {
    tcvod::run_procedure_request r;
    r.type = tcvod::input_type::stream;
    r.stream = tcvod::stream_clip{"12345", 15020876538, 1502087638};
    r.procedure = "SomeProcedure";
    tcvod::signer s(doc_secret_key);
    std::string out = "untouched";
    tcvod::diagnostics diag;
    auto strict = tcvod::encode(r, doc_common(), s, {}, out, diag);
    ASSERT_FALSE(strict);
    EXPECT_EQ(strict.error().code, tcvod::errc::bad_order);
    EXPECT_EQ(strict.error().path.view(), "stream.endTimeStamp");
    EXPECT_EQ(out, "untouched");  // nothing is written for an invalid request
    tcvod::encode_options lenient;
    lenient.validation.lenient = true;
    auto sig = tcvod::encode(r, doc_common(), s, lenient, out);
    ASSERT_TRUE(sig);
    EXPECT_EQ(sig->view(), signature_of("DV3"));
}

TEST(EncodeVectors, DV4PullFileUtf8AndReservedCharacters) {
    tcvod::run_procedure_request r;
    r.type = tcvod::input_type::pull_file;
    r.pull = tcvod::pull_source{"http://cloud.tencent.com/sample_video/sample.mp4?a=1&b=2",
                                "\xE6\xB5\x8B\xE8\xAF\x95 video+1", "b3ae6ed07d9bf4efeeb94ed2d37ff3e3", 0};
    r.procedure = "SomeProcedure";
    r.notify = tcvod::notify_mode::change;
    r.priority = -10;
    tcvod::encode_options opts;
    opts.form = tcvod::output_form::query;
    auto q = encode_or_fail(r, doc_common(), opts);
    std::string wire;
    for (const auto& v : load_signature_vectors())
        if (v.name == "DV4") wire = v.wire;
    EXPECT_EQ(q, wire);
}

TEST(EncodeVectors, DV7ElevenStreamsAndSubAppId) {
    tcvod::run_procedure_request r;
    r.type = tcvod::input_type::multi_stream;
    for (int i = 0; i <= 10; ++i) r.stream_list.push_back({"s" + std::to_string(i), std::nullopt, std::nullopt});
    r.procedure = "SomeProcedure";
    auto c = doc_common();
    c.sub_app_id = 1400001234;
    tcvod::encode_options opts;
    opts.form = tcvod::output_form::string_to_sign;
    EXPECT_EQ(encode_or_fail(r, c, opts), string_to_sign_of("DV7"));
    tcvod::signer s(doc_secret_key);
    std::string out;
    auto sig = tcvod::encode(r, c, s, {}, out);
    ASSERT_TRUE(sig);
    EXPECT_EQ(sig->view(), signature_of("DV7"));
}

TEST(EncodeVectors, DV8PresetProcedureSyntax) {
    tcvod::run_procedure_request r;
    r.type = tcvod::input_type::single_file;
    r.file = tcvod::file_clip{"14508071098244959037", std::nullopt, std::nullopt};
    r.procedure = "QCVB_SimpleProcessFile({210,220}, 10, 10, 10)";
    tcvod::signer s(doc_secret_key);
    std::string out;
    auto sig = tcvod::encode(r, doc_common(), s, {}, out);
    ASSERT_TRUE(sig);
    EXPECT_EQ(sig->view(), signature_of("DV8"));
    EXPECT_NE(out.find("&procedure=QCVB_SimpleProcessFile%28%7B210%2C220%7D%2C%2010%2C%2010%2C%2010%29"),
              std::string::npos);
}

TEST(Encode, SignatureMethodIsSentOnlyWhenSet) {
    tcvod::signer s(doc_secret_key);
    std::string out;
    auto c = doc_common();
    ASSERT_TRUE(tcvod::encode(single_file_example(), c, s, {}, out));
    EXPECT_EQ(out.find("SignatureMethod"), std::string::npos);
    c.method = tcvod::signature_method::hmac_sha256;
    auto sig = tcvod::encode(single_file_example(), c, s, {}, out);
    ASSERT_TRUE(sig);
    EXPECT_NE(out.find("&SignatureMethod=HmacSHA256&"), std::string::npos);
    EXPECT_EQ(sig->view().size(), 44u);
    c.method = tcvod::signature_method::hmac_sha1;
    ASSERT_TRUE(tcvod::encode(single_file_example(), c, s, {}, out));
    EXPECT_NE(out.find("&SignatureMethod=HmacSHA1&"), std::string::npos);
}

TEST(Encode, HostAndPathAreConfigurable) {
    tcvod::signer s(doc_secret_key);
    std::string out;
    tcvod::encode_options opts;
    opts.where.host = "127.0.0.1:8080";
    opts.where.path = "/mock/index.php";
    ASSERT_TRUE(tcvod::encode(single_file_example(), doc_common(), s, opts, out));
    EXPECT_EQ(out.rfind("https://127.0.0.1:8080/mock/index.php?Action=RunProcedure&", 0), 0u);
}

TEST(Encode, ReusedBufferStopsGrowing) {
    tcvod::signer s(doc_secret_key);
    std::string out;
    auto r = multi_file_example();
    ASSERT_TRUE(tcvod::encode(r, doc_common(), s, {}, out));
    const char* data = out.data();
    auto cap = out.capacity();
    for (int i = 0; i < 10; ++i) ASSERT_TRUE(tcvod::encode(r, doc_common(), s, {}, out));
    EXPECT_EQ(out.data(), data);
    EXPECT_EQ(out.capacity(), cap);
}

TEST(Encode, FixedBufferMeasuresThenWrites) {
    tcvod::signer s(doc_secret_key);
    std::string expected;
    ASSERT_TRUE(tcvod::encode(single_file_example(), doc_common(), s, {}, expected));
    char small[16];
    auto need = tcvod::encode_to(single_file_example(), doc_common(), s, {}, small, sizeof small);
    ASSERT_TRUE(need);
    EXPECT_EQ(*need, expected.size());
    std::string big(*need, '\0');
    auto wrote = tcvod::encode_to(single_file_example(), doc_common(), s, {}, &big[0], big.size());
    ASSERT_TRUE(wrote);
    EXPECT_EQ(big, expected);
}

TEST(Encode, DeterministicForTheSameInput) {
    tcvod::signer s(doc_secret_key);
    std::string a, b;
    ASSERT_TRUE(tcvod::encode(multi_file_example(), doc_common(), s, {}, a));
    tcvod::signer s2(doc_secret_key);
    ASSERT_TRUE(tcvod::encode(multi_file_example(), doc_common(), s2, {}, b));
    EXPECT_EQ(a, b);
    auto c = doc_common();
    c.nonce += 1;
    ASSERT_TRUE(tcvod::encode(multi_file_example(), c, s, {}, b));
    EXPECT_NE(a, b);
}

TEST(Encode, SecretNeverInOutput) {
    tcvod::signer s(doc_secret_key);
    std::string out;
    for (auto form : {tcvod::output_form::url, tcvod::output_form::query, tcvod::output_form::body,
                      tcvod::output_form::string_to_sign}) {
        tcvod::encode_options opts;
        opts.form = form;
        ASSERT_TRUE(tcvod::encode(multi_file_example(), doc_common(), s, opts, out));
        EXPECT_EQ(out.find(doc_secret_key), std::string::npos);
    }
}

}  // namespace
