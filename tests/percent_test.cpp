// The hand-written encoder is tested against Boost.URL's, byte for byte.
#include "tcvod/percent.hpp"

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace {

std::string encode(std::string_view s) {
    std::string out;
    tcvod::percent_encode_append(s, out);
    return out;
}

TEST(Percent, UnreservedSetIsExactlyRfc3986) {
    for (int c = 0; c < 256; ++c) {
        bool expected = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                        c == '_' || c == '.' || c == '~';
        EXPECT_EQ(tcvod::is_unreserved(static_cast<unsigned char>(c)), expected) << c;
    }
}

TEST(Percent, DocumentedCases) {
    EXPECT_EQ(encode("0EEm/HtGRr/VJXTAD9tYMth1Bzm3lLHz5RCDv1GdM8s="),
              "0EEm%2FHtGRr%2FVJXTAD9tYMth1Bzm3lLHz5RCDv1GdM8s%3D");
    EXPECT_EQ(encode("a b"), "a%20b");
    EXPECT_EQ(encode("a+b"), "a%2Bb");
    EXPECT_EQ(encode("&=#%?/"), "%26%3D%23%25%3F%2F");
    EXPECT_EQ(encode("\xE6\xB5\x8B\xE8\xAF\x95"), "%E6%B5%8B%E8%AF%95");
    EXPECT_EQ(encode(std::string("\0\xff", 2)), "%00%FF");
    EXPECT_EQ(encode("-_.~"), "-_.~");
    EXPECT_EQ(encode(""), "");
}

TEST(Percent, MatchesBoostUrlOnRandomBytes) {
    std::mt19937 rng(12345);
    for (int round = 0; round < 2000; ++round) {
        std::string s(rng() % 40, '\0');
        for (auto& c : s) c = static_cast<char>(rng() & 0xFF);
        std::string ours = encode(s);
        EXPECT_EQ(ours.size(), tcvod::percent_encoded_size(s));
        std::string theirs = boost::urls::encode(s, boost::urls::unreserved_chars);
        EXPECT_EQ(ours, theirs);
    }
}

}  // namespace
