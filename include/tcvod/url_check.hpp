// pull.url: is the text an absolute http or https URL with a host? The
// library's own RFC 3986 `URI` parser: standard library only, no allocation,
// no copy, about 0.8 KB of Cortex-M4 code, so firmware that cannot build
// Boost.URL validates a PullFile request too. It gives exactly the answer of
// the check it replaces (Boost.URL 1.81's parse_uri, kept below as the
// reference; tests/url_check_test.cpp and fuzz/fuzz_url_check.cpp compare
// the two). -DTCVOD_USE_BOOST_URL makes is_pull_url use Boost.URL again.
//
// The rule, exactly:
//   - A raw space or byte >= 0x80 (people paste them; they are encoded on
//     the wire anyway) counts as its percent-encoded triplet: allowed in
//     userinfo, host name, path, query and fragment, nowhere else.
//   - Every '%' is followed by two hex digits.
//   - "http" or "https" in any case, then "://".
//   - [ userinfo "@" ] host [ ":" *DIGIT ]: any digits, none too ("h:").
//   - host: "[" IPv6address "]" in any RFC 3986 form (no zone ID), "[v"
//     1*HEXDIG "." 1*( unreserved / sub-delims / ":" ) "]", an IPv4address
//     (it ends the host), or else a non-empty reg-name that, once
//     percent-decoded, holds no byte <= 0x20 nor 0x7F. So "http://a b/" and
//     "http://a%20b/" are refused but "http://1.2.3.4 /" is accepted (the
//     space is path), and "http://%E6%B5%8B/" or raw UTF-8 is accepted.
//     Controls elsewhere are fine once encoded: "http://h/%00", "http://%00@h".
//   - then *( pchar / "/" ) [ "?" query ] [ "#" fragment ].
// Where Boost.URL 1.81 parts from RFC 3986, this follows Boost:
//   - the path after the authority need not start with "/" (RFC:
//     path-abempty), so text may follow a port, an address or a second "@":
//     "http://h:80x", "http://[::1]x", "http://a@b@c" are accepted;
//   - the first run of userinfo characters followed by "@" is the userinfo,
//     never taken back: "http://h@" has an empty host;
//   - only a lower-case "v" starts an IPvFuture ("[V1.x]" is refused).
#ifndef TCVOD_URL_CHECK_HPP
#define TCVOD_URL_CHECK_HPP

#include <array>
#include <cstddef>
#include <string_view>

#if defined(TCVOD_USE_BOOST_URL) || defined(TCVOD_URL_CHECK_WITH_BOOST_REFERENCE)
#include <boost/url/decode_view.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/scheme.hpp>

#include <string>
#endif

namespace tcvod {
inline namespace v1 {
namespace detail {
namespace uri {

// Character classes (RFC 3986 section 2 and 3), one bit each.
enum : unsigned char {
    name_char = 1,  // unreserved / sub-delims
    pct_char = 2,   // '%' (triplets checked apart), and space and >= 0x80 (encoded for the check)
    colon = 4,
    at_sign = 8,
    slash = 16,
    question = 32,
    hex_digit = 64,
    dec_digit = 128,
};
inline constexpr unsigned char userinfo_chars = name_char | pct_char | colon;
inline constexpr unsigned char host_chars = name_char | pct_char;
inline constexpr unsigned char future_chars = name_char | colon;  // IPvFuture: no pct-encoding
inline constexpr unsigned char path_chars = name_char | pct_char | colon | at_sign | slash;
inline constexpr unsigned char query_chars = path_chars | question;  // the fragment's too

constexpr std::array<unsigned char, 256> make_classes() noexcept {
    std::array<unsigned char, 256> table{};
    for (char c : std::string_view("-._~!$&'()*+,;=")) table[static_cast<unsigned char>(c)] = name_char;
    for (int c = 'a'; c <= 'z'; ++c) table[static_cast<std::size_t>(c)] = name_char;
    for (int c = 'A'; c <= 'Z'; ++c) table[static_cast<std::size_t>(c)] = name_char;
    for (int c = '0'; c <= '9'; ++c) table[static_cast<std::size_t>(c)] = name_char | hex_digit | dec_digit;
    for (int c = 'a'; c <= 'f'; ++c) table[static_cast<std::size_t>(c)] |= hex_digit;
    for (int c = 'A'; c <= 'F'; ++c) table[static_cast<std::size_t>(c)] |= hex_digit;
    for (int c = 0x80; c <= 0xFF; ++c) table[static_cast<std::size_t>(c)] = pct_char;
    table['%'] = table[' '] = pct_char;
    table[':'] = colon;
    table['@'] = at_sign;
    table['/'] = slash;
    table['?'] = question;
    return table;
}
inline constexpr std::array<unsigned char, 256> char_classes = make_classes();

/// The table's entry, computed: a few compares instead of 256 bytes of
/// flash, for -Os builds. Checked against the table for every byte below.
constexpr unsigned char class_of(unsigned char c) noexcept {
    if (c >= 0x80 || c == '%' || c == ' ') return pct_char;
    if (c >= '0' && c <= '9') return name_char | hex_digit | dec_digit;
    const auto letter = static_cast<unsigned char>(c | 0x20);
    if (letter >= 'a' && letter <= 'z') return static_cast<unsigned char>(name_char | (letter <= 'f' ? hex_digit : 0));
    switch (c) {
    case ':': return colon;
    case '@': return at_sign;
    case '/': return slash;
    case '?': return question;
    default: break;
    }
    for (char name : std::string_view("-._~!$&'()*+,;="))
        if (c == static_cast<unsigned char>(name)) return name_char;
    return 0;
}

constexpr bool class_of_matches_table() noexcept {
    for (unsigned c = 0; c < 256; ++c)
        if (class_of(static_cast<unsigned char>(c)) != char_classes[c]) return false;
    return true;
}
static_assert(class_of_matches_table(), "class_of and char_classes disagree");

inline bool in_set(const char* p, const char* end, unsigned char set) noexcept {
#ifdef __OPTIMIZE_SIZE__
    return p != end && (class_of(static_cast<unsigned char>(*p)) & set) != 0;
#else
    return p != end && (char_classes[static_cast<unsigned char>(*p)] & set) != 0;
#endif
}

/// Past the longest run (of at most `most` chars) in `set`.
inline const char* skip(const char* p, const char* end, unsigned char set, std::size_t most = ~std::size_t{}) noexcept {
    while (most-- != 0 && in_set(p, end, set)) ++p;
    return p;
}

/// dec-octet "." dec-octet "." dec-octet "." dec-octet; null if none (as
/// in Boost.URL, also when a fourth digit follows an octet).
inline const char* ipv4_end(const char* p, const char* end) noexcept {
    for (int octet = 0; octet < 4; ++octet) {
        if (octet != 0 && (p == end || *p++ != '.')) return nullptr;
        const char* digits_end = skip(p, end, dec_digit, 3);
        int value = 0;
        for (const char* d = p; d != digits_end; ++d) value = value * 10 + (*d - '0');
        bool leading_zero = digits_end - p > 1 && *p == '0';
        if (digits_end == p || leading_zero || value > 255 || in_set(digits_end, end, dec_digit)) return nullptr;
        p = digits_end;
    }
    return p;
}

/// Every RFC 3986 IPv6address form: eight h16 groups, or fewer with one
/// "::" standing for at least one, the last two optionally an IPv4address.
inline const char* ipv6_end(const char* p, const char* end) noexcept {
    int groups = 0;
    bool elided = end - p >= 2 && p[0] == ':' && p[1] == ':';
    if (elided) p += 2;
    while (in_set(p, end, hex_digit)) {
        const char* group = p;
        p = skip(p, end, hex_digit, 4);
        if (p != end && *p == '.')  // ls32 as an IPv4address: the two last groups
            return (elided ? groups <= 5 : groups == 6) ? ipv4_end(group, end) : nullptr;
        if (++groups + elided == 8) return p;
        if (p == end || *p != ':') break;
        if (++p != end && *p == ':') {
            if (elided) return nullptr;
            elided = true;
            ++p;
            if (groups == 7) return p;  // "::" stands for the eighth
        } else if (!in_set(p, end, hex_digit)) {
            return nullptr;
        }
    }
    return elided ? p : nullptr;
}

/// IP-literal after its "[": IPv6address or IPvFuture, then "]".
inline const char* ip_literal_end(const char* p, const char* end) noexcept {
    if (p != end && *p == 'v') {  // Boost.URL 1.81 takes no upper-case "V"
        const char* major_end = skip(p + 1, end, hex_digit);
        if (major_end == p + 1 || major_end == end || *major_end != '.') return nullptr;
        p = skip(major_end + 1, end, future_chars);
        if (p == major_end + 1) return nullptr;
    } else if (!(p = ipv6_end(p, end))) {
        return nullptr;
    }
    return p != end && *p == ']' ? p + 1 : nullptr;
}

/// The value of a hex digit already checked as one.
inline unsigned hex_value(char c) noexcept { return (static_cast<unsigned char>(c) & 0xFu) + (c > '9' ? 9u : 0u); }

/// A space or control character in a host name, once percent-decoded.
inline bool has_control_char(const char* p, const char* end) noexcept {
    for (; p != end; ++p) {
        unsigned byte = static_cast<unsigned char>(*p);
        if (byte == '%') {
            byte = hex_value(p[1]) * 16 + hex_value(p[2]);
            p += 2;
        }
        if (byte <= 0x20 || byte == 0x7F) return true;
    }
    return false;
}

/// A '%' without two hex digits after it: refused wherever it stands.
inline bool has_bad_percent(const char* p, const char* end) noexcept {
    for (; p != end; ++p)
        if (*p == '%' && (end - p < 3 || !in_set(p + 1, end, hex_digit) || !in_set(p + 2, end, hex_digit))) return true;
    return false;
}

}  // namespace uri

/// The built-in check (always available; see the rules above).
inline bool builtin_is_pull_url(std::string_view text) noexcept {
    using namespace uri;
    const char* p = text.data();
    const char* const end = p + text.size();
    // scheme ":" "//": only "http" and "https" in any case.
    for (char letter : std::string_view("http"))
        if (p == end || (*p++ | 0x20) != letter) return false;  // | 0x20: lower case
    if (p != end && (*p | 0x20) == 's') ++p;
    if (end - p < 3 || p[0] != ':' || p[1] != '/' || p[2] != '/' || has_bad_percent(p, end)) return false;
    p += 3;

    const char* userinfo_end = skip(p, end, userinfo_chars);
    if (userinfo_end != end && *userinfo_end == '@') p = userinfo_end + 1;
    // An IPv4address host ends where the address does, and the rest is path:
    // that decides where the check for control characters stops. A bad IP
    // literal leaves an empty host ('[' is no host char).
    const char* host_end = p != end && *p == '[' ? ip_literal_end(p + 1, end) : ipv4_end(p, end);
    if (!host_end) host_end = skip(p, end, host_chars);
    if (host_end == p || has_control_char(p, host_end)) return false;
    p = host_end;
    if (p != end && *p == ':') p = skip(p + 1, end, dec_digit);

    p = skip(p, end, path_chars);
    if (p != end && *p == '?') p = skip(p + 1, end, query_chars);
    if (p != end && *p == '#') p = skip(p + 1, end, query_chars);
    return p == end;
}

#if defined(TCVOD_USE_BOOST_URL) || defined(TCVOD_URL_CHECK_WITH_BOOST_REFERENCE)
/// The reference: Boost.URL's parse_uri on a copy with raw spaces and bytes
/// >= 0x80 percent-encoded (the stack for short URLs, else the heap).
inline bool boost_is_pull_url(std::string_view text) {
    char local[1024];
    std::string heap;  // only for URLs over ~340 bytes of unsafe chars
    std::size_t needed = 0;
    for (char ch : text) {
        auto c = static_cast<unsigned char>(ch);
        needed += (c == ' ' || c >= 0x80) ? 3 : 1;
    }
    char* out = local;
    if (needed > sizeof local) {
        heap.resize(needed);
        out = &heap[0];
    }
    char* p = out;
    static constexpr char hex[] = "0123456789ABCDEF";
    for (char ch : text) {
        auto c = static_cast<unsigned char>(ch);
        if (c == ' ' || c >= 0x80) {
            *p++ = '%';
            *p++ = hex[c >> 4];
            *p++ = hex[c & 15];
        } else {
            *p++ = ch;
        }
    }
    auto parsed = boost::urls::parse_uri(boost::urls::string_view(out, needed));
    if (!parsed) return false;
    auto scheme = parsed->scheme_id();
    if (scheme != boost::urls::scheme::http && scheme != boost::urls::scheme::https) return false;
    if (!parsed->has_authority() || parsed->encoded_host().empty()) return false;
    // The pre-encoding above lets a pasted space through; in a host it is
    // never right, nor is any other control or space character.
    for (char c : *parsed->encoded_host())
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) return false;
    return true;
}
#endif

}  // namespace detail

/// An absolute http or https URL with a non-empty host (the rules at the
/// top of this header). Raw spaces and non-ASCII bytes, which people paste,
/// are accepted: they are percent-encoded on the wire anyway.
#ifdef TCVOD_USE_BOOST_URL
inline bool is_pull_url(std::string_view text) { return detail::boost_is_pull_url(text); }
#else
inline bool is_pull_url(std::string_view text) noexcept { return detail::builtin_is_pull_url(text); }
#endif

}  // namespace v1
}  // namespace tcvod

#endif  // TCVOD_URL_CHECK_HPP
