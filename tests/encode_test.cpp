#include "tcvod/encode.hpp"
#include "tcvod/percent.hpp"
#include "tcvod/query_decode.hpp"

#include "request_views.hpp"
#include "test_requests.hpp"
#include "vectors.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <map>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "allocation_counter.hpp"

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
    EXPECT_EQ(
        action_part(q),
        "file.endTimeOffset=25&file.id=12345&file.startTimeOffset=10&inputType=SingleFile&procedure=SomeProcedure");
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

// ---- view requests (static arrays, string literals) against owning ones --------

using namespace tcvod::literals;
using tcvod::errc;
using tcvod::output_form;

constexpr output_form every_form[] = {output_form::url, output_form::query, output_form::body,
                                      output_form::string_to_sign};
constexpr tcvod::http_method every_method[] = {tcvod::http_method::get, tcvod::http_method::post};

// Twelve entries, so that index 10 and 11 sort between 1 and 2; offsets
// given every way a caller can.
const tcvod::file_clip_view view_files[] = {
    {"14508071098244959037", 30_s, 100_s},
    {"14508071098244966759", 300.5_s, 400},
    {"2", std::nullopt, std::nullopt},
    {"3", tcvod::time_offset::from_microseconds(1), 1},
    {"4", 0.25, std::nullopt},
    {"5", std::nullopt, 7},
    {"6", 0, 0},
    {"7", 1.5_s, 2.5},
    {"8", std::int64_t{8}, 9u},
    {"9", 9.000001_s, 10},
    {"10", 10.5_s, 11},
    {"11", -2.25, 12.125_s},
};

const tcvod::stream_clip_view view_streams[] = {
    {"s0", std::nullopt, std::nullopt},
    {"s1", 1, 2},
    {"s2", std::nullopt, 5},
    {"s3", 3, std::nullopt},
    {"s4", 0, 0},
    {"s5", std::nullopt, std::nullopt},
    {"s6", 6, 60},
    {"s7", std::nullopt, std::nullopt},
    {"s8", 8, 80},
    {"s9", std::nullopt, std::nullopt},
    {"s10", 15020876538, 15020876638},
};

tcvod::file_clip owning_of(const tcvod::file_clip_view& v) {
    return {std::string(v.id), v.start_time_offset, v.end_time_offset};
}
tcvod::stream_clip owning_of(const tcvod::stream_clip_view& v) {
    return {std::string(v.stream_id), v.start_time_stamp, v.end_time_stamp};
}

struct request_pair {
    std::string name;
    tcvod::run_procedure_request owning;
    tcvod::run_procedure_request_view view;
};

// One request per inputType, built twice: over std::string/std::vector, and
// over string literals and the static arrays above.
std::vector<request_pair> every_input_type() {
    std::vector<request_pair> pairs;
    {
        request_pair p{"SingleFile", {}, {}};
        p.view.type = p.owning.type = tcvod::input_type::single_file;
        p.view.file = tcvod::file_clip_view{"12345", 10.5_s, 25};
        p.owning.file = tcvod::file_clip{"12345", 10.5, 25};
        p.view.procedure = "SomeProcedure";
        p.owning.procedure = "SomeProcedure";
        p.view.notify = p.owning.notify = tcvod::notify_mode::finish;
        p.view.priority = p.owning.priority = 3;
        pairs.push_back(std::move(p));
    }
    {
        request_pair p{"MultiFile", {}, {}};
        p.view.type = p.owning.type = tcvod::input_type::multi_file;
        p.view.file_list = view_files;
        for (const auto& f : view_files) p.owning.file_list.push_back(owning_of(f));
        p.view.procedure = "QCVB_SimpleProcessFile({210,220}, 10, 10, 10)";
        p.owning.procedure = "QCVB_SimpleProcessFile({210,220}, 10, 10, 10)";
        pairs.push_back(std::move(p));
    }
    {
        request_pair p{"Stream", {}, {}};
        p.view.type = p.owning.type = tcvod::input_type::stream;
        p.view.stream = tcvod::stream_clip_view{"12345", 15020876538, 15020876638};
        p.owning.stream = tcvod::stream_clip{"12345", 15020876538, 15020876638};
        p.view.procedure = "SomeProcedure";
        p.owning.procedure = "SomeProcedure";
        p.view.notify = p.owning.notify = tcvod::notify_mode::none;
        pairs.push_back(std::move(p));
    }
    {
        request_pair p{"MultiStream", {}, {}};
        p.view.type = p.owning.type = tcvod::input_type::multi_stream;
        p.view.stream_list = view_streams;
        for (const auto& c : view_streams) p.owning.stream_list.push_back(owning_of(c));
        p.view.procedure = "SomeProcedure";
        p.owning.procedure = "SomeProcedure";
        p.view.priority = p.owning.priority = -10;
        pairs.push_back(std::move(p));
    }
    {
        request_pair p{"PullFile", {}, {}};
        p.view.type = p.owning.type = tcvod::input_type::pull_file;
        p.view.pull = tcvod::pull_source_view{"http://cloud.tencent.com/sample_video/sample.mp4?a=1&b=2",
                                              "\xE6\xB5\x8B\xE8\xAF\x95 video+1",
                                              std::string_view("b3ae6ed07d9bf4efeeb94ed2d37ff3e3"), 0};
        p.owning.pull = tcvod::pull_source{"http://cloud.tencent.com/sample_video/sample.mp4?a=1&b=2",
                                           "\xE6\xB5\x8B\xE8\xAF\x95 video+1", "b3ae6ed07d9bf4efeeb94ed2d37ff3e3", 0};
        p.view.procedure = "SomeProcedure";
        p.owning.procedure = "SomeProcedure";
        p.view.notify = p.owning.notify = tcvod::notify_mode::change;
        p.view.priority = p.owning.priority = 10;
        pairs.push_back(std::move(p));
    }
    return pairs;
}

struct common_pair {
    std::string name;
    tcvod::common_parameters owning;
    tcvod::common_parameters_view view;
};

// No SignatureMethod; HmacSHA1 with SubAppId; HmacSHA256 with Token.
std::vector<common_pair> every_common() {
    std::vector<common_pair> pairs;
    pairs.push_back(
        {"plain", doc_common(), {"gz", 1465185768, 11886, doc_secret_id, std::nullopt, std::nullopt, std::nullopt}});
    common_pair sha1{
        "HmacSHA1",
        doc_common(),
        {"gz", 1465185768, 11886, doc_secret_id, tcvod::signature_method::hmac_sha1, std::nullopt, 1400001234}};
    sha1.owning.method = tcvod::signature_method::hmac_sha1;
    sha1.owning.sub_app_id = 1400001234;
    pairs.push_back(sha1);
    common_pair sha256{"HmacSHA256",
                       doc_common(),
                       {"ap-guangzhou", 1512393162, 1290303896666895346, "secretIdFoo",
                        tcvod::signature_method::hmac_sha256, std::string_view("temp token/+="), std::nullopt}};
    sha256.owning.region = "ap-guangzhou";
    sha256.owning.timestamp = 1512393162;
    sha256.owning.nonce = 1290303896666895346;
    sha256.owning.secret_id = "secretIdFoo";
    sha256.owning.method = tcvod::signature_method::hmac_sha256;
    sha256.owning.token = "temp token/+=";
    pairs.push_back(sha256);
    return pairs;
}

std::string described(const tcvod::field_error& e) {
    return std::to_string(static_cast<int>(e.code)) + " " + e.message();
}

// What encode() did: the output ("untouched" when it wrote nothing), the
// signature, and every problem as "code path: reason".
struct outcome {
    bool ok = false;
    std::string out = "untouched";
    std::string signature;
    std::vector<std::string> problems;
};

template <class Request, class Storage, class Signer>
outcome run_encode(const Request& r, const tcvod::basic_common_parameters<Storage>& c, const Signer& s,
                   const tcvod::encode_options& opts) {
    outcome o;
    tcvod::diagnostics diag;
    auto sig = tcvod::encode(r, c, s, opts, o.out, diag);
    o.ok = sig.has_value();
    if (sig) {
        o.signature = std::string(sig->view());
        EXPECT_TRUE(diag.empty());
    } else {
        EXPECT_FALSE(diag.empty());
        if (!diag.empty()) {
            EXPECT_EQ(described(sig.error()), described(diag[0]));  // the first problem
        }
    }
    for (const auto& e : diag) o.problems.push_back(described(e));
    return o;
}

// The same through encode_to: measure with no room, then write into exactly
// the size returned, with guard bytes behind it.
template <class Request, class Storage, class Signer>
outcome run_encode_to(const Request& r, const tcvod::basic_common_parameters<Storage>& c, const Signer& s,
                      const tcvod::encode_options& opts) {
    outcome o;
    char probe[1] = {'#'};
    auto need = tcvod::encode_to(r, c, s, opts, probe, 0);
    EXPECT_EQ(probe[0], '#');
    std::string buffer(need ? *need + 8 : 4096, '#');
    auto wrote = tcvod::encode_to(r, c, s, opts, &buffer[0], need ? *need : buffer.size());
    if (!need) {
        EXPECT_FALSE(wrote);
        EXPECT_EQ(buffer, std::string(4096, '#')) << "an invalid request wrote something";
        o.problems.push_back(described(need.error()));
        return o;
    }
    EXPECT_TRUE(wrote);
    if (!wrote) return o;
    EXPECT_EQ(*wrote, *need);
    EXPECT_EQ(buffer.substr(*need), std::string(8, '#')) << "wrote past its capacity";
    o.ok = true;
    o.out = buffer.substr(0, *need);
    return o;
}

std::string wire_signature(const std::string& base64) {
    std::string out;
    tcvod::percent_encode_append(base64, out);
    return out;
}

TEST(EncodeView, EveryInputTypeAndFormEncodesLikeTheOwningRequest) {
    const tcvod::signer s(doc_secret_key);
    int checked = 0;
    for (const auto& r : every_input_type()) {
        for (const auto& c : every_common()) {
            for (auto method : every_method) {
                for (auto form : every_form) {
                    SCOPED_TRACE(r.name + " " + c.name + " " + std::string(tcvod::to_string(method)) + " form " +
                                 std::to_string(static_cast<int>(form)));
                    tcvod::encode_options opts;
                    opts.where.method = method;
                    opts.form = form;
                    const outcome owning = run_encode(r.owning, c.owning, s, opts);
                    ASSERT_TRUE(owning.ok) << (owning.problems.empty() ? "" : owning.problems[0]);
                    const outcome view = run_encode(r.view, c.view, s, opts);
                    ASSERT_TRUE(view.ok) << (view.problems.empty() ? "" : view.problems[0]);
                    EXPECT_EQ(view.out, owning.out);
                    EXPECT_EQ(view.signature, owning.signature);
                    EXPECT_EQ(owning.signature.size(),
                              c.owning.method == tcvod::signature_method::hmac_sha256 ? 44u : 28u);
                    EXPECT_EQ(run_encode_to(r.view, c.view, s, opts).out, owning.out);
                    EXPECT_EQ(run_encode_to(r.owning, c.owning, s, opts).out, owning.out);
                    if (form == output_form::string_to_sign) {
                        EXPECT_EQ(owning.out.rfind(std::string(tcvod::to_string(method)) +
                                                       "vod.api.qcloud.com/v2/index.php?Action=RunProcedure&",
                                                   0),
                                  0u);
                        continue;
                    }
                    // The signature on the wire is the one returned, and it verifies.
                    EXPECT_NE(owning.out.find("Signature=" + wire_signature(owning.signature)), std::string::npos);
                    std::string query = owning.out;
                    if (form == output_form::url) {
                        const std::string prefix = "https://vod.api.qcloud.com/v2/index.php?";
                        ASSERT_EQ(query.rfind(prefix, 0), 0u);
                        query.erase(0, prefix.size());
                    }
                    tcvod::query_parameters params;
                    tcvod::diagnostics diag;
                    ASSERT_TRUE(params.parse(query, {}, diag)) << diag.first().message();
                    EXPECT_EQ(params.verify(s, {method}), errc::ok);
                    ++checked;
                }
            }
        }
    }
    EXPECT_EQ(checked, 5 * 3 * 2 * 3);
}

TEST(EncodeView, DocumentedVectorsFromViews) {
    const tcvod::signer s(doc_secret_key);
    const tcvod::common_parameters_view common{"gz",         1465185768,   11886,       doc_secret_id,
                                               std::nullopt, std::nullopt, std::nullopt};
    const auto vectors = load_signature_vectors();
    auto vector_named = [&](const std::string& name) {
        for (const auto& v : vectors)
            if (v.name == name) return v;
        ADD_FAILURE() << "no vector " << name;
        return signature_vector{};
    };
    // DV1 and DV1b: SingleFile, GET URL and POST body.
    tcvod::run_procedure_request_view single;
    single.file = tcvod::file_clip_view{"12345", 10, 25};
    single.procedure = "SomeProcedure";
    outcome get = run_encode(single, common, s, {});
    ASSERT_TRUE(get.ok);
    EXPECT_EQ(get.signature, vector_named("DV1").signature);
    EXPECT_EQ(get.out, "https://vod.api.qcloud.com/v2/index.php?" + vector_named("DV1").wire);
    tcvod::encode_options post;
    post.where.method = tcvod::http_method::post;
    const outcome body = run_encode_to(single, common, s, post);
    std::string expected_body = vector_named("DV1").wire;  // the same parameters, signed for POST
    const std::string dv1_signature = wire_signature(vector_named("DV1").signature);
    expected_body.replace(expected_body.find(dv1_signature), dv1_signature.size(),
                          wire_signature(vector_named("DV1b").signature));
    EXPECT_EQ(body.out, expected_body);

    // DV2: the string to sign has 30 and 100 where DV2 has 30.0 and 100.0
    // (see DV2IntegralFloatsGoOnTheWireAsIntegers), however the offsets are given.
    std::string dv2 = vector_named("DV2").string_to_sign;
    for (const char* from : {"=100.0", "=30.0", "=400.0", "=300.0"}) {
        const std::string f(from);
        dv2.replace(dv2.find(f), f.size(), f.substr(0, f.size() - 2));
    }
    static const tcvod::file_clip_view as_literals[] = {{"14508071098244959037", 30_s, 100_s},
                                                        {"14508071098244966759", 300_s, 400_s}};
    static const tcvod::file_clip_view as_integers[] = {{"14508071098244959037", 30, 100},
                                                        {"14508071098244966759", 300, 400}};
    static const tcvod::file_clip_view as_doubles[] = {{"14508071098244959037", 30.0, 100.0},
                                                       {"14508071098244966759", 300.0, 400.0}};
    static const tcvod::file_clip_view as_microseconds[] = {
        {"14508071098244959037", tcvod::time_offset::from_microseconds(30000000),
         tcvod::time_offset::from_microseconds(100000000)},
        {"14508071098244966759", tcvod::time_offset::from_microseconds(300000000),
         tcvod::time_offset::from_microseconds(400000000)}};
    auto dv2_common = common;
    dv2_common.method = tcvod::signature_method::hmac_sha256;
    tcvod::encode_options dv2_opts;
    dv2_opts.where.method = tcvod::http_method::post;
    dv2_opts.form = output_form::string_to_sign;
    std::string dv2_signature;
    for (tcvod::list_view<tcvod::file_clip_view> files :
         {tcvod::list_view<tcvod::file_clip_view>(as_literals), tcvod::list_view<tcvod::file_clip_view>(as_integers),
          tcvod::list_view<tcvod::file_clip_view>(as_doubles),
          tcvod::list_view<tcvod::file_clip_view>(as_microseconds)}) {
        tcvod::run_procedure_request_view multi;
        multi.type = tcvod::input_type::multi_file;
        multi.file_list = files;
        multi.procedure = "SomeProcedure";
        dv2_opts.form = output_form::string_to_sign;
        const outcome s2s = run_encode(multi, dv2_common, s, dv2_opts);
        EXPECT_EQ(s2s.out, dv2);
        EXPECT_EQ(run_encode_to(multi, dv2_common, s, dv2_opts).out, dv2);
        dv2_opts.form = output_form::body;
        const outcome signed_body = run_encode(multi, dv2_common, s, dv2_opts);
        ASSERT_TRUE(signed_body.ok);
        if (dv2_signature.empty()) dv2_signature = signed_body.signature;
        EXPECT_EQ(signed_body.signature, dv2_signature);                  // the same four ways
        EXPECT_NE(signed_body.signature, vector_named("DV2").signature);  // DV2 signs "100.0"
    }

    // DV7: eleven streams from a static array, with SubAppId.
    static const tcvod::stream_clip_view eleven[] = {
        {"s0", std::nullopt, std::nullopt}, {"s1", std::nullopt, std::nullopt}, {"s2", std::nullopt, std::nullopt},
        {"s3", std::nullopt, std::nullopt}, {"s4", std::nullopt, std::nullopt}, {"s5", std::nullopt, std::nullopt},
        {"s6", std::nullopt, std::nullopt}, {"s7", std::nullopt, std::nullopt}, {"s8", std::nullopt, std::nullopt},
        {"s9", std::nullopt, std::nullopt}, {"s10", std::nullopt, std::nullopt}};
    tcvod::run_procedure_request_view streams;
    streams.type = tcvod::input_type::multi_stream;
    streams.stream_list = eleven;
    streams.procedure = "SomeProcedure";
    auto dv7_common = common;
    dv7_common.sub_app_id = 1400001234;
    tcvod::encode_options s2s;
    s2s.form = output_form::string_to_sign;
    EXPECT_EQ(run_encode(streams, dv7_common, s, s2s).out, vector_named("DV7").string_to_sign);
    EXPECT_EQ(run_encode(streams, dv7_common, s, {}).signature, vector_named("DV7").signature);

    // DV4: PullFile with UTF-8 and reserved characters, as a query.
    tcvod::run_procedure_request_view pull;
    pull.type = tcvod::input_type::pull_file;
    pull.pull = tcvod::pull_source_view{"http://cloud.tencent.com/sample_video/sample.mp4?a=1&b=2",
                                        "\xE6\xB5\x8B\xE8\xAF\x95 video+1",
                                        std::string_view("b3ae6ed07d9bf4efeeb94ed2d37ff3e3"), 0};
    pull.procedure = "SomeProcedure";
    pull.notify = tcvod::notify_mode::change;
    pull.priority = -10;
    tcvod::encode_options query;
    query.form = output_form::query;
    EXPECT_EQ(run_encode(pull, common, s, query).out, vector_named("DV4").wire);
    EXPECT_EQ(run_encode_to(pull, common, s, query).out, vector_named("DV4").wire);
}

// Invalid requests: the view form is refused with the same problems, in the
// same order, with the same messages, and nothing is written.
std::vector<std::pair<std::string, tcvod::run_procedure_request>> invalid_requests() {
    std::vector<std::pair<std::string, tcvod::run_procedure_request>> out;
    auto multi = multi_file_example();
    multi.file_list.resize(12, tcvod::file_clip{"x", std::nullopt, std::nullopt});
    multi.file_list[0].end_time_offset = 1;  // before its start (30)
    multi.file_list[10].id.clear();
    multi.file_list[11].start_time_offset = tcvod::time_offset::invalid();
    multi.stream = tcvod::stream_clip{"", 5, std::nullopt};  // foreign
    multi.priority = 11;
    out.emplace_back("MultiFile", multi);
    tcvod::run_procedure_request stream;
    stream.type = tcvod::input_type::stream;
    stream.stream = tcvod::stream_clip{"12345", 15020876538, 1502087638};  // the API page's typo
    stream.procedure = "SomeProcedure";
    out.emplace_back("Stream", stream);
    tcvod::run_procedure_request pull;
    pull.type = tcvod::input_type::pull_file;
    pull.pull = tcvod::pull_source{"ftp://host/v.mp4", "", "b3ae6ed07d9bf4efeeb94ed2d37ff3e", -1};
    pull.file = tcvod::file_clip{"", 1.0 / 3, std::nullopt};  // foreign, and not a 6-place decimal
    out.emplace_back("PullFile", pull);
    tcvod::run_procedure_request streams;
    streams.type = tcvod::input_type::multi_stream;
    out.emplace_back("MultiStream", streams);  // no entry, no procedure
    return out;
}

TEST(EncodeView, InvalidViewRequestsAreRefusedLikeOwningOnes) {
    const tcvod::signer s(doc_secret_key);
    auto bad_common = doc_common();
    bad_common.region.clear();
    bad_common.nonce = 0;
    bad_common.token = "";
    int refused = 0;
    for (const auto& [name, owning] : invalid_requests()) {
        const request_view_storage view(owning);
        for (const auto& common : {doc_common(), bad_common}) {
            SCOPED_TRACE(name);
            for (auto form : every_form) {
                tcvod::encode_options opts;
                opts.form = form;
                const outcome o = run_encode(owning, common, s, opts);
                const outcome v = run_encode(view.request, view_of(common), s, opts);
                ASSERT_FALSE(o.ok);
                EXPECT_FALSE(v.ok);
                EXPECT_EQ(v.problems, o.problems);
                EXPECT_EQ(o.out, "untouched");
                EXPECT_EQ(v.out, "untouched");
                const outcome o_to = run_encode_to(owning, common, s, opts);
                const outcome v_to = run_encode_to(view.request, view_of(common), s, opts);
                EXPECT_FALSE(v_to.ok);
                ASSERT_EQ(v_to.problems.size(), 1u);
                EXPECT_EQ(v_to.problems, o_to.problems);
                EXPECT_EQ(v_to.problems[0], o.problems[0]);  // encode_to reports the first
                ++refused;
            }
        }
    }
    EXPECT_EQ(refused, 4 * 2 * 4);
    // Spot-check what they are, so that "the same" cannot mean "both empty".
    const auto requests = invalid_requests();
    const outcome multi = run_encode(request_view_storage(requests[0].second).request, view_of(bad_common), s, {});
    EXPECT_EQ(multi.problems,
              (std::vector<std::string>{"1 Region: is required", "3 Token: must not be empty when present",
                                        "5 Nonce: must be a positive integer",
                                        "2 stream.startTimeStamp: is not valid when inputType is MultiFile",
                                        "6 fileList.0.endTimeOffset: must not be less than startTimeOffset",
                                        "1 fileList.10.id: is required when inputType is MultiFile",
                                        "9 fileList.11.startTimeOffset: must be seconds with at most 6 decimal "
                                        "places, within +-9223372036854 s",
                                        "5 priority: must be between -10 and 10"}));
    const outcome pull = run_encode(request_view_storage(requests[2].second).request, view_of(doc_common()), s, {});
    EXPECT_EQ(pull.problems,
              (std::vector<std::string>{"2 file.startTimeOffset: is not valid when inputType is PullFile",
                                        "7 pull.url: must be an absolute http or https URL with a host",
                                        "1 pull.fileName: is required when inputType is PullFile",
                                        "8 pull.fileMd5: must be 32 hex digits", "5 pull.classId: must not be negative",
                                        "1 procedure: is required and must not be empty"}));
}

// Allocations made by encode_to over every common, method and form, with
// the two-hash signer (measuring, then writing) and the one-hash signer.
std::size_t encode_to_allocations(const request_pair& r) {
    const tcvod::signer both(doc_secret_key);
    const tcvod::sha1_signer sha1(doc_secret_key);
    const tcvod::sha256_signer sha256(doc_secret_key);
    static char buffer[16384];
    std::size_t total = 0;
    for (const auto& c : every_common()) {
        for (auto method : every_method) {
            for (auto form : every_form) {
                SCOPED_TRACE(r.name + " " + c.name + " form " + std::to_string(static_cast<int>(form)));
                tcvod::encode_options opts;
                opts.where.method = method;
                opts.form = form;
                allocation_meter meter;
                const auto need = tcvod::encode_to(r.view, c.view, both, opts, buffer, 0);
                const auto wrote = tcvod::encode_to(r.view, c.view, both, opts, buffer, sizeof buffer);
                const auto one = c.view.effective_method() == tcvod::signature_method::hmac_sha256
                                     ? tcvod::encode_to(r.view, c.view, sha256, opts, buffer, sizeof buffer)
                                     : tcvod::encode_to(r.view, c.view, sha1, opts, buffer, sizeof buffer);
                const std::size_t allocations = meter.count();
                total += allocations;
                EXPECT_TRUE(need && wrote && one);
                if (!(need && wrote && one)) continue;
                EXPECT_EQ(*wrote, *need);
                EXPECT_EQ(*one, *need);
                EXPECT_LE(*wrote, sizeof buffer);
                EXPECT_GT(*wrote, 100u);
                EXPECT_EQ(allocations, 0u);
            }
        }
    }
    return total;
}

// Runs in every build: these requests' keys all fit std::string's inline
// buffer (15 bytes), which sidesteps the debug-only copy described below.
TEST(EncodeView, EncodeToWithAViewRequestDoesNotAllocate) {
    if (!counting_allocations) GTEST_SKIP() << "AddressSanitizer owns operator new";
    auto requests = every_input_type();
    request_pair single{"SingleFile without offsets", {}, {}};
    single.view.file = tcvod::file_clip_view{"14508071098244959037", std::nullopt, std::nullopt};
    single.view.procedure = "QCVB_SimpleProcessFile({210,220}, 10, 10, 10)";
    EXPECT_EQ(encode_to_allocations(single), 0u);
    ASSERT_EQ(requests[4].name, "PullFile");
    EXPECT_EQ(encode_to_allocations(requests[4]), 0u);
    // Nor when refusing: a validation problem, a hash the signer lacks.
    static char buffer[4096];
    const auto commons = every_common();
    tcvod::run_procedure_request_view invalid = requests[1].view;
    invalid.procedure = std::string_view();
    allocation_meter meter;
    const auto refused =
        tcvod::encode_to(invalid, commons[0].view, tcvod::signer(doc_secret_key), {}, buffer, sizeof buffer);
    const auto lacking = tcvod::encode_to(requests[0].view, commons[2].view, tcvod::sha1_signer(doc_secret_key), {},
                                          buffer, sizeof buffer);
    const std::size_t allocations = meter.count();
    EXPECT_FALSE(refused);
    EXPECT_FALSE(lacking);
    EXPECT_EQ(allocations, 0u);
}

// Every inputType, with assertions on too (measure_and_sign's debug copy
// of the previous key once allocated for keys over 15 bytes; now it is a
// fixed buffer).
TEST(EncodeView, EncodeToWithAnyViewRequestDoesNotAllocate) {
    if (!counting_allocations) GTEST_SKIP() << "AddressSanitizer owns operator new";
    for (const auto& r : every_input_type()) EXPECT_EQ(encode_to_allocations(r), 0u) << r.name;
}

// encode() into a string with room stays off the heap too. Its
// string_to_sign form goes through measure_and_sign too.
TEST(EncodeView, EncodeIntoAReusedStringStopsAllocating) {
    if (!counting_allocations) GTEST_SKIP() << "AddressSanitizer owns operator new";
    const auto commons = every_common();
    const tcvod::signer s(doc_secret_key);
    std::string out;
    out.reserve(16384);
    tcvod::diagnostics diag;
    for (const auto& r : every_input_type()) {
        for (auto form : every_form) {
            SCOPED_TRACE(r.name + " form " + std::to_string(static_cast<int>(form)));
            tcvod::encode_options opts;
            opts.form = form;
            allocation_meter meter;
            const auto sig = tcvod::encode(r.view, commons[2].view, s, opts, out, diag);
            const std::size_t allocations = meter.count();
            ASSERT_TRUE(sig);
            EXPECT_EQ(allocations, 0u);
        }
    }
}

// ---- one-hash signers ------------------------------------------------------------

TEST(EncodeOneHashSigner, SameOutputAsSignerForItsMethod) {
    const tcvod::signer both(doc_secret_key);
    const tcvod::sha1_signer sha1(doc_secret_key);
    const tcvod::sha256_signer sha256(doc_secret_key);
    for (const auto& r : every_input_type()) {
        for (const auto& c : every_common()) {
            for (auto form : every_form) {
                SCOPED_TRACE(r.name + " " + c.name + " form " + std::to_string(static_cast<int>(form)));
                tcvod::encode_options opts;
                opts.form = form;
                const bool is_sha256 = c.owning.effective_method() == tcvod::signature_method::hmac_sha256;
                const outcome expected = run_encode(r.owning, c.owning, both, opts);
                ASSERT_TRUE(expected.ok);
                const outcome view =
                    is_sha256 ? run_encode(r.view, c.view, sha256, opts) : run_encode(r.view, c.view, sha1, opts);
                const outcome owning = is_sha256 ? run_encode(r.owning, c.owning, sha256, opts)
                                                 : run_encode(r.owning, c.owning, sha1, opts);
                EXPECT_EQ(view.out, expected.out);
                EXPECT_EQ(view.signature, expected.signature);
                EXPECT_EQ(owning.out, expected.out);
                EXPECT_EQ(owning.signature, expected.signature);
                const outcome to =
                    is_sha256 ? run_encode_to(r.view, c.view, sha256, opts) : run_encode_to(r.view, c.view, sha1, opts);
                EXPECT_EQ(to.out, expected.out);
            }
        }
    }
}

TEST(EncodeOneHashSigner, OtherMethodIsInvalidSignatureMethodAndWritesNothing) {
    const tcvod::sha1_signer sha1(doc_secret_key);
    const tcvod::sha256_signer sha256(doc_secret_key);
    const std::vector<std::string> refused = {"42 SignatureMethod: names a hash this signer does not hold"};
    int checked = 0;
    for (const auto& r : every_input_type()) {
        for (const auto& c : every_common()) {
            for (auto form : every_form) {
                SCOPED_TRACE(r.name + " " + c.name + " form " + std::to_string(static_cast<int>(form)));
                tcvod::encode_options opts;
                opts.form = form;
                const bool is_sha256 = c.owning.effective_method() == tcvod::signature_method::hmac_sha256;
                // The signer that lacks this request's hash.
                const outcome view =
                    is_sha256 ? run_encode(r.view, c.view, sha1, opts) : run_encode(r.view, c.view, sha256, opts);
                const outcome owning = is_sha256 ? run_encode(r.owning, c.owning, sha1, opts)
                                                 : run_encode(r.owning, c.owning, sha256, opts);
                const outcome view_to =
                    is_sha256 ? run_encode_to(r.view, c.view, sha1, opts) : run_encode_to(r.view, c.view, sha256, opts);
                const outcome owning_to = is_sha256 ? run_encode_to(r.owning, c.owning, sha1, opts)
                                                    : run_encode_to(r.owning, c.owning, sha256, opts);
                for (const outcome* o : {&view, &owning, &view_to, &owning_to}) {
                    EXPECT_FALSE(o->ok);
                    EXPECT_EQ(o->problems, refused);
                    EXPECT_EQ(o->out, "untouched");
                    EXPECT_EQ(o->signature, "");
                }
                ++checked;
            }
        }
    }
    EXPECT_EQ(checked, 5 * 3 * 4);
    // The result names the field as well.
    std::string out = "untouched";
    auto c = every_common()[2].view;
    auto result = tcvod::encode(every_input_type()[0].view, c, sha1, {}, out);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, errc::invalid_signature_method);
    EXPECT_EQ(result.error().path.view(), "SignatureMethod");
    EXPECT_EQ(out, "untouched");
    char buffer[64] = {};
    auto sized =
        tcvod::encode_to(every_input_type()[0].view, every_common()[0].view, sha256, {}, buffer, sizeof buffer);
    ASSERT_FALSE(sized);
    EXPECT_EQ(sized.error().code, errc::invalid_signature_method);
    EXPECT_EQ(sized.error().path.view(), "SignatureMethod");
    EXPECT_EQ(std::string(buffer, sizeof buffer), std::string(sizeof buffer, '\0'));
    // After validation problems, last.
    auto invalid = every_input_type()[0].owning;
    invalid.procedure.clear();
    const outcome both = run_encode(invalid, every_common()[2].owning, sha1, {});
    EXPECT_EQ(both.problems, (std::vector<std::string>{"1 procedure: is required and must not be empty",
                                                       "42 SignatureMethod: names a hash this signer does not hold"}));
}

// ---- offsets on the wire ----------------------------------------------------------

TEST(EncodeOffsets, EveryWayOfGivingAnOffsetHasTheDocumentedWireText) {
    static const tcvod::file_clip_view files[] = {
        {"a", 10.5_s, 30},
        {"b", tcvod::time_offset::from_microseconds(1), tcvod::time_offset::from_microseconds(30000000)},
        {"c", -2.25, 30.0},
        {"d", 0.000001, 10.5},
        {"e", tcvod::time_offset::from_microseconds(-2250000), 0},
        {"f", std::int64_t{30}, 9223372036854.775807_s},
        {"g", 100.0, 100u},
        {"h", 0.001_s, 86399.999},
    };
    tcvod::run_procedure_request_view view;
    view.type = tcvod::input_type::multi_file;
    view.file_list = files;
    view.procedure = "P";
    tcvod::run_procedure_request owning;
    owning.type = tcvod::input_type::multi_file;
    for (const auto& f : files) owning.file_list.push_back(owning_of(f));
    owning.procedure = "P";
    const std::string expected =
        "fileList.0.endTimeOffset=30&fileList.0.id=a&fileList.0.startTimeOffset=10.5&"
        "fileList.1.endTimeOffset=30&fileList.1.id=b&fileList.1.startTimeOffset=0.000001&"
        "fileList.2.endTimeOffset=30&fileList.2.id=c&fileList.2.startTimeOffset=-2.25&"
        "fileList.3.endTimeOffset=10.5&fileList.3.id=d&fileList.3.startTimeOffset=0.000001&"
        "fileList.4.endTimeOffset=0&fileList.4.id=e&fileList.4.startTimeOffset=-2.25&"
        "fileList.5.endTimeOffset=9223372036854.775807&fileList.5.id=f&fileList.5.startTimeOffset=30&"
        "fileList.6.endTimeOffset=100&fileList.6.id=g&fileList.6.startTimeOffset=100&"
        "fileList.7.endTimeOffset=86399.999&fileList.7.id=h&fileList.7.startTimeOffset=0.001&"
        "inputType=MultiFile&procedure=P";
    const tcvod::signer s(doc_secret_key);
    for (auto form : {output_form::query, output_form::string_to_sign}) {
        tcvod::encode_options opts;
        opts.form = form;
        const outcome v = run_encode(view, view_of(doc_common()), s, opts);
        ASSERT_TRUE(v.ok) << (v.problems.empty() ? "" : v.problems[0]);
        EXPECT_EQ(action_part(v.out), expected);  // digits, '.' and '-' need no escaping
        EXPECT_EQ(run_encode(owning, doc_common(), s, opts).out, v.out);
        EXPECT_EQ(run_encode_to(view, view_of(doc_common()), s, opts).out, v.out);
    }
    // The decoder reads every one of them back to the same offset.
    tcvod::encode_options opts;
    opts.form = output_form::query;
    const outcome q = run_encode(view, view_of(doc_common()), s, opts);
    tcvod::query_parameters params;
    tcvod::diagnostics diag;
    ASSERT_TRUE(params.parse(q.out, {}, diag));
    tcvod::decoded_request<tcvod::run_procedure_request> decoded;
    ASSERT_TRUE(tcvod::decode_request(params, decoded, {}, diag)) << diag.first().message();
    EXPECT_EQ(decoded.request, owning);
}

}  // namespace
