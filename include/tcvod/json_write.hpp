// A minimal JSON writer into a caller-owned string: correct escaping
// (quotes, backslash, control characters as \u00XX, invalid UTF-8 replaced
// by U+FFFD so the output is always valid JSON). Used by the response
// encoder and the command-line tool. Standard library only.
#ifndef TCVOD_JSON_WRITE_HPP
#define TCVOD_JSON_WRITE_HPP

#include "tcvod/number.hpp"

#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>

namespace tcvod {
inline namespace v1 {

namespace detail {

/// Length of the valid UTF-8 sequence at `s[i]`, or 0 when it is invalid
/// (overlong forms, surrogates and code points above U+10FFFF included).
inline std::size_t utf8_sequence_length(std::string_view s, std::size_t i) noexcept {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = byte(i);
    std::size_t n = s.size() - i;
    auto cont = [&](std::size_t k) { return (byte(k) & 0xC0) == 0x80; };
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) return n >= 2 && cont(i + 1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (n < 3 || !cont(i + 1) || !cont(i + 2)) return 0;
        if (c == 0xE0 && byte(i + 1) < 0xA0) return 0;   // overlong
        if (c == 0xED && byte(i + 1) >= 0xA0) return 0;  // surrogate
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (n < 4 || !cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
        if (c == 0xF0 && byte(i + 1) < 0x90) return 0;   // overlong
        if (c == 0xF4 && byte(i + 1) >= 0x90) return 0;  // > U+10FFFF
        return 4;
    }
    return 0;
}

}  // namespace detail

/// Appends `text` as a JSON string literal, quotes included.
template <class String>
void append_json_string(String& out, std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    out.push_back('"');
    std::size_t i = 0;
    while (i < text.size()) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c == '"' || c == '\\') {
            out.push_back('\\');
            out.push_back(static_cast<char>(c));
            ++i;
        } else if (c < 0x20) {
            switch (c) {
            case '\n': out.append("\\n"); break;
            case '\r': out.append("\\r"); break;
            case '\t': out.append("\\t"); break;
            case '\b': out.append("\\b"); break;
            case '\f': out.append("\\f"); break;
            default:
                out.append("\\u00");
                out.push_back(hex[c >> 4]);
                out.push_back(hex[c & 15]);
            }
            ++i;
        } else if (c < 0x80) {
            out.push_back(static_cast<char>(c));
            ++i;
        } else {
            std::size_t n = detail::utf8_sequence_length(text, i);
            if (n == 0) {
                out.append("\xEF\xBF\xBD");  // U+FFFD for a byte that is not UTF-8
                ++i;
            } else {
                out.append(text.data() + i, n);
                i += n;
            }
        }
    }
    out.push_back('"');
}

/// A comma-managing writer for one JSON object or array at a time.
template <class String>
class json_writer {
public:
    explicit json_writer(String& out) : out_(out) {}

    void begin_object() { open('{'); }
    void end_object() { close('}'); }
    void begin_array() { open('['); }
    void end_array() { close(']'); }

    /// Starts a member; follow it with exactly one value or container.
    json_writer& key(std::string_view name) {
        separate();
        append_json_string(out_, name);
        out_.push_back(':');
        after_key_ = true;
        return *this;
    }
    void value(std::string_view text) {
        separate();
        append_json_string(out_, text);
    }
    void value(const char* text) { value(std::string_view(text)); }
    void value(std::int64_t number) {
        separate();
        char buf[max_number_chars];
        out_.append(buf, format_int64(number, buf));
    }
    void value(int number) { value(static_cast<std::int64_t>(number)); }
    void value(bool b) {
        separate();
        out_.append(b ? "true" : "false");
    }
    /// Integral numbers print as integers (10, not 10.0); others in the
    /// shortest form that round-trips; NaN and infinities (not JSON) as null.
    void number(double number) {
        separate();
        if (!std::isfinite(number)) {
            out_.append("null");
            return;
        }
        char buf[max_number_chars];
        // Exact below 2^53; a cast and a compare, not a trunc() call. -0 prints as 0.
        if (std::fabs(number) <= 9007199254740992.0) {
            auto whole = static_cast<std::int64_t>(number);
            if (static_cast<double>(whole) == number) {
                out_.append(buf, format_int64(whole, buf));
                return;
            }
        }
        // Shortest fixed form when it is short, else shortest scientific.
        char wide[400];
        auto fixed = std::to_chars(wide, wide + sizeof wide, number, std::chars_format::fixed);
        auto n = static_cast<std::size_t>(fixed.ptr - wide);
        if (fixed.ec == std::errc() && n <= max_number_chars) {
            out_.append(wide, n);
            return;
        }
        out_.append(buf, static_cast<std::size_t>(std::to_chars(buf, buf + sizeof buf, number).ptr - buf));
    }
    void null() {
        separate();
        out_.append("null");
    }
    /// Already-serialized JSON (a number token, a minified object), as is.
    void raw(std::string_view json) {
        separate();
        out_.append(json.data(), json.size());
    }

private:
    void separate() {
        if (after_key_) {
            after_key_ = false;
            return;
        }
        if (need_comma_) out_.push_back(',');
        need_comma_ = true;
    }
    void open(char c) {
        separate();
        out_.push_back(c);
        need_comma_ = false;
    }
    void close(char c) {
        out_.push_back(c);
        need_comma_ = true;
        after_key_ = false;
    }

    String& out_;
    bool need_comma_ = false;
    bool after_key_ = false;
};

}  // namespace v1
}  // namespace tcvod

#endif  // TCVOD_JSON_WRITE_HPP
