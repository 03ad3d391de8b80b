// Decimal text for the numbers on the wire: int64 and clip offsets.
// One grammar for both directions, so encode -> decode is exact. Offsets
// are fixed point (whole microseconds): no floating point is read, written
// or computed here, so firmware without an FPU links no soft-float routine.
// Standard library only.
#ifndef TCVOD_NUMBER_HPP
#define TCVOD_NUMBER_HPP

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <optional>
#include <string_view>
#include <type_traits>

// 32-bit targets have no 64-bit divide instruction, and libgcc's
// (__udivmoddi4) is 700 bytes on Cortex-M: there, numbers are written
// without dividing 64-bit values. Tests set it to check both ways.
#ifndef TCVOD_DETAIL_NO_64BIT_DIVISION
#if SIZE_MAX < UINT64_MAX
#define TCVOD_DETAIL_NO_64BIT_DIVISION 1
#else
#define TCVOD_DETAIL_NO_64BIT_DIVISION 0
#endif
#endif

namespace tcvod {
inline namespace v1 {

/// The longest number text tcvod parses (longer is refused), and enough
/// room for any it writes.
inline constexpr std::size_t max_number_chars = 64;
/// What format_int64 (at most 20 chars) and format_offset (at most 22)
/// write, rounded up: a small buffer for firmware stacks.
inline constexpr std::size_t max_formatted_number_chars = 24;

namespace detail {

/// value / 10 and value % 10 with shifts and adds (Hacker's Delight,
/// divu10): 32-bit targets have no 64-bit divide instruction, and libgcc's
/// (__udivmoddi4) is 700 bytes on Cortex-M.
constexpr std::uint64_t divide_by_10(std::uint64_t value, unsigned& remainder) noexcept {
    std::uint64_t q = (value >> 1) + (value >> 2);
    q += q >> 4;
    q += q >> 8;
    q += q >> 16;
    q += q >> 32;
    q >>= 3;
    auto r = static_cast<unsigned>(value - ((q << 3) + (q << 1)));  // < 20
    if (r > 9) {
        ++q;
        r -= 10;
    }
    remainder = r;
    return q;
}

/// Writes `value` in decimal; returns the number of chars (at most 20).
inline std::size_t format_uint64(std::uint64_t value, char* out) noexcept {
    char reversed[20];
    std::size_t n = 0;
    do {
#if TCVOD_DETAIL_NO_64BIT_DIVISION
        unsigned digit = 0;
        value = divide_by_10(value, digit);
#else
        const auto digit = static_cast<unsigned>(value % 10);
        value /= 10;
#endif
        reversed[n++] = static_cast<char>('0' + digit);
    } while (value != 0);
    for (std::size_t i = 0; i < n; ++i) out[i] = reversed[n - 1 - i];
    return n;
}

inline std::uint64_t magnitude_of(std::int64_t value) noexcept {
    // Unsigned negation, so INT64_MIN needs no special case.
    return value < 0 ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
}

}  // namespace detail

/// Writes `value` in decimal; returns the number of chars (at most 20).
inline std::size_t format_int64(std::int64_t value, char* out) noexcept {
    std::size_t sign = 0;
    if (value < 0) out[sign++] = '-';
    return sign + detail::format_uint64(detail::magnitude_of(value), out + sign);
}

/// Strict int64: optional '-', then digits; no '+', no leading zeros
/// (except "0" itself), no spaces, no overflow.
constexpr std::optional<std::int64_t> parse_int64(std::string_view text) noexcept {
    if (text.empty()) return std::nullopt;
    const bool negative = text[0] == '-';
    const std::size_t digits_at = negative ? 1 : 0;
    if (digits_at == text.size()) return std::nullopt;
    if (text[digits_at] == '0' && text.size() > digits_at + 1) return std::nullopt;
    if (negative && text == "-0") return std::nullopt;
    // Accumulate the magnitude as unsigned: |INT64_MIN| = INT64_MAX + 1.
    const std::uint64_t limit = negative ? std::uint64_t{1} << 63 : (std::uint64_t{1} << 63) - 1;
    std::uint64_t magnitude = 0;
    for (std::size_t i = digits_at; i < text.size(); ++i) {
        const char c = text[i];
        if (c < '0' || c > '9') return std::nullopt;
        const auto digit = static_cast<std::uint64_t>(c - '0');
        if (magnitude > (limit - digit) / 10) return std::nullopt;
        magnitude = magnitude * 10 + digit;
    }
    if (!negative) return static_cast<std::int64_t>(magnitude);
    return magnitude == (std::uint64_t{1} << 63) ? std::numeric_limits<std::int64_t>::min()
                                                 : -static_cast<std::int64_t>(magnitude);
}

/// A clip offset in seconds (`startTimeOffset`, `endTimeOffset`), held
/// exactly as a whole number of microseconds: 6 decimal places, range
/// +-9,223,372,036,854.775807 s (about 292,000 years). Negative offsets
/// count from the end of the file, as the API's first revision says.
///
/// Build one from whole seconds (`30`), from microseconds
/// (`from_microseconds(10'500'000)`), from a literal without any floating
/// point (`10.5_s`, tcvod::literals), or on a hosted build from a double
/// (`10.5`): a double is taken when a decimal with at most 6 places reads
/// back as exactly that double, and otherwise makes an invalid offset that
/// validation refuses with errc::invalid_number (never a silent rounding).
class time_offset {
public:
    static constexpr int decimal_places = 6;
    static constexpr std::int64_t units_per_second = 1000000;
    static constexpr std::int64_t max_whole_seconds = std::numeric_limits<std::int64_t>::max() / units_per_second;

    constexpr time_offset() noexcept = default;

    /// Whole seconds; beyond +-max_whole_seconds the offset is invalid.
    template <class Integer, std::enable_if_t<std::is_integral_v<Integer> && !std::is_same_v<Integer, bool>, int> = 0>
    constexpr time_offset(Integer seconds) noexcept  // NOLINT(google-explicit-constructor): `30` reads naturally
        : units_(whole_seconds_to_units(seconds)) {}

    /// Hosted convenience (see the class comment). The only floating point
    /// in tcvod's request side; firmware that never calls it links none.
    time_offset(double seconds) noexcept  // NOLINT(google-explicit-constructor): `10.5` reads naturally
        : units_(double_to_units(seconds)) {}

    static constexpr time_offset from_microseconds(std::int64_t units) noexcept {
        time_offset t;
        t.units_ = units == invalid_units ? invalid_units : units;
        return t;
    }
    /// An offset no wire text or double maps to; validation refuses it.
    static constexpr time_offset invalid() noexcept { return from_microseconds(invalid_units); }

    constexpr bool valid() const noexcept { return units_ != invalid_units; }
    constexpr std::int64_t microseconds() const noexcept { return units_; }
    bool is_whole_seconds() const noexcept { return units_ % units_per_second == 0; }
    /// For display on hosted builds; exact up to 2^53 microseconds.
    double to_double() const noexcept { return static_cast<double>(units_) / static_cast<double>(units_per_second); }

    /// Negated (`-2.25_s`); an invalid offset stays invalid.
    constexpr time_offset operator-() const noexcept { return from_microseconds(valid() ? -units_ : units_); }

    friend constexpr bool operator==(time_offset a, time_offset b) noexcept { return a.units_ == b.units_; }
    friend constexpr bool operator!=(time_offset a, time_offset b) noexcept { return a.units_ != b.units_; }
    friend constexpr bool operator<(time_offset a, time_offset b) noexcept { return a.units_ < b.units_; }
    friend constexpr bool operator>(time_offset a, time_offset b) noexcept { return a.units_ > b.units_; }
    friend constexpr bool operator<=(time_offset a, time_offset b) noexcept { return a.units_ <= b.units_; }
    friend constexpr bool operator>=(time_offset a, time_offset b) noexcept { return a.units_ >= b.units_; }

private:
    static constexpr std::int64_t invalid_units = std::numeric_limits<std::int64_t>::min();

    template <class Integer>
    static constexpr std::int64_t whole_seconds_to_units(Integer seconds) noexcept {
        if constexpr (std::is_signed_v<Integer>) {
            const auto s = static_cast<std::int64_t>(seconds);
            if (s < -max_whole_seconds || s > max_whole_seconds) return invalid_units;
            return s * units_per_second;
        } else {
            if (static_cast<std::uint64_t>(seconds) > static_cast<std::uint64_t>(max_whole_seconds))
                return invalid_units;
            return static_cast<std::int64_t>(seconds) * units_per_second;
        }
    }

    static std::int64_t double_to_units(double seconds) noexcept {
        // Doubles from 9.2e12 s on (the int64 microseconds end at 9.223e12
        // s) and NaN, which fails both compares, have no offset.
        constexpr double limit = 9.2e12;
        if (!(seconds > -limit && seconds < limit)) return invalid_units;
        const bool negative = seconds < 0;
        const double magnitude = negative ? -seconds : seconds;
        // Whole seconds and the fraction apart: x - trunc(x) is exact, and
        // scaling only the fraction finds the nearest microsecond where
        // scaling the whole value would round (beyond 2^51 microseconds).
        auto whole = static_cast<std::int64_t>(magnitude);
        const double fraction = magnitude - static_cast<double>(whole);
        const double scaled = fraction * static_cast<double>(units_per_second);  // < 1e6
        auto micros = static_cast<std::int64_t>(scaled);
        if (scaled - static_cast<double>(micros) >= 0.5) ++micros;  // to the nearest microsecond
        if (micros == units_per_second) {
            ++whole;
            micros = 0;
        }
        const std::int64_t units = whole * units_per_second + micros;
        // Taken when that 6-place decimal reads back as exactly this double.
        // Below 2^53 both operands are exact and the division is correctly
        // rounded, so this is the parser's answer. From 2^53 microseconds
        // (9.0e9 s) on, doubles are at least 1.9 us apart: every one is
        // within half a step of its nearest microsecond.
        constexpr std::int64_t exact_limit = std::int64_t{1} << 53;
        if (units < exact_limit && units_to_double(units) != magnitude) return invalid_units;
        return negative ? -units : units;
    }

    // units / 10^6, correctly rounded (units < 2^53). Where floating point
    // is evaluated wider than double (x87: i686 without -mfpmath=sse,
    // FLT_EVAL_METHOD 2), the quotient is rounded twice, to 64 and then 53
    // bits, and comes out a neighbour of the right double for about 1 valid
    // offset in 4,000 (and, kept in a register, it equalled no double with a
    // fraction: time_offset(0.1) was invalid on i686). There strtod reads
    // "<units>e-6" instead: correctly rounded, and with no decimal point the
    // locale does not matter.
    static double units_to_double(std::int64_t units) noexcept {
#if defined(__FLT_EVAL_METHOD__) && __FLT_EVAL_METHOD__ != 0 && __FLT_EVAL_METHOD__ != 1
        char text[max_formatted_number_chars + 4];
        std::size_t n = detail::format_uint64(static_cast<std::uint64_t>(units), text);
        text[n++] = 'e';
        text[n++] = '-';
        text[n++] = '6';
        text[n] = '\0';
        return std::strtod(text, nullptr);
#else
        return static_cast<double>(units) / static_cast<double>(units_per_second);
#endif
    }

    std::int64_t units_ = 0;
};

/// Strict offset: `-?digits(.digits)?` with the same leading-zero rule as
/// integers; no exponent, no inf/nan, at most max_number_chars. Accepts
/// "10.0" (the 2019 examples) and reads it as 10, and "-0" as 0. Places
/// beyond the sixth must be zeros: a value the representation cannot hold
/// is refused (nullopt), never rounded.
constexpr std::optional<time_offset> parse_offset(std::string_view text) noexcept {
    if (text.empty() || text.size() > max_number_chars) return std::nullopt;
    const bool negative = text[0] == '-';
    std::size_t i = negative ? 1 : 0;
    const std::size_t int_start = i;
    std::uint64_t whole = 0;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
        const auto digit = static_cast<std::uint64_t>(text[i] - '0');
        if (whole > (static_cast<std::uint64_t>(time_offset::max_whole_seconds) - digit) / 10) return std::nullopt;
        whole = whole * 10 + digit;
    }
    const std::size_t int_digits = i - int_start;
    if (int_digits == 0) return std::nullopt;
    if (int_digits > 1 && text[int_start] == '0') return std::nullopt;
    std::uint64_t fraction = 0;
    if (i < text.size()) {
        if (text[i] != '.') return std::nullopt;
        const std::size_t frac_start = ++i;
        for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
            if (i - frac_start < static_cast<std::size_t>(time_offset::decimal_places))
                fraction = fraction * 10 + static_cast<std::uint64_t>(text[i] - '0');
            else if (text[i] != '0')
                return std::nullopt;  // a seventh non-zero place: more precision than microseconds
        }
        if (i == frac_start || i != text.size()) return std::nullopt;
        for (std::size_t places = i - frac_start; places < static_cast<std::size_t>(time_offset::decimal_places);
             ++places)
            fraction *= 10;
    }
    const std::uint64_t units = whole * static_cast<std::uint64_t>(time_offset::units_per_second) + fraction;
    if (units > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return std::nullopt;
    const auto signed_units = static_cast<std::int64_t>(units);
    return time_offset::from_microseconds(negative ? -signed_units : signed_units);
}

/// Whole seconds as integers (`10`, never `10.0`); others with the places
/// they need (`10.5`, `0.001`, `-2.25`). Returns the number of chars (at
/// most 22), or 0 for an invalid offset.
inline std::size_t format_offset(time_offset value, char* out) noexcept {
    if (!value.valid()) return 0;
    const std::int64_t units = value.microseconds();
    std::size_t size = 0;
    if (units < 0) out[size++] = '-';
    constexpr auto places = static_cast<std::size_t>(time_offset::decimal_places);
    const std::uint64_t magnitude = detail::magnitude_of(units);
#if !TCVOD_DETAIL_NO_64BIT_DIVISION
    // 64-bit hosts divide: the whole seconds, then the fraction if any.
    const auto per_second = static_cast<std::uint64_t>(time_offset::units_per_second);
    size += detail::format_uint64(magnitude / per_second, out + size);
    auto fraction = static_cast<std::uint32_t>(magnitude % per_second);
    if (fraction == 0) return size;
    char fraction_digits[places];
    for (std::size_t i = places; i-- > 0;) {
        fraction_digits[i] = static_cast<char>('0' + fraction % 10);
        fraction /= 10;
    }
    const char* padded = fraction_digits;
    const std::size_t whole = 0;
#else
    // 32-bit targets do not divide 64-bit values (see format_uint64): the
    // microseconds' digits, with the point placed six from the end.
    char digits[20];
    std::size_t n = detail::format_uint64(magnitude, digits);
    char padded[places + 1 + 20];  // leading zeros so that there is a whole part: 5 -> 0.000005
    std::size_t pad = n <= places ? places + 1 - n : 0;
    for (std::size_t i = 0; i < pad; ++i) padded[i] = '0';
    for (std::size_t i = 0; i < n; ++i) padded[pad + i] = digits[i];
    const std::size_t whole = n + pad - places;
    for (std::size_t i = 0; i < whole; ++i) out[size++] = padded[i];
#endif
    std::size_t fraction_size = places;
    while (fraction_size != 0 && padded[whole + fraction_size - 1] == '0') --fraction_size;
    if (fraction_size == 0) return size;
    out[size++] = '.';
    for (std::size_t i = 0; i < fraction_size; ++i) out[size++] = padded[whole + i];
    return size;
}

namespace literals {

/// `10.5_s`: an offset from a decimal literal, parsed at compile time with
/// no floating point; a literal with an exponent or a seventh non-zero
/// place does not compile.
template <char... Chars>
constexpr time_offset operator""_s() noexcept {
    constexpr char text[] = {Chars...};
    constexpr auto parsed = parse_offset(std::string_view(text, sizeof...(Chars)));
    static_assert(parsed.has_value(), "an offset literal is decimal seconds with at most 6 places");
    return *parsed;
}

}  // namespace literals

}  // namespace v1
}  // namespace tcvod

#endif  // TCVOD_NUMBER_HPP
