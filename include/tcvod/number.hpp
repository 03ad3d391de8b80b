// Decimal text for the numbers on the wire: int64 and clip offsets.
// One grammar for both directions, so encode -> decode is exact.
// Standard library only.
#ifndef TCVOD_NUMBER_HPP
#define TCVOD_NUMBER_HPP

#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <system_error>

namespace tcvod {
inline namespace v1 {

/// Enough for any int64 and for any offset tcvod accepts.
inline constexpr std::size_t max_number_chars = 64;

/// Offsets beyond 2^53 seconds cannot be represented exactly as doubles;
/// no clip is that long, so such values are rejected instead of rounded.
inline constexpr double max_offset_magnitude = 9007199254740992.0;

/// Writes `value` in decimal; returns the number of chars (at most 20).
inline std::size_t format_int64(std::int64_t value, char* out) noexcept {
    auto r = std::to_chars(out, out + max_number_chars, value);
    return static_cast<std::size_t>(r.ptr - out);
}

/// Integral offsets as integers (`10`, never `10.0`); others in the
/// shortest fixed notation that round-trips (`10.5`, `0.001`).
/// Precondition: finite and within max_offset_magnitude (see validate).
inline std::size_t format_offset(double value, char* out) noexcept {
    if (std::fabs(value) <= max_offset_magnitude) {
        // Exact below 2^53; a cast and a compare, not a trunc() call. -0 prints as 0.
        auto whole = static_cast<std::int64_t>(value);
        if (static_cast<double>(whole) == value) return format_int64(whole, out);
    }
    // Shortest fixed form. Tiny values would need hundreds of zeros; they
    // return 0 here and validation rejects them (parse_offset never
    // produces them: its input is at most max_number_chars long).
    char wide[400];
    auto r = std::to_chars(wide, wide + sizeof wide, value, std::chars_format::fixed);
    if (r.ec != std::errc()) return 0;
    auto n = static_cast<std::size_t>(r.ptr - wide);
    if (n > max_number_chars) return 0;
    for (std::size_t i = 0; i < n; ++i) out[i] = wide[i];
    return n;
}

/// Strict int64: optional '-', then digits; no '+', no leading zeros
/// (except "0" itself), no spaces, no overflow.
inline std::optional<std::int64_t> parse_int64(std::string_view text) noexcept {
    if (text.empty()) return std::nullopt;
    std::size_t digits_at = text[0] == '-' ? 1 : 0;
    if (digits_at == text.size()) return std::nullopt;
    if (text[digits_at] == '0' && text.size() > digits_at + 1) return std::nullopt;
    if (digits_at == 1 && text == "-0") return std::nullopt;
    std::int64_t value = 0;
    auto r = std::from_chars(text.data(), text.data() + text.size(), value);
    if (r.ec != std::errc() || r.ptr != text.data() + text.size()) return std::nullopt;
    return value;
}

/// Strict offset: `-?digits(.digits)?` with the same leading-zero rule as
/// integers; no exponent, no inf/nan. Accepts "10.0" (the 2019 examples)
/// and reads it as 10.
inline std::optional<double> parse_offset(std::string_view text) noexcept {
    if (text.empty() || text.size() > max_number_chars) return std::nullopt;
    std::size_t i = text[0] == '-' ? 1 : 0;
    std::size_t int_start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    std::size_t int_digits = i - int_start;
    if (int_digits == 0) return std::nullopt;
    if (int_digits > 1 && text[int_start] == '0') return std::nullopt;
    if (i == text.size() && int_digits <= 15) {
        // Whole seconds, the common case: exact as an integer, no from_chars.
        std::int64_t whole = 0;
        for (std::size_t k = int_start; k < i; ++k) whole = whole * 10 + (text[k] - '0');
        return static_cast<double>(int_start ? -whole : whole);
    }
    if (i < text.size()) {
        if (text[i] != '.') return std::nullopt;
        std::size_t frac_start = ++i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
        if (i == frac_start || i != text.size()) return std::nullopt;
    }
    double value = 0;
    auto r = std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::fixed);
    if (r.ec != std::errc() || r.ptr != text.data() + text.size()) return std::nullopt;
    if (!(std::fabs(value) <= max_offset_magnitude)) return std::nullopt;
    if (value == 0.0) value = 0.0;
    return value;
}

}  // namespace v1
}  // namespace tcvod

#endif  // TCVOD_NUMBER_HPP
