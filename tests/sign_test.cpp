// The signature over raw parameter sets: every vector of protocol-notes §4.
#include "tcvod/sign.hpp"
#include "tcvod/percent.hpp"
#include "tcvod/query_encode.hpp"

#include "vectors.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <deque>
#include <random>
#include <string>
#include <string_view>
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
    EXPECT_EQ(names, (std::vector<std::string>{"T1", "T2", "T3", "T4", "T5", "T6", "T7", "DV1", "DV1b", "DV2", "DV3",
                                               "DV4", "DV5", "DV6", "DV7", "DV8"}));
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
        tcvod::write_string_to_sign(
            endpoint_of(v),
            [&](auto&& f) {
                for (const auto& p : params) f(p.key, p.value);
            },
            s2s);
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
        auto sig = tcvod::encode_sorted(
            s, tcvod::signature_method::hmac_sha1, endpoint_of(v), tcvod::output_form::query,
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
    EXPECT_NE(base, tcvod::sign_parameters(s, {http_method::get, tcvod::default_host, "/v2/interface.php"}, p.data(),
                                           p.size()));
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
    std::vector<parameter> p = {
        {"fileList.2.id", ""}, {"fileList.10.id", ""}, {"inputType", ""}, {"Token", ""}, {"_x", ""}, {"Action", ""}};
    tcvod::sort_parameters(p.data(), p.data() + p.size());
    std::vector<std::string> keys;
    for (auto& x : p) keys.emplace_back(x.key);
    EXPECT_EQ(keys,
              (std::vector<std::string>{"Action", "Token", "_x", "fileList.10.id", "fileList.2.id", "inputType"}));
}

// ---- sort_parameters (heapsort) against std::sort ---------------------------

// The order the signature needs, written independently: memcmp over the
// common prefix (unsigned bytes), then the shorter key first.
bool bytewise_less(const parameter& a, const parameter& b) {
    const std::size_t n = std::min(a.key.size(), b.key.size());
    const int c = n == 0 ? 0 : std::memcmp(a.key.data(), b.key.data(), n);
    return c < 0 || (c == 0 && a.key.size() < b.key.size());
}

std::vector<std::string> keys_of(const std::vector<parameter>& params) {
    std::vector<std::string> keys;
    for (const auto& p : params) keys.emplace_back(p.key);
    return keys;
}

// (key, value) pairs in a canonical order: a sort must be a permutation.
std::vector<std::pair<std::string, std::string>> as_multiset(const std::vector<parameter>& params) {
    std::vector<std::pair<std::string, std::string>> pairs;
    for (const auto& p : params) pairs.emplace_back(p.key, p.value);
    std::sort(pairs.begin(), pairs.end());
    return pairs;
}

// Keys that collide, share prefixes and straddle the byte classes: '.' <
// digits < upper case < '_' < lower case < bytes >= 0x80.
class key_source {
public:
    explicit key_source(unsigned seed) : random_(seed) {
        for (const char* k : {"",
                              "A",
                              "Action",
                              "Nonce",
                              "Region",
                              "SecretId",
                              "Signature",
                              "SignatureMethod",
                              "SubAppId",
                              "Timestamp",
                              "Token",
                              "_x",
                              "a",
                              "z",
                              "Z",
                              "0",
                              "9",
                              ".",
                              "fileList",
                              "fileList.",
                              "fileList.1",
                              "fileList.10",
                              "fileList.1.id",
                              "fileList.10.id",
                              "fileList.2.id",
                              "fileList.100.id",
                              "fileList.11.endTimeOffset",
                              "fileList.1.endTimeOffset",
                              "fileList.1.startTimeOffset",
                              "streamList.0.streamId",
                              "inputType",
                              "procedure",
                              "\x7f",
                              "\x80",
                              "\xff",
                              "a\xff",
                              "a\x80z"})
            fixed_.emplace_back(k);
        fixed_.emplace_back(std::string("a\0b", 3));  // an embedded NUL is just another byte
        fixed_.emplace_back(std::string("a\0", 2));
    }

    std::string_view next() {
        if (std::uniform_int_distribution<int>(0, 1)(random_) == 0)
            return fixed_[std::uniform_int_distribution<std::size_t>(0, fixed_.size() - 1)(random_)];
        static const char alphabet[] = {'.', '0', '1', '9', 'A', 'Z', '_', 'a', 'z', '\x7f', '\x80', '\xff'};
        std::string key(std::uniform_int_distribution<std::size_t>(0, 6)(random_), '\0');
        for (char& c : key) c = alphabet[std::uniform_int_distribution<std::size_t>(0, sizeof alphabet - 1)(random_)];
        made_.push_back(std::move(key));  // a deque: earlier views stay valid
        return made_.back();
    }
    std::mt19937& random() { return random_; }

private:
    std::mt19937 random_;
    std::vector<std::string> fixed_;
    std::deque<std::string> made_;
};

void expect_sorts_like_std_sort(const std::vector<parameter>& input) {
    std::vector<parameter> heap = input, reference = input;
    tcvod::sort_parameters(heap.data(), heap.data() + heap.size());
    std::sort(reference.begin(), reference.end(), bytewise_less);
    ASSERT_EQ(keys_of(heap), keys_of(reference)) << "size " << input.size();
    ASSERT_EQ(as_multiset(heap), as_multiset(input)) << "not a permutation, size " << input.size();
}

TEST(SortParameters, MatchesStdSortOnRandomArraysOfEverySizeUpTo300) {
    key_source keys(20261206U);
    std::deque<std::string> values;
    for (std::size_t size = 0; size <= 300; ++size) {
        for (int trial = 0; trial < 4; ++trial) {
            std::vector<parameter> params;
            for (std::size_t i = 0; i < size; ++i) {
                values.push_back(std::to_string(i));  // tells equal keys apart
                params.push_back({keys.next(), values.back()});
            }
            expect_sorts_like_std_sort(params);
            if (HasFatalFailure()) return;
        }
    }
}

TEST(SortParameters, PrefixesAndHighBytes) {
    std::vector<parameter> p = {{"fileList.10", "a"}, {"fileList.1", "b"}, {"fileList.1.id", "c"},
                                {"fileList.", "d"},   {"fileList", "e"},   {"\xff", "f"},
                                {"z", "g"},           {"\x80", "h"},       {"", "i"},
                                {"_", "j"},           {"Z", "k"},          {"0", "l"},
                                {".", "m"},           {"fileList.1", "n"}};
    tcvod::sort_parameters(p.data(), p.data() + p.size());
    EXPECT_EQ(keys_of(p),
              (std::vector<std::string>{"", ".", "0", "Z", "_", "fileList", "fileList.", "fileList.1", "fileList.1",
                                        "fileList.1.id", "fileList.10", "z", "\x80", "\xff"}));
}

TEST(SortParameters, HundredThousandEntries) {
    key_source keys(20261207U);
    std::uniform_int_distribution<std::size_t> index(0, 99999);
    std::vector<std::string> storage;
    storage.reserve(100000);
    for (std::size_t i = 0; i < 100000; ++i) {
        if (i % 2 == 0)
            storage.push_back("fileList." + std::to_string(index(keys.random())) + ".id");
        else
            storage.emplace_back(keys.next());
    }
    std::vector<std::string> values;
    values.reserve(storage.size());
    std::vector<parameter> params;
    for (std::size_t i = 0; i < storage.size(); ++i) {
        values.push_back(std::to_string(i));
        params.push_back({storage[i], values.back()});
    }
    expect_sorts_like_std_sort(params);
    // Already sorted, reversed, and all equal: no quadratic case for a heapsort.
    std::sort(params.begin(), params.end(), bytewise_less);
    expect_sorts_like_std_sort(params);
    std::reverse(params.begin(), params.end());
    expect_sorts_like_std_sort(params);
    for (auto& p : params) p.key = "fileList.1.id";
    expect_sorts_like_std_sort(params);
}

// ---- encode_parameters_to ----------------------------------------------------

tcvod::signature_method method_of(const std::vector<parameter>& params) {
    for (const auto& p : params)
        if (p.key == "SignatureMethod") return tcvod::signature_method_from_wire(p.value);
    return tcvod::signature_method::hmac_sha1;
}

// What encode_parameters_to must equal: sign_parameters' signature plus
// encode_sorted_to over the sorted parameters (Signature left out).
template <class Signer>
std::string sign_then_encode_sorted(const Signer& s, const endpoint& where, tcvod::output_form form,
                                    std::vector<parameter> params, std::string& signature) {
    signature = std::string(tcvod::sign_parameters(s, where, params.data(), params.size()).view());
    auto visit = [&](auto&& f) {
        for (const auto& p : params)
            if (p.key != "Signature") f(p.key, p.value);
    };
    char probe[1];
    const std::size_t size = tcvod::encode_sorted_to(s, method_of(params), where, form, visit, probe, 0);
    std::string out(size, '\0');
    EXPECT_EQ(tcvod::encode_sorted_to(s, method_of(params), where, form, visit, &out[0], out.size()), size);
    return out;
}

template <class Signer>
std::string encode_parameters(const Signer& s, const endpoint& where, tcvod::output_form form,
                              std::vector<parameter> params) {
    char probe[1] = {'#'};
    const std::size_t size = tcvod::encode_parameters_to(s, where, form, params.data(), params.size(), probe, 0);
    EXPECT_EQ(probe[0], '#');
    std::string out(size + 8, '#');  // 8 guard bytes past the capacity given
    EXPECT_EQ(tcvod::encode_parameters_to(s, where, form, params.data(), params.size(), &out[0], size), size);
    EXPECT_EQ(out.substr(size), std::string(8, '#')) << "wrote past its capacity";
    out.resize(size);
    return out;
}

// Base64's '+', '/' and '=' as the wire has them.
std::string wire_signature(const std::string& base64) {
    std::string out;
    tcvod::percent_encode_append(base64, out);
    return out;
}

constexpr tcvod::output_form every_form[] = {tcvod::output_form::url, tcvod::output_form::query,
                                             tcvod::output_form::body, tcvod::output_form::string_to_sign};

TEST(EncodeParametersTo, MatchesSignParametersAndEncodeSortedToForEveryVector) {
    int wires = 0;
    for (const auto& v : tcvod_test::load_signature_vectors()) {
        SCOPED_TRACE(v.name);
        tcvod::signer s(v.key);
        auto params = parameters_of(v);
        std::reverse(params.begin(), params.end());  // encode_parameters_to sorts
        for (auto form : every_form) {
            SCOPED_TRACE(static_cast<int>(form));
            std::string signature;
            const std::string expected = sign_then_encode_sorted(s, endpoint_of(v), form, params, signature);
            EXPECT_EQ(signature, v.signature);
            const std::string got = encode_parameters(s, endpoint_of(v), form, params);
            EXPECT_EQ(got, expected);
            if (form == tcvod::output_form::string_to_sign) {
                EXPECT_EQ(got, v.string_to_sign);
                continue;
            }
            EXPECT_NE(got.find("Signature=" + wire_signature(v.signature)), std::string::npos) << got;
            if (form == tcvod::output_form::url) {
                EXPECT_EQ(got.rfind("https://" + v.host + v.path + "?", 0), 0u) << got;
            }
            if (form == tcvod::output_form::query && !v.wire.empty()) {
                EXPECT_EQ(got, v.wire);
                ++wires;
            }
        }
    }
    EXPECT_EQ(wires, 2);  // DV1 and DV4
}

TEST(EncodeParametersTo, PicksHmacSha256FromTheSignatureMethodEntry) {
    tcvod::signer s("key");
    std::vector<parameter> params = {{"Nonce", "1"}, {"SignatureMethod", "HmacSHA256"}, {"Action", "X"}};
    const std::string s2s = "GETvod.api.qcloud.com/v2/index.php?Action=X&Nonce=1&SignatureMethod=HmacSHA256";
    EXPECT_EQ(encode_parameters(s, {}, tcvod::output_form::string_to_sign, params), s2s);
    // HMAC-SHA256 of the string to sign, computed with the crypto core alone.
    tcvod::crypto::hmac_sha256 mac("key", 3);
    mac.update(s2s.data(), s2s.size());
    const auto tag = mac.result();
    char base64[tcvod::crypto::base64_encoded_size(32)];
    const std::string signature(base64, tcvod::crypto::base64_encode(tag.data(), tag.size(), base64));
    ASSERT_EQ(signature.size(), 44u);
    EXPECT_EQ(encode_parameters(s, {}, tcvod::output_form::query, params),
              "Action=X&Nonce=1&Signature=" + wire_signature(signature) + "&SignatureMethod=HmacSHA256");
    // Anything but the exact text means HMAC-SHA1.
    params[1].value = "hmacsha256";
    const std::string sha1 = encode_parameters(s, {}, tcvod::output_form::query, params);
    std::vector<parameter> copy = params;
    const auto sha1_signature = tcvod::sign_parameters(s, {}, copy.data(), copy.size());
    EXPECT_EQ(sha1_signature.view().size(), 28u);
    EXPECT_EQ(sha1, "Action=X&Nonce=1&Signature=" + wire_signature(std::string(sha1_signature.view())) +
                        "&SignatureMethod=hmacsha256");
}

TEST(EncodeParametersTo, IgnoresASignatureEntry) {
    tcvod::signer s("key");
    std::vector<parameter> without = {{"Region", "gz"}, {"Action", "X"}, {"Nonce", "1"}};
    std::vector<parameter> with = without;
    with.push_back({"Signature", "bogus+/="});
    for (auto form : every_form) {
        SCOPED_TRACE(static_cast<int>(form));
        const std::string a = encode_parameters(s, {}, form, without);
        const std::string b = encode_parameters(s, {}, form, with);
        EXPECT_EQ(b, a);
        EXPECT_EQ(b.find("bogus"), std::string::npos);
    }
    const std::string query = encode_parameters(s, {}, tcvod::output_form::query, with);
    EXPECT_EQ(query.find("Signature="), query.rfind("Signature="));  // exactly one
}

TEST(EncodeParametersTo, ShortCapacityReturnsTheSizeAndWritesNothing) {
    const auto vectors = tcvod_test::load_signature_vectors();  // the parameters view it
    tcvod::signer s(vectors.at(0).key);
    auto params = parameters_of(vectors.at(0));
    for (auto form : every_form) {
        SCOPED_TRACE(static_cast<int>(form));
        const std::string full = encode_parameters(s, {}, form, params);
        ASSERT_FALSE(full.empty());
        for (std::size_t capacity : {std::size_t{0}, std::size_t{1}, full.size() / 2, full.size() - 1}) {
            std::string buffer(full.size() + 4, '#');
            EXPECT_EQ(tcvod::encode_parameters_to(s, {}, form, params.data(), params.size(), &buffer[0], capacity),
                      full.size());
            EXPECT_EQ(buffer, std::string(full.size() + 4, '#')) << "capacity " << capacity;
        }
    }
}

TEST(EncodeParametersTo, ZeroWhenTheSignerLacksTheHash) {
    std::vector<parameter> sha256 = {{"Action", "X"}, {"SignatureMethod", "HmacSHA256"}};
    std::vector<parameter> sha1 = {{"Action", "X"}, {"SignatureMethod", "HmacSHA1"}};
    std::vector<parameter> unset = {{"Action", "X"}};
    char buffer[512];
    auto untouched = [&] { return std::all_of(std::begin(buffer), std::end(buffer), [](char c) { return c == '#'; }); };
    for (auto form : every_form) {
        SCOPED_TRACE(static_cast<int>(form));
        std::fill(std::begin(buffer), std::end(buffer), '#');
        EXPECT_EQ(tcvod::encode_parameters_to(tcvod::sha1_signer("key"), {}, form, sha256.data(), sha256.size(), buffer,
                                              sizeof buffer),
                  0u);
        EXPECT_TRUE(untouched());
        EXPECT_EQ(tcvod::encode_parameters_to(tcvod::sha256_signer("key"), {}, form, sha1.data(), sha1.size(), buffer,
                                              sizeof buffer),
                  0u);
        EXPECT_EQ(tcvod::encode_parameters_to(tcvod::sha256_signer("key"), {}, form, unset.data(), unset.size(), buffer,
                                              sizeof buffer),
                  0u);
        EXPECT_TRUE(untouched());
        // The hash it holds works, and gives what the two-hash signer gives.
        EXPECT_EQ(encode_parameters(tcvod::sha256_signer("key"), {}, form, sha256),
                  encode_parameters(tcvod::signer("key"), {}, form, sha256));
        EXPECT_EQ(encode_parameters(tcvod::sha1_signer("key"), {}, form, unset),
                  encode_parameters(tcvod::signer("key"), {}, form, unset));
    }
}

// ---- one-hash signers --------------------------------------------------------

TEST(OneHashSigners, SignTheVectorsLikeSigner) {
    int sha1_vectors = 0, sha256_vectors = 0;
    for (const auto& v : tcvod_test::load_signature_vectors()) {
        SCOPED_TRACE(v.name);
        auto params = parameters_of(v);
        const bool is_sha256 = method_of(params) == tcvod::signature_method::hmac_sha256;
        (is_sha256 ? sha256_vectors : sha1_vectors) += 1;
        auto a = params, b = params, c = params;
        const auto both = tcvod::sign_parameters(tcvod::signer(v.key), endpoint_of(v), a.data(), a.size());
        const auto one_sha1 = tcvod::sign_parameters(tcvod::sha1_signer(v.key), endpoint_of(v), b.data(), b.size());
        const auto one_sha256 = tcvod::sign_parameters(tcvod::sha256_signer(v.key), endpoint_of(v), c.data(), c.size());
        EXPECT_EQ(both.view(), v.signature);
        // The signer holding the method's hash gives the vector; the other, nothing.
        EXPECT_EQ((is_sha256 ? one_sha256 : one_sha1).view(), v.signature);
        EXPECT_EQ((is_sha256 ? one_sha1 : one_sha256).view(), "");
        for (auto form : every_form) {
            SCOPED_TRACE(static_cast<int>(form));
            const std::string expected = encode_parameters(tcvod::signer(v.key), endpoint_of(v), form, params);
            const std::string one = is_sha256
                                        ? encode_parameters(tcvod::sha256_signer(v.key), endpoint_of(v), form, params)
                                        : encode_parameters(tcvod::sha1_signer(v.key), endpoint_of(v), form, params);
            EXPECT_EQ(one, expected);
        }
    }
    EXPECT_EQ(sha256_vectors, 3);  // T1, T5, DV2
    EXPECT_EQ(sha1_vectors, 13);
}

TEST(OneHashSigners, EncodeSortedGivesNothingForTheOtherHash) {
    std::vector<parameter> params = {{"Action", "X"}};
    auto visit = [&](auto&& f) {
        for (const auto& p : params) f(p.key, p.value);
    };
    for (auto form : every_form) {
        std::string out = "untouched";
        auto sig =
            tcvod::encode_sorted(tcvod::sha1_signer("key"), tcvod::signature_method::hmac_sha256, {}, form, visit, out);
        EXPECT_EQ(sig.view(), "");
        EXPECT_EQ(out, "");
        out = "untouched";
        sig =
            tcvod::encode_sorted(tcvod::sha256_signer("key"), tcvod::signature_method::hmac_sha1, {}, form, visit, out);
        EXPECT_EQ(sig.view(), "");
        EXPECT_EQ(out, "");
        std::string both, one;
        auto expected =
            tcvod::encode_sorted(tcvod::signer("key"), tcvod::signature_method::hmac_sha256, {}, form, visit, both);
        EXPECT_EQ(tcvod::encode_sorted(tcvod::sha256_signer("key"), tcvod::signature_method::hmac_sha256, {}, form,
                                       visit, one),
                  expected);
        EXPECT_EQ(one, both);
    }
}

TEST(OneHashSigners, Supports) {
    using tcvod::signature_method;
    static_assert(tcvod::signer::supports(signature_method::hmac_sha1), "");
    static_assert(tcvod::signer::supports(signature_method::hmac_sha256), "");
    static_assert(tcvod::sha1_signer::supports(signature_method::hmac_sha1), "");
    static_assert(!tcvod::sha1_signer::supports(signature_method::hmac_sha256), "");
    static_assert(!tcvod::sha256_signer::supports(signature_method::hmac_sha1), "");
    static_assert(tcvod::sha256_signer::supports(signature_method::hmac_sha256), "");
    static_assert(tcvod::sha1_signer::has_sha1 && !tcvod::sha1_signer::has_sha256, "");
    static_assert(!tcvod::sha256_signer::has_sha1 && tcvod::sha256_signer::has_sha256, "");
    // Through an object too, as encode() and verify() call it.
    const tcvod::sha1_signer one("key");
    EXPECT_TRUE(one.supports(signature_method::hmac_sha1));
    EXPECT_FALSE(one.supports(signature_method::hmac_sha256));
    EXPECT_FALSE(tcvod::sha256_signer("key").supports(tcvod::signature_method_from_wire("HmacSHA1")));
    EXPECT_FALSE(tcvod::sha256_signer("key").supports(tcvod::signature_method_from_wire("")));
    EXPECT_TRUE(tcvod::sha256_signer("key").supports(tcvod::signature_method_from_wire("HmacSHA256")));
    // One keyed state instead of two.
    EXPECT_LT(sizeof(tcvod::sha1_signer), sizeof(tcvod::signer));
    EXPECT_LT(sizeof(tcvod::sha256_signer), sizeof(tcvod::signer));
}

}  // namespace
