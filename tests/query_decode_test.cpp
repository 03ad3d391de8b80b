// Server side: strict parsing, limits, duplicate and unknown keys, list
// indices, typed decoding and signature verification.
#include "tcvod/query_decode.hpp"
#include "tcvod/encode.hpp"

#include "test_requests.hpp"
#include "vectors.hpp"

#include <boost/url/encoding_opts.hpp>
#include <boost/url/params_encoded_view.hpp>
#include <boost/url/parse_query.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace {

using namespace tcvod_test;
using tcvod::errc;

struct outcome {
    bool ok;
    std::vector<std::pair<errc, std::string>> problems;
};

outcome parse_only(std::string_view q, tcvod::decode_options opts = {}) {
    tcvod::query_parameters p;
    tcvod::diagnostics diag;
    outcome o{p.parse(q, opts, diag), {}};
    for (const auto& e : diag) o.problems.emplace_back(e.code, std::string(e.path.view()));
    return o;
}

outcome decode(std::string_view q, tcvod::decode_options opts = {},
               tcvod::decoded_request<tcvod::run_procedure_request>* out = nullptr) {
    tcvod::query_parameters p;
    tcvod::diagnostics diag;
    tcvod::decoded_request<tcvod::run_procedure_request> d;
    bool ok = p.parse(q, opts, diag) && tcvod::decode_request(p, d, opts, diag);
    outcome o{ok, {}};
    for (const auto& e : diag) o.problems.emplace_back(e.code, std::string(e.path.view()));
    if (out) *out = d;
    return o;
}

const std::string base = "Action=RunProcedure&Region=gz&Timestamp=1465185768&Nonce=11886&SecretId=AKIDexample";

using problems = std::vector<std::pair<errc, std::string>>;

TEST(QueryParse, PercentDecodingAndPlusAsSpace) {
    tcvod::query_parameters p;
    tcvod::diagnostics diag;
    ASSERT_TRUE(p.parse("?a=%E6%B5%8B%e8%af%95&b=x+y%2Bz&c=&d&e=%26%3D", {}, diag));
    EXPECT_EQ(p.find("a"), std::string_view("\xE6\xB5\x8B\xE8\xAF\x95"));  // mixed-case hex is fine
    EXPECT_EQ(p.find("b"), std::string_view("x y+z"));
    EXPECT_EQ(p.find("c"), std::string_view(""));
    EXPECT_EQ(p.find("d"), std::string_view(""));
    EXPECT_EQ(p.find("e"), std::string_view("&="));
    EXPECT_FALSE(p.find("f"));
}

TEST(QueryParse, MalformedEscapesAreErrors) {
    for (const char* q : {"a=%", "a=%2", "a=%zz", "a=%2G", "a=1&b=%%41", "a%=1", "a=x%"}) {
        auto o = parse_only(q);
        EXPECT_FALSE(o.ok) << q;
        ASSERT_FALSE(o.problems.empty()) << q;
        EXPECT_EQ(o.problems[0].first, errc::bad_percent_escape) << q;
    }
    auto o = parse_only("file.id=1&procedure=%zz");
    EXPECT_EQ(o.problems, (problems{{errc::bad_percent_escape, "procedure"}}));
}

TEST(QueryParse, RawBytesThatNeedEncodingAreErrors) {
    for (const char* q : {"a=b c", "a=\xE6\xB5\x8B", "a=<", "a=\"", "a=#x", "a=\x01"}) {
        auto o = parse_only(q);
        EXPECT_FALSE(o.ok) << q;
        ASSERT_FALSE(o.problems.empty()) << q;
        EXPECT_EQ(o.problems[0].first, errc::invalid_character) << q;
    }
}

TEST(QueryParse, DuplicatesAndEmptyKeys) {
    EXPECT_EQ(parse_only("a=1&b=2&a=3").problems, (problems{{errc::duplicate_key, "a"}}));
    EXPECT_EQ(parse_only("a=1&a%2E=2&a.=3").problems, (problems{{errc::duplicate_key, "a."}}));  // decoded keys compare
    EXPECT_EQ(parse_only("a=1&&b=2").problems, (problems{{errc::invalid_key, ""}}));
    EXPECT_EQ(parse_only("=1").problems, (problems{{errc::invalid_key, ""}}));
    EXPECT_TRUE(parse_only("").ok);
}

// The hand-written parser must accept exactly what Boost.URL's query grammar
// accepts and decode it to the same pairs ('+' as space).
TEST(QueryParse, AgreesWithBoostUrl) {
    static const char* const pieces[] = {"a", "Z", "0", "=", "&", "+", "%",  "%2", "%41",  "%e6",  "%zz",  "%%", " ",
                                         "#", "?", "/", ":", "@", "!", "$",  "'",  "(",    ")",    "*",    ",",  ";",
                                         "-", ".", "_", "~", "[", "]", "\"", "<",  "\x01", "\xE6", "\x7F", "{",  "|"};
    std::mt19937 rng(99);
    tcvod::query_parameters ours;
    boost::urls::encoding_opts form;
    form.space_as_plus = true;
    int accepted = 0;
    for (int round = 0; round < 20000; ++round) {
        std::string q;
        for (std::size_t n = rng() % 12; n > 0; --n) q += pieces[rng() % (sizeof pieces / sizeof *pieces)];
        tcvod::diagnostics diag;
        bool ok = ours.parse(q, {}, diag);
        // parse() takes a query with or without its '?'. The copy is
        // NUL-terminated: Boost.URL 1.81 reads up to the NUL (boostorg/url#757).
        std::string copy = q.substr(!q.empty() && q[0] == '?' ? 1 : 0);
        if (copy.empty()) {
            EXPECT_TRUE(ok && ours.size() == 0) << q;
            continue;
        }
        auto theirs = boost::urls::parse_query(copy);
        if (!theirs) {
            ASSERT_FALSE(ok) << q;
            bool malformed = false;
            for (const auto& e : diag)
                malformed |= e.code == errc::bad_percent_escape || e.code == errc::invalid_character;
            EXPECT_TRUE(malformed) << q;
            continue;
        }
        std::vector<std::pair<std::string, std::string>> expected, got;
        bool empty_key = false, duplicate = false;
        for (auto p : *theirs) {
            if (p.key.empty()) {
                empty_key = true;
                continue;
            }
            expected.emplace_back(p.key.decode(form), p.has_value ? p.value.decode(form) : std::string());
        }
        std::sort(expected.begin(), expected.end());
        for (std::size_t i = 1; i < expected.size(); ++i) duplicate |= expected[i].first == expected[i - 1].first;
        EXPECT_EQ(ok, !empty_key && !duplicate) << q;
        for (const auto& p : ours) got.emplace_back(p.key, p.value);
        std::sort(got.begin(), got.end());
        EXPECT_EQ(got, expected) << q;
        accepted += ok;
    }
    EXPECT_GT(accepted, 1000);
}

TEST(QueryParse, Limits) {
    tcvod::decode_options opts;
    opts.max_length = 10;
    EXPECT_EQ(parse_only("a=123456789", opts).problems, (problems{{errc::too_long, ""}}));
    opts = {};
    opts.max_parameters = 2;
    EXPECT_EQ(parse_only("a=1&b=2&c=3", opts).problems, (problems{{errc::too_many_parameters, ""}}));
    EXPECT_TRUE(parse_only("a=1&b=2", opts).ok);
}

TEST(QueryDecode, TypedSingleFile) {
    tcvod::decoded_request<tcvod::run_procedure_request> d;
    auto o = decode(base +
                        "&inputType=SingleFile&file.id=12345&file.startTimeOffset=10.0&file.endTimeOffset=25.5"
                        "&procedure=SomeProcedure&notifyMode=Change&priority=-3&SubAppId=140&Token=t%2Bk",
                    {}, &d);
    ASSERT_TRUE(o.ok) << (o.problems.empty() ? "" : o.problems[0].second);
    EXPECT_EQ(d.request.type, tcvod::input_type::single_file);
    ASSERT_TRUE(d.request.file);
    EXPECT_EQ(d.request.file->id, "12345");
    EXPECT_EQ(d.request.file->start_time_offset, 10.0);
    EXPECT_EQ(d.request.file->end_time_offset, 25.5);
    EXPECT_EQ(d.request.notify, tcvod::notify_mode::change);
    EXPECT_EQ(d.request.priority, -3);
    EXPECT_EQ(d.common.sub_app_id, 140);
    EXPECT_EQ(d.common.token, std::string("t+k"));
    EXPECT_EQ(d.common.timestamp, 1465185768);
    EXPECT_EQ(d.common.secret_id, "AKIDexample");
}

TEST(QueryDecode, ListIndicesStrict) {
    std::string mf = base + "&inputType=MultiFile&procedure=P";
    EXPECT_TRUE(decode(mf + "&fileList.0.id=a&fileList.1.id=b").ok);
    EXPECT_EQ(decode(mf + "&fileList.0.id=a&fileList.2.id=c").problems,
              (problems{{errc::index_gap, "fileList.1"}, {errc::missing_field, "fileList.1.id"}}));
    EXPECT_EQ(decode(mf + "&fileList.00.id=a").problems,
              (problems{{errc::bad_index, "fileList.00.id"}, {errc::missing_field, "fileList.0.id"}}));
    EXPECT_EQ(decode(mf + "&fileList.0.id=a&fileList.01.id=b").problems,
              (problems{{errc::bad_index, "fileList.01.id"}}));
    EXPECT_EQ(decode(mf + "&fileList.x.id=a&fileList.0.id=a").problems, (problems{{errc::bad_index, "fileList.x.id"}}));
    EXPECT_EQ(decode(mf + "&fileList.-1.id=a&fileList.0.id=a").problems,
              (problems{{errc::bad_index, "fileList.-1.id"}}));
    EXPECT_EQ(decode(mf + "&fileList.0.id=a&fileList.1=b").problems, (problems{{errc::bad_index, "fileList.1"}}));
    tcvod::decode_options opts;
    opts.max_list_entries = 3;
    EXPECT_EQ(decode(mf + "&fileList.0.id=a&fileList.3.id=b", opts).problems,
              (problems{{errc::too_many_entries, "fileList.3.id"}}));
    EXPECT_EQ(decode(mf + "&fileList.0.id=a&fileList.99999999999.id=b").problems,
              (problems{{errc::bad_index, "fileList.99999999999.id"}}));
}

TEST(QueryDecode, UnknownKeysRejectedOrKept) {
    std::string q =
        base +
        "&inputType=SingleFile&file.id=1&procedure=P&RequestClient=SDK_PYTHON_2.0.15&file.idx=3&fileList.0.name=z";
    EXPECT_EQ(decode(q).problems, (problems{{errc::unknown_key, "RequestClient"},
                                            {errc::unknown_key, "file.idx"},
                                            {errc::unknown_key, "fileList.0.name"}}));
    tcvod::decode_options keep;
    keep.keep_unknown = true;
    tcvod::decoded_request<tcvod::run_procedure_request> d;
    ASSERT_TRUE(decode(q, keep, &d).ok);
    ASSERT_EQ(d.unknown.size(), 3u);
    EXPECT_EQ(d.unknown[0].first, "RequestClient");
    EXPECT_TRUE(d.request.file_list.empty());  // an unknown list field does not create entries
}

TEST(QueryDecode, UnderscoreKeysAreRefused) {
    EXPECT_EQ(decode(base + "&inputType=SingleFile&file_id=1&file.id=1&procedure=P").problems,
              (problems{{errc::invalid_key, "file_id"}}));
}

TEST(QueryDecode, MissingAndInvalidValues) {
    EXPECT_EQ(decode("Region=gz&SecretId=x").problems, (problems{{errc::missing_field, "Action"},
                                                                 {errc::missing_field, "Timestamp"},
                                                                 {errc::missing_field, "Nonce"},
                                                                 {errc::missing_field, "inputType"},
                                                                 {errc::missing_field, "file.id"},
                                                                 {errc::missing_field, "procedure"}}));
    EXPECT_EQ(decode(base + "&inputType=Single&procedure=P").problems,
              (problems{{errc::invalid_value, "inputType"}, {errc::missing_field, "file.id"}}));
    EXPECT_EQ(
        decode(base +
               "&inputType=SingleFile&file.id=1&file.startTimeOffset=1e3&procedure=P&priority=x&notifyMode=finish")
            .problems,
        (problems{{errc::invalid_number, "file.startTimeOffset"},
                  {errc::invalid_value, "notifyMode"},
                  {errc::invalid_number, "priority"}}));
    EXPECT_EQ(decode("Action=ConfirmEvent&" + base.substr(20) + "&inputType=SingleFile&file.id=1&procedure=P").problems,
              (problems{{errc::unknown_action, "Action"}}));
    EXPECT_EQ(decode(base + "&SignatureMethod=HmacSHA512&inputType=SingleFile&file.id=1&procedure=P").problems,
              (problems{{errc::invalid_signature_method, "SignatureMethod"}}));
}

TEST(QueryDecode, ValidationIsShared) {
    EXPECT_EQ(decode(base + "&inputType=Stream&stream.streamId=12345&stream.startTimeStamp=15020876538"
                            "&stream.endTimeStamp=1502087638&procedure=SomeProcedure")
                  .problems,
              (problems{{errc::bad_order, "stream.endTimeStamp"}}));
    tcvod::decode_options lenient;
    lenient.validation.lenient = true;
    EXPECT_TRUE(decode(base + "&inputType=Stream&stream.streamId=12345&stream.startTimeStamp=15020876538"
                              "&stream.endTimeStamp=1502087638&procedure=SomeProcedure",
                       lenient)
                    .ok);
    EXPECT_EQ(decode(base + "&inputType=MultiFile&file.id=1&fileList.0.id=2&procedure=P").problems,
              (problems{{errc::unexpected_field, "file.id"}}));
}

TEST(QueryVerify, EveryVectorVerifiesAndTamperingFails) {
    for (const auto& v : load_signature_vectors()) {
        if (v.wire.empty()) continue;
        SCOPED_TRACE(v.name);
        tcvod::query_parameters p;
        tcvod::diagnostics diag;
        ASSERT_TRUE(p.parse(v.wire, {}, diag));
        tcvod::endpoint where{v.method == "GET" ? tcvod::http_method::get : tcvod::http_method::post, v.host, v.path};
        EXPECT_EQ(p.verify(tcvod::signer(v.key), where), errc::ok);
        EXPECT_EQ(p.verify(tcvod::signer("wrong"), where), errc::signature_mismatch);
        where.method = tcvod::http_method::post;
        EXPECT_EQ(p.verify(tcvod::signer(v.key), where), errc::signature_mismatch);
        std::string tampered = v.wire;
        tampered.replace(tampered.find("Nonce=11886"), 11, "Nonce=11887");
        ASSERT_TRUE(p.parse(tampered, {}, diag));
        EXPECT_EQ(p.verify(tcvod::signer(v.key), {}), errc::signature_mismatch);
    }
}

TEST(QueryVerify, MissingSignature) {
    tcvod::query_parameters p;
    tcvod::diagnostics diag;
    ASSERT_TRUE(p.parse(base, {}, diag));
    EXPECT_EQ(p.verify(tcvod::signer("k"), {}), errc::missing_signature);
}

TEST(QueryVerify, Sha256RequestsVerify) {
    tcvod::signer s(doc_secret_key);
    auto c = doc_common();
    c.method = tcvod::signature_method::hmac_sha256;
    std::string body;
    tcvod::encode_options opts;
    opts.where.method = tcvod::http_method::post;
    ASSERT_TRUE(tcvod::encode(multi_file_example(), c, s, opts, body));
    tcvod::query_parameters p;
    tcvod::diagnostics diag;
    ASSERT_TRUE(p.parse(body, {}, diag));
    EXPECT_EQ(p.verify(s, opts.where), errc::ok);
    EXPECT_EQ(p.verify(s, {}), errc::signature_mismatch);  // signed for POST, checked as GET
}

TEST(QueryAssign, SamePathAsParse) {
    std::vector<tcvod::parameter> pairs = {{"b", "x y"}, {"a", "1"}, {"b", "2"}, {"", "v"}};
    tcvod::query_parameters p;
    tcvod::diagnostics diag;
    EXPECT_FALSE(p.assign(pairs.data(), pairs.size(), {}, diag));
    ASSERT_EQ(diag.size(), 2u);
    EXPECT_EQ(diag[0].code, errc::invalid_key);
    EXPECT_EQ(diag[1].code, errc::duplicate_key);
    EXPECT_EQ(p.find("a"), std::string_view("1"));
}

// ---- verify() with one-hash signers --------------------------------------------

// A POST body signed by the two-hash signer, as the server receives it.
std::string signed_body(std::optional<tcvod::signature_method> method) {
    auto c = doc_common();
    c.method = method;
    tcvod::encode_options opts;
    opts.where.method = tcvod::http_method::post;
    std::string body;
    auto sig = tcvod::encode(multi_file_example(), c, tcvod::signer(doc_secret_key), opts, body);
    EXPECT_TRUE(sig.has_value());
    return body;
}

template <class Signer>
errc verify_body(const std::string& body, const Signer& s) {
    tcvod::query_parameters p;
    tcvod::diagnostics diag;
    EXPECT_TRUE(p.parse(body, {}, diag));
    return p.verify(s, {tcvod::http_method::post});
}

TEST(QueryVerify, Sha1SignerVerifiesHmacSha1Requests) {
    const tcvod::sha1_signer sha1(doc_secret_key);
    const std::string explicit_sha1 = signed_body(tcvod::signature_method::hmac_sha1);
    ASSERT_NE(explicit_sha1.find("&SignatureMethod=HmacSHA1&"), std::string::npos);
    EXPECT_EQ(verify_body(explicit_sha1, sha1), errc::ok);
    const std::string no_method = signed_body(std::nullopt);  // absent means HmacSHA1
    ASSERT_EQ(no_method.find("SignatureMethod"), std::string::npos);
    EXPECT_EQ(verify_body(no_method, sha1), errc::ok);
    // Still a real check: the wrong key or a changed value fails.
    EXPECT_EQ(verify_body(no_method, tcvod::sha1_signer("wrong")), errc::signature_mismatch);
    std::string tampered = no_method;
    tampered.replace(tampered.find("Nonce=11886"), 11, "Nonce=11887");
    EXPECT_EQ(verify_body(tampered, sha1), errc::signature_mismatch);
    // The documented GET vector, with the one-hash signer.
    int found = 0;
    for (const auto& v : load_signature_vectors()) {
        if (v.name != "DV1") continue;
        ++found;
        tcvod::query_parameters p;
        tcvod::diagnostics diag;
        ASSERT_TRUE(p.parse(v.wire, {}, diag));
        EXPECT_EQ(p.verify(tcvod::sha1_signer(v.key), {}), errc::ok);
        EXPECT_EQ(p.verify(tcvod::sha256_signer(v.key), {}), errc::invalid_signature_method);
    }
    EXPECT_EQ(found, 1);
}

TEST(QueryVerify, Sha1SignerRefusesHmacSha256Requests) {
    const std::string body = signed_body(tcvod::signature_method::hmac_sha256);
    ASSERT_NE(body.find("&SignatureMethod=HmacSHA256&"), std::string::npos);
    EXPECT_EQ(verify_body(body, tcvod::signer(doc_secret_key)), errc::ok);  // a valid request
    EXPECT_EQ(verify_body(body, tcvod::sha1_signer(doc_secret_key)), errc::invalid_signature_method);
    EXPECT_EQ(verify_body(body, tcvod::sha1_signer("wrong")), errc::invalid_signature_method);
}

TEST(QueryVerify, Sha256SignerVerifiesHmacSha256AndRefusesHmacSha1) {
    const tcvod::sha256_signer sha256(doc_secret_key);
    const std::string sha256_body = signed_body(tcvod::signature_method::hmac_sha256);
    EXPECT_EQ(verify_body(sha256_body, sha256), errc::ok);
    EXPECT_EQ(verify_body(sha256_body, tcvod::sha256_signer("wrong")), errc::signature_mismatch);
    const std::string sha1_body = signed_body(tcvod::signature_method::hmac_sha1);
    EXPECT_EQ(verify_body(sha1_body, tcvod::signer(doc_secret_key)), errc::ok);
    EXPECT_EQ(verify_body(sha1_body, sha256), errc::invalid_signature_method);
    EXPECT_EQ(verify_body(signed_body(std::nullopt), sha256), errc::invalid_signature_method);
    // A method text other than exactly HmacSHA256 means HmacSHA1 (raw parameters: the
    // typed decoder would refuse it, verify() reads it as the server does).
    std::vector<tcvod::parameter> pairs = {{"Action", "RunProcedure"}, {"SignatureMethod", "hmacsha256"}};
    const std::string signature(
        tcvod::sign_parameters(tcvod::signer(doc_secret_key), {}, pairs.data(), pairs.size()).view());
    ASSERT_EQ(signature.size(), 28u);
    pairs.push_back({"Signature", signature});
    tcvod::query_parameters p;
    tcvod::diagnostics diag;
    ASSERT_TRUE(p.assign(pairs.data(), pairs.size(), {}, diag));
    EXPECT_EQ(p.verify(tcvod::sha1_signer(doc_secret_key), {}), errc::ok);
    EXPECT_EQ(p.verify(sha256, {}), errc::invalid_signature_method);
}

TEST(QueryVerify, MissingSignatureComesBeforeTheMethodCheck) {
    tcvod::query_parameters p;
    tcvod::diagnostics diag;
    ASSERT_TRUE(p.parse(base + "&SignatureMethod=HmacSHA256", {}, diag));
    EXPECT_EQ(p.verify(tcvod::sha1_signer("k"), {}), errc::missing_signature);
}

}  // namespace
