#include "tcvod/number.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

namespace {

std::string offset_text(tcvod::time_offset v) {
    char buf[tcvod::max_number_chars] = {};
    return std::string(buf, tcvod::format_offset(v, buf));
}
std::string int_text(std::int64_t v) {
    char buf[tcvod::max_number_chars];
    return std::string(buf, tcvod::format_int64(v, buf));
}

using tcvod::time_offset;
using namespace tcvod::literals;

TEST(Number, IntegralOffsetsHaveNoFraction) {
    EXPECT_EQ(offset_text(10), "10");
    EXPECT_EQ(offset_text(10.0), "10");
    EXPECT_EQ(offset_text(0), "0");
    EXPECT_EQ(offset_text(-0.0), "0");
    EXPECT_EQ(offset_text(-25), "-25");
    EXPECT_EQ(offset_text(time_offset::max_whole_seconds), "9223372036854");
    EXPECT_EQ(offset_text(-time_offset::max_whole_seconds), "-9223372036854");
}

TEST(Number, FractionalOffsetsUseThePlacesTheyNeed) {
    EXPECT_EQ(offset_text(10.5), "10.5");
    EXPECT_EQ(offset_text(0.1), "0.1");
    EXPECT_EQ(offset_text(0.001), "0.001");
    EXPECT_EQ(offset_text(1e-5), "0.00001");
    EXPECT_EQ(offset_text(1e-6), "0.000001");
    EXPECT_EQ(offset_text(-2.25), "-2.25");
    EXPECT_EQ(offset_text(-0.5), "-0.5");
    EXPECT_EQ(offset_text(time_offset::from_microseconds(INT64_MAX)), "9223372036854.775807");
    EXPECT_EQ(offset_text(time_offset::from_microseconds(-INT64_MAX)), "-9223372036854.775807");
    EXPECT_EQ(offset_text(time_offset::from_microseconds(1000)), "0.001");
    EXPECT_EQ(offset_text(time_offset::from_microseconds(-1)), "-0.000001");
}

TEST(Number, OffsetsAreExactFixedPoint) {
    EXPECT_EQ(time_offset(10.5).microseconds(), 10500000);
    EXPECT_EQ(time_offset(0.1).microseconds(), 100000);  // the double nearest 0.1 means 0.1
    EXPECT_EQ(time_offset(86399.999).microseconds(), 86399999000);
    EXPECT_EQ(time_offset(30).microseconds(), 30000000);
    EXPECT_EQ(time_offset(std::uint64_t{7}).microseconds(), 7000000);
    EXPECT_EQ(10.5_s, time_offset(10.5));
    EXPECT_EQ(30_s, time_offset(30));
    EXPECT_EQ(0.000001_s, time_offset::from_microseconds(1));
    EXPECT_EQ(1.2500000_s, time_offset::from_microseconds(1250000));  // zeros past the sixth place are exact
    static_assert(12.75_s == time_offset::from_microseconds(12750000), "literals are compile-time constants");
    EXPECT_LT(time_offset(-1), time_offset(0.5));
    EXPECT_TRUE(time_offset(3).is_whole_seconds());
    EXPECT_FALSE(time_offset(3.5).is_whole_seconds());
    EXPECT_EQ(time_offset(3.5).to_double(), 3.5);
}

TEST(Number, UnrepresentableOffsetsAreInvalidNotRounded) {
    EXPECT_FALSE(time_offset(1.0 / 3).valid());   // 0.333333333...: more than 6 places
    EXPECT_FALSE(time_offset(1e-7).valid());
    EXPECT_FALSE(time_offset(0.0000015).valid());
    EXPECT_FALSE(time_offset(std::numeric_limits<double>::quiet_NaN()).valid());
    EXPECT_FALSE(time_offset(std::numeric_limits<double>::infinity()).valid());
    EXPECT_FALSE(time_offset(-std::numeric_limits<double>::infinity()).valid());
    EXPECT_FALSE(time_offset(1e300).valid());
    EXPECT_FALSE(time_offset(9.3e12).valid());
    EXPECT_FALSE(time_offset(time_offset::max_whole_seconds + 1).valid());
    EXPECT_FALSE(time_offset(-time_offset::max_whole_seconds - 1).valid());
    EXPECT_FALSE(time_offset(std::numeric_limits<std::uint64_t>::max()).valid());
    EXPECT_FALSE(time_offset::invalid().valid());
    EXPECT_EQ(offset_text(time_offset::invalid()), "");
    EXPECT_TRUE(time_offset(time_offset::max_whole_seconds).valid());
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
    EXPECT_EQ(tcvod::parse_offset("10"), time_offset(10));
    EXPECT_EQ(tcvod::parse_offset("10.0"), time_offset(10));
    EXPECT_EQ(tcvod::parse_offset("10.5"), time_offset(10.5));
    EXPECT_EQ(tcvod::parse_offset("-3.25"), time_offset(-3.25));
    EXPECT_EQ(tcvod::parse_offset("0.5"), time_offset(0.5));
    EXPECT_EQ(tcvod::parse_offset("-0"), time_offset(0));
    EXPECT_EQ(tcvod::parse_offset("0.123456"), time_offset::from_microseconds(123456));
    EXPECT_EQ(tcvod::parse_offset("0.1234560000"), time_offset::from_microseconds(123456));
    EXPECT_EQ(tcvod::parse_offset("9223372036854.775807"), time_offset::from_microseconds(INT64_MAX));
    EXPECT_EQ(tcvod::parse_offset("-9223372036854.775807"), time_offset::from_microseconds(-INT64_MAX));
    for (const char* bad : {"", ".5", "5.", "1e3", "inf", "nan", "+1", "01", "00.5", "1.2.3", "1,5", " 1",
                            "99999999999999999999", "9223372036855", "9223372036854.775808",
                            "-9223372036854.775808", "0.0000001", "0.1234567", "1.0000001", "-"})
        EXPECT_FALSE(tcvod::parse_offset(bad)) << bad;
    EXPECT_FALSE(tcvod::parse_offset(std::string(65, '1')));
}

TEST(Number, OffsetTextRoundTrips) {
    for (std::int64_t units : {std::int64_t{0}, std::int64_t{1}, std::int64_t{-1}, std::int64_t{100000},
                               std::int64_t{10250000}, std::int64_t{123456789000}, std::int64_t{3600500000},
                               std::int64_t{86399999000}, std::int64_t{999999}, INT64_MAX, -INT64_MAX}) {
        const auto v = time_offset::from_microseconds(units);
        auto back = tcvod::parse_offset(offset_text(v));
        ASSERT_TRUE(back) << offset_text(v);
        EXPECT_EQ(*back, v);
    }
    // Every 6-place decimal read as a double comes back to the same text.
    for (std::int64_t units = -2000000; units <= 2000000; units += 997) {
        const auto exact = time_offset::from_microseconds(units);
        const time_offset from_double(static_cast<double>(units) / 1e6);
        EXPECT_EQ(from_double, exact) << units;
    }
}

TEST(Number, ParseInt64Boundaries) {
    EXPECT_EQ(tcvod::parse_int64("-9223372036854775808"), std::numeric_limits<std::int64_t>::min());
    EXPECT_FALSE(tcvod::parse_int64("-9223372036854775809"));
    EXPECT_FALSE(tcvod::parse_int64("18446744073709551616"));
    static_assert(*tcvod::parse_int64("42") == 42, "parse_int64 is constexpr");
}

}  // namespace
