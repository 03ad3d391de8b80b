#include "tcvod/event_requests.hpp"
#include "tcvod/encode.hpp"
#include "tcvod/query_decode.hpp"

#include "test_requests.hpp"
#include "vectors.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace {

using tcvod::errc;
using namespace tcvod_test;

const signature_vector& vector_named(const std::string& name) {
    static const std::vector<signature_vector> all = load_signature_vectors();
    for (const auto& v : all)
        if (v.name == name) return v;
    static const signature_vector none;
    ADD_FAILURE() << "no vector " << name;
    return none;
}

template <class Request>
std::string encode_as(const Request& r, tcvod::output_form form, std::string* signature = nullptr,
                      tcvod::common_parameters common = doc_common()) {
    tcvod::signer s(doc_secret_key);
    tcvod::encode_options opts;
    opts.form = form;
    std::string out;
    tcvod::diagnostics diag;
    auto sig = tcvod::encode(r, common, s, opts, out, diag);
    EXPECT_TRUE(sig.has_value()) << sig.error().message();
    if (sig && signature) *signature = std::string(sig->view());
    return out;
}

// ---- the derived vectors, through the typed encoder ----------------------------------

TEST(EventRequestVectors, DV5ConfirmEvent) {
    tcvod::confirm_event_request r{{"MsgHandle1", "MsgHandle2"}};
    std::string signature;
    EXPECT_EQ(encode_as(r, tcvod::output_form::string_to_sign, &signature), vector_named("DV5").string_to_sign);
    EXPECT_EQ(signature, vector_named("DV5").signature);
    EXPECT_EQ(signature, "qlTC02eGmcBmaS+6m8yw2hwyrG8=");
    EXPECT_EQ(encode_as(r, tcvod::output_form::url),
              "https://vod.api.qcloud.com/v2/index.php?Action=ConfirmEvent&Nonce=11886&Region=gz&SecretId="
              "AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&Signature=qlTC02eGmcBmaS%2B6m8yw2hwyrG8%3D&Timestamp=1465185768&"
              "msgHandle.0=MsgHandle1&msgHandle.1=MsgHandle2");
}

TEST(EventRequestVectors, DV6PullEvent) {
    std::string signature;
    EXPECT_EQ(encode_as(tcvod::pull_event_request{}, tcvod::output_form::string_to_sign, &signature),
              vector_named("DV6").string_to_sign);
    EXPECT_EQ(signature, vector_named("DV6").signature);
    EXPECT_EQ(signature, "s94qXwpXWK95tKjlQuuY2mAO9yk=");
}

TEST(EventRequestEncode, HandlesInBytewiseKeyOrderWithRawValuesSigned) {
    tcvod::confirm_event_request r;
    for (int i = 0; i < 12; ++i) r.msg_handles.push_back("h" + std::to_string(i));
    r.msg_handles[3] = "a b+&=/é";
    std::string s2s = encode_as(r, tcvod::output_form::string_to_sign);
    EXPECT_NE(s2s.find("&msgHandle.0=h0&msgHandle.1=h1&msgHandle.10=h10&msgHandle.11=h11&msgHandle.2=h2&"
                       "msgHandle.3=a b+&=/é&msgHandle.4=h4"),
              std::string::npos)
        << s2s;
    std::string query = encode_as(r, tcvod::output_form::query);
    EXPECT_NE(query.find("msgHandle.3=a%20b%2B%26%3D%2F%C3%A9"), std::string::npos) << query;
}

TEST(EventRequestEncode, PostBody) {
    tcvod::signer s(doc_secret_key);
    tcvod::encode_options opts;
    opts.where.method = tcvod::http_method::post;
    std::string body;
    auto sig = tcvod::encode(tcvod::confirm_event_request{{"x"}}, doc_common(), s, opts, body);
    ASSERT_TRUE(sig);
    EXPECT_EQ(body.substr(0, 20), "Action=ConfirmEvent&");
    EXPECT_EQ(body.substr(body.size() - 13), "msgHandle.0=x");
}

// ---- validation ------------------------------------------------------------------------

TEST(EventRequestValidate, ConfirmEventNeedsANonEmptyHandle) {
    tcvod::signer s(doc_secret_key);
    std::string out = "untouched";
    tcvod::diagnostics diag;
    auto sig = tcvod::encode(tcvod::confirm_event_request{}, doc_common(), s, {}, out, diag);
    ASSERT_FALSE(sig);
    EXPECT_EQ(sig.error().code, errc::missing_field);
    EXPECT_EQ(sig.error().path.view(), "msgHandle.0");

    diag.clear();
    tcvod::validate(doc_common(), tcvod::confirm_event_request{{"a", "", "c", ""}}, {}, diag);
    ASSERT_EQ(diag.size(), 2u);
    EXPECT_EQ(diag[0].code, errc::empty_value);
    EXPECT_EQ(diag[0].path.view(), "msgHandle.1");
    EXPECT_EQ(diag[1].path.view(), "msgHandle.3");
}

TEST(EventRequestValidate, CommonParametersStillChecked) {
    auto common = doc_common();
    common.region.clear();
    tcvod::diagnostics diag;
    tcvod::validate(common, tcvod::pull_event_request{}, {}, diag);
    ASSERT_EQ(diag.size(), 1u);
    EXPECT_EQ(diag[0].path.view(), "Region");
}

// ---- decoding ------------------------------------------------------------------------

template <class Request>
bool decode(const std::string& query, tcvod::decoded_request<Request>& out, tcvod::diagnostics& diag) {
    tcvod::query_parameters params;
    tcvod::decode_options opts;
    return params.parse(query, opts, diag) && tcvod::decode_request(params, out, opts, diag);
}

TEST(EventRequestDecode, EncodedRequestsDecodeBack) {
    tcvod::confirm_event_request r{{"MsgHandle1", "MsgHandle2"}};
    std::string query = encode_as(r, tcvod::output_form::query);
    tcvod::decoded_request<tcvod::confirm_event_request> decoded;
    tcvod::diagnostics diag;
    ASSERT_TRUE(decode(query, decoded, diag)) << diag.first().message();
    EXPECT_EQ(decoded.request, r);
    EXPECT_EQ(decoded.common, doc_common());
    EXPECT_EQ(decoded.signature, "qlTC02eGmcBmaS+6m8yw2hwyrG8=");

    tcvod::query_parameters params;
    ASSERT_TRUE(params.parse(query, {}, diag));
    EXPECT_EQ(params.verify(tcvod::signer(doc_secret_key), {}), errc::ok);

    tcvod::decoded_request<tcvod::pull_event_request> pulled;
    ASSERT_TRUE(decode(encode_as(tcvod::pull_event_request{}, tcvod::output_form::query), pulled, diag));
    EXPECT_EQ(pulled.common, doc_common());
}

TEST(EventRequestDecode, OneBasedHandlesOfTheEnglishPageAreAccepted) {
    // Q7: msgHandle.1, msgHandle.2 (English page) -> stored from 0.
    tcvod::decoded_request<tcvod::confirm_event_request> decoded;
    tcvod::diagnostics diag;
    ASSERT_TRUE(decode("Action=ConfirmEvent&Nonce=1&Region=gz&SecretId=x&Timestamp=1&msgHandle.1=X&msgHandle.2=Y",
                       decoded, diag))
        << diag.first().message();
    EXPECT_EQ(decoded.request.msg_handles, (std::vector<std::string>{"X", "Y"}));
}

TEST(EventRequestDecode, DecodingAgainIntoTheSameObject) {
    tcvod::query_parameters params;
    tcvod::decoded_request<tcvod::confirm_event_request> decoded;
    tcvod::diagnostics diag;
    const std::string common = "Action=ConfirmEvent&Nonce=1&Region=gz&SecretId=x&Timestamp=1&";
    ASSERT_TRUE(params.parse(common + "msgHandle.0=a&msgHandle.1=b&msgHandle.2=c", {}, diag));
    ASSERT_TRUE(tcvod::decode_request(params, decoded, {}, diag));
    ASSERT_TRUE(params.parse(common + "msgHandle.0=z", {}, diag));
    ASSERT_TRUE(tcvod::decode_request(params, decoded, {}, diag)) << diag.first().message();
    EXPECT_EQ(decoded.request.msg_handles, std::vector<std::string>{"z"});
}

TEST(EventRequestDecode, BadHandleKeys) {
    const std::string common = "Action=ConfirmEvent&Nonce=1&Region=gz&SecretId=x&Timestamp=1&";
    struct bad {
        const char* keys;
        errc code;
        const char* path;
    };
    for (const bad& b :
         {bad{"msgHandle.0=a&msgHandle.2=c", errc::index_gap, "msgHandle.1"},
          bad{"msgHandle.01=a", errc::bad_index, "msgHandle.01"}, bad{"msgHandle.x=a", errc::bad_index, "msgHandle.x"},
          bad{"msgHandle.=a", errc::bad_index, "msgHandle."},
          bad{"msgHandle.0.id=a", errc::bad_index, "msgHandle.0.id"},
          bad{"msgHandle.5000=a", errc::too_many_entries, "msgHandle.5000"},
          bad{"msgHandle=a", errc::unknown_key, "msgHandle"},
          bad{"inputType=SingleFile&msgHandle.0=a", errc::unknown_key, "inputType"},
          bad{"msgHandle.0=", errc::empty_value, "msgHandle.0"}}) {
        tcvod::decoded_request<tcvod::confirm_event_request> decoded;
        tcvod::diagnostics diag;
        EXPECT_FALSE(decode(common + b.keys, decoded, diag)) << b.keys;
        ASSERT_FALSE(diag.empty()) << b.keys;
        EXPECT_EQ(diag[0].code, b.code) << b.keys << ": " << diag[0].message();
        EXPECT_EQ(diag[0].path.view(), b.path) << b.keys;
    }
    tcvod::decoded_request<tcvod::confirm_event_request> decoded;
    tcvod::diagnostics diag;
    EXPECT_FALSE(decode("Action=ConfirmEvent&Nonce=1&Region=gz&SecretId=x&Timestamp=1", decoded, diag));
    EXPECT_EQ(diag.first().path.view(), "msgHandle.0");
}

TEST(EventRequestDecode, PullEventTakesNoActionParameters) {
    tcvod::decoded_request<tcvod::pull_event_request> decoded;
    tcvod::diagnostics diag;
    EXPECT_FALSE(decode("Action=PullEvent&Nonce=1&Region=gz&SecretId=x&Timestamp=1&msgHandle.0=a", decoded, diag));
    EXPECT_EQ(diag.first().code, errc::unknown_key);
    diag.clear();
    EXPECT_FALSE(decode("Action=ConfirmEvent&Nonce=1&Region=gz&SecretId=x&Timestamp=1", decoded, diag));
    EXPECT_EQ(diag.first().code, errc::unknown_action);
}

TEST(EventRequestRoundTrip, RandomHandles) {
    std::mt19937_64 rng(11);
    static const char* const pieces[] = {"a", "Z", "0", " ", "+", "&", "=", "%", "/", "?", "#", "é", "不", "_", "."};
    for (int i = 0; i < 500; ++i) {
        tcvod::confirm_event_request r;
        r.msg_handles.resize(static_cast<std::size_t>(1 + rng() % 25));  // size_t: 32 bits on armhf, i686
        for (auto& h : r.msg_handles) {
            auto n = static_cast<std::size_t>(1 + rng() % 8);
            for (std::size_t k = 0; k < n; ++k) h += pieces[rng() % std::size(pieces)];
        }
        auto common = doc_common();
        if (rng() % 2) common.method = tcvod::signature_method::hmac_sha256;
        std::string query = encode_as(r, tcvod::output_form::query, nullptr, common);
        tcvod::decoded_request<tcvod::confirm_event_request> decoded;
        tcvod::diagnostics diag;
        ASSERT_TRUE(decode(query, decoded, diag)) << query << " " << diag.first().message();
        ASSERT_EQ(decoded.request, r) << query;
        tcvod::query_parameters params;
        ASSERT_TRUE(params.parse(query, {}, diag));
        ASSERT_EQ(params.verify(tcvod::signer(doc_secret_key), {}), errc::ok) << query;
    }
}

}  // namespace
