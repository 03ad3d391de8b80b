#ifndef TCVOD_CRYPTO_BASE64_HPP
#define TCVOD_CRYPTO_BASE64_HPP

// Base64 (RFC 4648 section 4): standard alphabet, '=' padding, no line breaks.

#include <cstddef>
#include <cstdint>

namespace tcvod {
inline namespace v1 {
namespace crypto {
namespace detail {

inline constexpr char base64_alphabet[65] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// Maps a character to its 6-bit value; everything else (including '=') has
// the high bit set so one OR over four lookups detects any invalid character.
inline constexpr unsigned char base64_invalid = 0x80;

struct base64_decode_table {
    unsigned char values[256];
};

constexpr base64_decode_table make_base64_decode_table() noexcept {
    base64_decode_table table{};
    for (unsigned char& value : table.values) value = base64_invalid;
    for (unsigned i = 0; i < 64; ++i) {
        table.values[static_cast<unsigned char>(base64_alphabet[i])] = static_cast<unsigned char>(i);
    }
    return table;
}

inline constexpr base64_decode_table base64_decoding = make_base64_decode_table();

inline unsigned base64_value(char c) noexcept { return base64_decoding.values[static_cast<unsigned char>(c)]; }

}  // namespace detail

// Precondition: the result fits in std::size_t (n <= SIZE_MAX / 4 * 3).
constexpr std::size_t base64_encoded_size(std::size_t n) noexcept { return n / 3 * 4 + (n % 3 != 0 ? 4 : 0); }

// Writes exactly base64_encoded_size(n) characters (no terminating NUL) and
// returns that count.
inline std::size_t base64_encode(const void* data, std::size_t n, char* out) noexcept {
    const unsigned char* input = static_cast<const unsigned char*>(data);
    const char* const alphabet = detail::base64_alphabet;
    char* const out_begin = out;

    for (; n >= 3; n -= 3, input += 3, out += 4) {
        const std::uint32_t triple =
            (static_cast<std::uint32_t>(input[0]) << 16) | (static_cast<std::uint32_t>(input[1]) << 8) | input[2];
        out[0] = alphabet[triple >> 18];
        out[1] = alphabet[(triple >> 12) & 0x3F];
        out[2] = alphabet[(triple >> 6) & 0x3F];
        out[3] = alphabet[triple & 0x3F];
    }

    if (n != 0) {
        const std::uint32_t second = n == 2 ? input[1] : 0U;
        const std::uint32_t tail = (static_cast<std::uint32_t>(input[0]) << 16) | (second << 8);
        out[0] = alphabet[tail >> 18];
        out[1] = alphabet[(tail >> 12) & 0x3F];
        out[2] = n == 2 ? alphabet[(tail >> 6) & 0x3F] : '=';
        out[3] = '=';
        out += 4;
    }

    return static_cast<std::size_t>(out - out_begin);
}

// Upper bound for the decoded size of n input characters; exact when there is
// no padding.
constexpr std::size_t base64_max_decoded_size(std::size_t n) noexcept { return n / 4 * 3; }

// Strict decoder: n must be a multiple of 4, only alphabet characters are
// accepted, '=' only as one or two final padding characters, and the unused
// bits before the padding must be zero so every byte string has exactly one
// accepted encoding. `out` must hold base64_max_decoded_size(n) bytes.
// On success sets out_size to the decoded length and returns true; on failure
// returns false, sets out_size to 0 and leaves `out` partially written.
inline bool base64_decode(const char* in, std::size_t n, unsigned char* out, std::size_t& out_size) noexcept {
    out_size = 0;
    if (n % 4 != 0) return false;
    if (n == 0) return true;

    using detail::base64_value;
    unsigned char* const out_begin = out;
    const char* const last_quad = in + (n - 4);

    for (; in != last_quad; in += 4, out += 3) {
        const unsigned v0 = base64_value(in[0]);
        const unsigned v1 = base64_value(in[1]);
        const unsigned v2 = base64_value(in[2]);
        const unsigned v3 = base64_value(in[3]);
        if (((v0 | v1 | v2 | v3) & detail::base64_invalid) != 0) return false;
        const std::uint32_t triple = (v0 << 18) | (v1 << 12) | (v2 << 6) | v3;
        out[0] = static_cast<unsigned char>(triple >> 16);
        out[1] = static_cast<unsigned char>(triple >> 8);
        out[2] = static_cast<unsigned char>(triple);
    }

    const unsigned v0 = base64_value(in[0]);
    const unsigned v1 = base64_value(in[1]);
    if (((v0 | v1) & detail::base64_invalid) != 0) return false;

    if (in[2] == '=') {
        // "xx==": one byte; the low 4 bits of the second character must be zero.
        if (in[3] != '=' || (v1 & 0x0F) != 0) return false;
        out[0] = static_cast<unsigned char>((v0 << 2) | (v1 >> 4));
        out += 1;
    } else {
        const unsigned v2 = base64_value(in[2]);
        if ((v2 & detail::base64_invalid) != 0) return false;
        if (in[3] == '=') {
            // "xxx=": two bytes; the low 2 bits of the third character must be zero.
            if ((v2 & 0x03) != 0) return false;
            const std::uint32_t pair = (v0 << 10) | (v1 << 4) | (v2 >> 2);
            out[0] = static_cast<unsigned char>(pair >> 8);
            out[1] = static_cast<unsigned char>(pair);
            out += 2;
        } else {
            const unsigned v3 = base64_value(in[3]);
            if ((v3 & detail::base64_invalid) != 0) return false;
            const std::uint32_t triple = (v0 << 18) | (v1 << 12) | (v2 << 6) | v3;
            out[0] = static_cast<unsigned char>(triple >> 16);
            out[1] = static_cast<unsigned char>(triple >> 8);
            out[2] = static_cast<unsigned char>(triple);
            out += 3;
        }
    }

    out_size = static_cast<std::size_t>(out - out_begin);
    return true;
}

}  // namespace crypto
}  // namespace v1
}  // namespace tcvod

#endif  // TCVOD_CRYPTO_BASE64_HPP
