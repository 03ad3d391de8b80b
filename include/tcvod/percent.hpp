// RFC 3986 percent-encoding for values on the wire: everything except
// A-Z a-z 0-9 - _ . ~ becomes %XX with upper-case hex, so space is %20 and
// '+' is %2B (the PHP server would read a raw '+' as a space).
// Measure-then-write, no allocation. Standard library only.
#ifndef TCVOD_PERCENT_HPP
#define TCVOD_PERCENT_HPP

#include <array>
#include <cstddef>
#include <string_view>

namespace tcvod {
inline namespace v1 {
namespace detail {

constexpr std::array<bool, 256> make_unreserved_table() noexcept {
    std::array<bool, 256> table{};
    for (int c = 'A'; c <= 'Z'; ++c) table[static_cast<std::size_t>(c)] = true;
    for (int c = 'a'; c <= 'z'; ++c) table[static_cast<std::size_t>(c)] = true;
    for (int c = '0'; c <= '9'; ++c) table[static_cast<std::size_t>(c)] = true;
    table['-'] = table['_'] = table['.'] = table['~'] = true;
    return table;
}

inline constexpr std::array<bool, 256> unreserved = make_unreserved_table();
inline constexpr char upper_hex[] = "0123456789ABCDEF";

}  // namespace detail

namespace detail {

/// The table's entry, computed: a few compares instead of 256 bytes of
/// flash, for -Os builds. Checked against the table for every byte below.
constexpr bool compute_unreserved(unsigned char c) noexcept {
    const auto letter = static_cast<unsigned char>(c | 0x20);
    return (letter >= 'a' && letter <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~';
}

constexpr bool computed_unreserved_matches_table() noexcept {
    for (unsigned c = 0; c < 256; ++c)
        if (compute_unreserved(static_cast<unsigned char>(c)) != unreserved[c]) return false;
    return true;
}
static_assert(computed_unreserved_matches_table(), "compute_unreserved and the table disagree");

}  // namespace detail

constexpr bool is_unreserved(unsigned char c) noexcept {
#ifdef __OPTIMIZE_SIZE__
    return detail::compute_unreserved(c);
#else
    return detail::unreserved[c];
#endif
}

/// The length of `value` once percent-encoded.
inline std::size_t percent_encoded_size(std::string_view value) noexcept {
    std::size_t n = value.size();
    for (char c : value) n += is_unreserved(static_cast<unsigned char>(c)) ? 0 : 2;
    return n;
}

/// Writes percent_encoded_size(value) chars to `out`; returns the end.
inline char* percent_encode(std::string_view value, char* out) noexcept {
    for (char ch : value) {
        auto c = static_cast<unsigned char>(ch);
        if (is_unreserved(c)) {
            *out++ = ch;
        } else {
            out[0] = '%';
            out[1] = detail::upper_hex[c >> 4];
            out[2] = detail::upper_hex[c & 15];
            out += 3;
        }
    }
    return out;
}

/// Appends the encoded form to a string-like container (tests, tools).
template <class String>
void percent_encode_append(std::string_view value, String& out) {
    std::size_t at = out.size();
    out.resize(at + percent_encoded_size(value));
    percent_encode(value, &out[0] + at);
}

}  // namespace v1
}  // namespace tcvod

#endif  // TCVOD_PERCENT_HPP
