#include "tcvod/number.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <string>

namespace {

std::string offset_text(double v) {
    char buf[tcvod::max_number_chars];
    return std::string(buf, tcvod::format_offset(v, buf));
}
std::string int_text(std::int64_t v) {
    char buf[tcvod::max_number_chars];
    return std::string(buf, tcvod::format_int64(v, buf));
}

TEST(Number, IntegralOffsetsHaveNoFraction) {
    EXPECT_EQ(offset_text(10), "10");
    EXPECT_EQ(offset_text(10.0), "10");
    EXPECT_EQ(offset_text(0), "0");
    EXPECT_EQ(offset_text(-0.0), "0");
    EXPECT_EQ(offset_text(-25), "-25");
    EXPECT_EQ(offset_text(9007199254740992.0), "9007199254740992");
}

TEST(Number, FractionalOffsetsAreShortestFixed) {
    EXPECT_EQ(offset_text(10.5), "10.5");
    EXPECT_EQ(offset_text(0.1), "0.1");
    EXPECT_EQ(offset_text(0.001), "0.001");
    EXPECT_EQ(offset_text(1e-5), "0.00001");
    EXPECT_EQ(offset_text(1.0 / 3), "0.3333333333333333");
    EXPECT_EQ(offset_text(-2.25), "-2.25");
}

TEST(Number, Int64Extremes) {
    EXPECT_EQ(int_text(std::numeric_limits<std::int64_t>::max()), "9223372036854775807");
    EXPECT_EQ(int_text(std::numeric_limits<std::int64_t>::min()), "-9223372036854775808");
    EXPECT_EQ(int_text(15020876538), "15020876538");  // > 2^32, from the API page
}

TEST(Number, ParseInt64IsStrict) {
    EXPECT_EQ(tcvod::parse_int64("0"), 0);
    EXPECT_EQ(tcvod::parse_int64("-10"), -10);
    EXPECT_EQ(tcvod::parse_int64("1290303896666895346"), 1290303896666895346);
    EXPECT_EQ(tcvod::parse_int64("9223372036854775807"), std::numeric_limits<std::int64_t>::max());
    for (const char* bad : {"", "-", "+1", "01", "-0", "1 ", " 1", "1e3", "1.0", "9223372036854775808", "0x10", "--1"})
        EXPECT_FALSE(tcvod::parse_int64(bad)) << bad;
}

TEST(Number, ParseOffsetIsStrict) {
    EXPECT_EQ(tcvod::parse_offset("10"), 10.0);
    EXPECT_EQ(tcvod::parse_offset("10.0"), 10.0);
    EXPECT_EQ(tcvod::parse_offset("10.5"), 10.5);
    EXPECT_EQ(tcvod::parse_offset("-3.25"), -3.25);
    EXPECT_EQ(tcvod::parse_offset("0.5"), 0.5);
    for (const char* bad : {"", ".5", "5.", "1e3", "inf", "nan", "+1", "01", "00.5", "1.2.3", "1,5", " 1",
                            "99999999999999999999"})
        EXPECT_FALSE(tcvod::parse_offset(bad)) << bad;
}

TEST(Number, OffsetTextRoundTrips) {
    for (double v : {0.0, 1.0, 0.1, 0.2, 0.3, 10.25, 123456.789, 1e-9, 3600.5, 86399.999, 4503599627370495.5}) {
        auto back = tcvod::parse_offset(offset_text(v));
        ASSERT_TRUE(back) << offset_text(v);
        EXPECT_EQ(*back, v);
    }
}

}  // namespace
