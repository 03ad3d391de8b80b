// The signature over raw parameter sets: every vector of protocol-notes §4.
#include "tcvod/query_encode.hpp"
#include "tcvod/sign.hpp"

#include "vectors.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using tcvod::endpoint;
using tcvod::http_method;
using tcvod::parameter;

endpoint endpoint_of(const tcvod_test::signature_vector& v) {
    return {v.method == "GET" ? http_method::get : http_method::post, v.host, v.path};
}

std::vector<parameter> parameters_of(const tcvod_test::signature_vector& v) {
    std::vector<parameter> params;
    for (const auto& kv : v.params) params.push_back({kv.first, kv.second});
    return params;
}

TEST(SignatureVectors, FileHasEveryDocumentedVector) {
    auto vectors = tcvod_test::load_signature_vectors();
    std::vector<std::string> names;
    for (const auto& v : vectors) names.push_back(v.name);
    EXPECT_EQ(names, (std::vector<std::string>{"T1", "T2", "T3", "T4", "T5", "T6", "T7", "DV1", "DV1b", "DV2",
                                               "DV3", "DV4", "DV5", "DV6", "DV7", "DV8"}));
}

TEST(SignatureVectors, SignParametersMatchesEveryVector) {
    for (const auto& v : tcvod_test::load_signature_vectors()) {
        SCOPED_TRACE(v.name);
        tcvod::signer s(v.key);
        auto params = parameters_of(v);
        // Sorting is part of the job: feed them reversed.
        std::reverse(params.begin(), params.end());
        auto sig = tcvod::sign_parameters(s, endpoint_of(v), params.data(), params.size());
        EXPECT_EQ(sig.view(), v.signature);
    }
}

TEST(SignatureVectors, StringToSignMatchesEveryVector) {
    for (const auto& v : tcvod_test::load_signature_vectors()) {
        SCOPED_TRACE(v.name);
        auto params = parameters_of(v);
        tcvod::sort_parameters(params.data(), params.data() + params.size());
        std::string s2s;
        tcvod::write_string_to_sign(endpoint_of(v), [&](auto&& f) {
            for (const auto& p : params) f(p.key, p.value);
        }, s2s);
        EXPECT_EQ(s2s, v.string_to_sign);
    }
}

TEST(SignatureVectors, WireQueryMatchesDocumentedWire) {
    int checked = 0;
    for (const auto& v : tcvod_test::load_signature_vectors()) {
        if (v.wire.empty()) continue;
        SCOPED_TRACE(v.name);
        tcvod::signer s(v.key);
        auto params = parameters_of(v);
        std::string out;
        auto sig = tcvod::encode_sorted(s, tcvod::signature_method::hmac_sha1, endpoint_of(v),
                                        tcvod::output_form::query,
                                        [&](auto&& f) {
                                            for (const auto& p : params) f(p.key, p.value);
                                        },
                                        out);
        EXPECT_EQ(sig.view(), v.signature);
        EXPECT_EQ(out, v.wire);
        ++checked;
    }
    EXPECT_EQ(checked, 2);
}

TEST(Sign, SignatureParameterIsNotSigned) {
    tcvod::signer s("key");
    std::vector<parameter> with = {{"Action", "X"}, {"Signature", "whatever"}, {"Nonce", "1"}};
    std::vector<parameter> without = {{"Action", "X"}, {"Nonce", "1"}};
    EXPECT_EQ(tcvod::sign_parameters(s, {}, with.data(), with.size()),
              tcvod::sign_parameters(s, {}, without.data(), without.size()));
}

TEST(Sign, OnlyExactHmacSHA256SelectsSha256) {
    tcvod::signer s("key");
    std::vector<parameter> lower = {{"Action", "X"}, {"SignatureMethod", "hmacsha256"}};
    auto sig = tcvod::sign_parameters(s, {}, lower.data(), lower.size());
    EXPECT_EQ(sig.view().size(), 28u);  // SHA-1
    std::vector<parameter> exact = {{"Action", "X"}, {"SignatureMethod", "HmacSHA256"}};
    EXPECT_EQ(tcvod::sign_parameters(s, {}, exact.data(), exact.size()).view().size(), 44u);
}

TEST(Sign, MethodHostAndPathAreSigned) {
    tcvod::signer s("key");
    std::vector<parameter> p = {{"Action", "X"}};
    auto base = tcvod::sign_parameters(s, {}, p.data(), p.size());
    EXPECT_NE(base, tcvod::sign_parameters(s, {http_method::post}, p.data(), p.size()));
    EXPECT_NE(base, tcvod::sign_parameters(s, {http_method::get, "cvm.api.qcloud.com"}, p.data(), p.size()));
    EXPECT_NE(base, tcvod::sign_parameters(s, {http_method::get, tcvod::default_host, "/v2/interface.php"}, p.data(), p.size()));
}

TEST(Sign, SignatureMatchesIsExact) {
    tcvod::signer s("key");
    std::vector<parameter> p = {{"Action", "X"}};
    auto sig = tcvod::sign_parameters(s, {}, p.data(), p.size());
    std::string text(sig.view());
    EXPECT_TRUE(tcvod::signature_matches(sig, text));
    EXPECT_FALSE(tcvod::signature_matches(sig, text.substr(1)));
    text[5] = text[5] == 'A' ? 'B' : 'A';
    EXPECT_FALSE(tcvod::signature_matches(sig, text));
    EXPECT_FALSE(tcvod::signature_matches(sig, ""));
}

TEST(Sign, BytewiseOrder) {
    std::vector<parameter> p = {{"fileList.2.id", ""}, {"fileList.10.id", ""}, {"inputType", ""}, {"Token", ""},
                                {"_x", ""}, {"Action", ""}};
    tcvod::sort_parameters(p.data(), p.data() + p.size());
    std::vector<std::string> keys;
    for (auto& x : p) keys.emplace_back(x.key);
    EXPECT_EQ(keys, (std::vector<std::string>{"Action", "Token", "_x", "fileList.10.id", "fileList.2.id", "inputType"}));
}

}  // namespace
