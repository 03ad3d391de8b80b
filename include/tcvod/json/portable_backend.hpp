// The portable backend of json_read.hpp: the library's own strict JSON
// pull parser, standard library only, any endianness, no reads past the
// input. Used with TCVOD_NO_SIMDJSON, where <simdjson.h> cannot be found
// and on big-endian targets (json_backend.hpp picks).
//
// Why not jsmn (Debian's libjsmn-dev): it checks neither UTF-8, nor the
// number grammar, nor escapes and surrogates, and it needs a token array
// sized up front; the strictness here would be a second pass anyway.
//
// It reports what simdjson On-Demand reports, in the same order, so that
// both backends give the same errors and paths on every input:
//   1. a first pass over the whole input, like simdjson's stage 1: an
//      unclosed string, then a control character inside a string, then an
//      input of whitespace only, then invalid UTF-8;
//   2. then the values are read in document order as the decoder asks;
//      the byte after the input reads as a space (simdjson's padding).
// Unescaped strings go into the parser's buffer, sized once to the
// largest input seen (an unescaped string is never longer than its JSON
// text): after warm-up, no allocation.
#ifndef TCVOD_JSON_PORTABLE_BACKEND_HPP
#define TCVOD_JSON_PORTABLE_BACKEND_HPP

#include "tcvod/json_read.hpp"
#include "tcvod/json_write.hpp"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>

namespace tcvod {
inline namespace v1 {
namespace detail {

struct portable_json_backend {
    static constexpr std::size_t padding = 0;

    /// Reusable state: the input being read, the read position, and the
    /// buffer unescaped strings go to.
    class parser {
    public:
        parser() = default;
        parser(const parser&) = delete;
        parser& operator=(const parser&) = delete;

    private:
        friend struct portable_json_backend;

        char peek() const noexcept { return cur_ < end_ ? *cur_ : ' '; }
        void skip_space() noexcept {
            while (cur_ < end_ && is_json_space(*cur_)) ++cur_;
        }
        /// simdjson's stage 1 finds operators by `c | 0x20`, which also takes
        /// form feed and SUB (0x0C, 0x1A) for ',' and ':'; stage 2 then
        /// refuses them where an operator or a value must be. So here.
        static bool is_operator(char c) noexcept {
            return c == '{' || c == '}' || c == '[' || c == ']' || c == ',' || c == ':' || c == '\x0c' || c == '\x1a';
        }

        /// End of the scalar token at cur_: whitespace or an operator ends
        /// it. A quote right after a scalar character does not start a
        /// string (simdjson's stage 1): the token runs to that string's
        /// closing quote and ends there (`0"x"` is one malformed number).
        const char* token_end() const noexcept {
            const char* p = cur_;
            while (p < end_) {
                char c = *p;
                if (c == '\\') {  // escapes the next byte, as in simdjson's stage 1
                    p = p + 2 < end_ ? p + 2 : end_;
                    continue;
                }
                if (c == '"') {
                    if (p == cur_) break;
                    for (++p; p < end_ && *p != '"'; ++p)
                        if (*p == '\\') ++p;
                    return p < end_ ? p + 1 : end_;
                }
                if (is_json_space(c) || is_operator(c)) break;
                ++p;
            }
            return p;
        }
        /// cur_ at an opening quote: the closing quote (the first pass made
        /// sure there is one), and whether there are escapes in between.
        const char* string_end(bool& escaped) const noexcept {
            const char* p = cur_ + 1;
            escaped = false;
            while (p < end_ && *p != '"') {
                if (*p == '\\') {
                    escaped = true;
                    ++p;
                }
                ++p;
            }
            return p < end_ ? p : end_;
        }

        json_error start(const char* data, std::size_t size) {
            begin_ = data;
            end_ = data + size;
            cur_ = data;
            if (json_error e = first_pass(); e != json_error::success) return e;
            if (strings_capacity_ < size) {
                strings_.reset(new char[size]);
                strings_capacity_ = size;
            }
            strings_used_ = 0;
            skip_space();
            return json_error::success;
        }

        /// simdjson's stage 1 checks, in its order of precedence. As there,
        /// a backslash escapes the next byte inside strings and out (an
        /// escaped quote neither opens nor closes a string).
        json_error first_pass() const noexcept {
            bool in_string = false, control = false, any = false;
            for (const char* p = begin_; p < end_; ++p) {
                unsigned char c = static_cast<unsigned char>(*p);
                if (c == '\\') {
                    any = true;
                    if (++p == end_) break;
                    c = static_cast<unsigned char>(*p);
                    if (in_string && c < 0x20) control = true;
                    continue;
                }
                if (c == '"') {
                    in_string = !in_string;
                    any = true;
                } else if (in_string) {
                    if (c < 0x20) control = true;
                } else if (!is_json_space(static_cast<char>(c))) {
                    any = true;
                }
            }
            if (in_string) return json_error::unclosed_string;
            if (control) return json_error::unescaped_chars;
            if (!any) return json_error::empty;
            std::string_view all(begin_, static_cast<std::size_t>(end_ - begin_));
            for (std::size_t i = 0; i < all.size();) {
                if (static_cast<unsigned char>(all[i]) < 0x80) {
                    ++i;
                    continue;
                }
                std::size_t n = utf8_sequence_length(all, i);
                if (n == 0) return json_error::utf8;
                i += n;
            }
            return json_error::success;
        }

        static int hex_value(char c) noexcept {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }
        /// Four hex digits at p (within [p, limit)), or -1.
        static long hex4(const char* p, const char* limit) noexcept {
            if (limit - p < 4) return -1;
            long v = 0;
            for (int k = 0; k < 4; ++k) {
                int d = hex_value(p[k]);
                if (d < 0) return -1;
                v = v * 16 + d;
            }
            return v;
        }

        /// The string at cur_ (an opening quote), unescaped; cur_ moves past
        /// its closing quote. Errors as simdjson's: bad escapes, lone surrogates.
        json_error read_string(std::string_view& out) noexcept {
            bool escaped = false;
            const char* close = string_end(escaped);
            const char* p = cur_ + 1;
            if (!escaped) {
                out = std::string_view(p, static_cast<std::size_t>(close - p));
                cur_ = close < end_ ? close + 1 : end_;  // (the first pass saw it closed)
                return json_error::success;
            }
            char* dst = strings_.get() + strings_used_;
            char* start = dst;
            while (p < close) {
                char c = *p;
                if (c != '\\') {
                    *dst++ = c;
                    ++p;
                    continue;
                }
                char e = p + 1 < end_ ? p[1] : ' ';
                p += 2;
                switch (e) {
                case '"': *dst++ = '"'; break;
                case '\\': *dst++ = '\\'; break;
                case '/': *dst++ = '/'; break;
                case 'b': *dst++ = '\b'; break;
                case 'f': *dst++ = '\f'; break;
                case 'n': *dst++ = '\n'; break;
                case 'r': *dst++ = '\r'; break;
                case 't': *dst++ = '\t'; break;
                case 'u': {
                    long cp = hex4(p, end_);
                    if (cp < 0) return json_error::string_error;
                    p += 4;
                    if (cp >= 0xD800 && cp < 0xDC00) {
                        if (end_ - p < 2 || p[0] != '\\' || p[1] != 'u') return json_error::string_error;
                        long low = hex4(p + 2, end_);
                        if (low < 0xDC00 || low > 0xDFFF) return json_error::string_error;
                        cp = (((cp - 0xD800) << 10) | (low - 0xDC00)) + 0x10000;
                        p += 6;
                    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                        return json_error::string_error;
                    }
                    dst = encode_utf8(static_cast<std::uint32_t>(cp), dst);
                    break;
                }
                default: return json_error::string_error;
                }
            }
            std::size_t n = static_cast<std::size_t>(dst - start);
            strings_used_ += n;
            out = std::string_view(start, n);
            cur_ = close < end_ ? close + 1 : end_;  // (the first pass saw it closed)
            return json_error::success;
        }

        static char* encode_utf8(std::uint32_t cp, char* dst) noexcept {
            if (cp < 0x80) {
                *dst++ = static_cast<char>(cp);
            } else if (cp < 0x800) {
                *dst++ = static_cast<char>(0xC0 | (cp >> 6));
                *dst++ = static_cast<char>(0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                *dst++ = static_cast<char>(0xE0 | (cp >> 12));
                *dst++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
                *dst++ = static_cast<char>(0x80 | (cp & 0x3F));
            } else {
                *dst++ = static_cast<char>(0xF0 | (cp >> 18));
                *dst++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
                *dst++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
                *dst++ = static_cast<char>(0x80 | (cp & 0x3F));
            }
            return dst;
        }

        /// Skips the value at cur_ without checking it (as simdjson skips
        /// what it is not asked for): brackets are counted, strings jumped.
        void skip_value() noexcept {
            std::size_t depth = 0;
            do {
                char c = peek();
                if (cur_ >= end_) return;
                if (c == '"') {
                    bool escaped = false;
                    cur_ = string_end(escaped) + 1;
                    if (cur_ > end_) cur_ = end_;
                } else if (c == '{' || c == '[') {
                    ++depth;
                    ++cur_;
                } else if (c == '}' || c == ']') {
                    if (depth == 0) return;
                    --depth;
                    ++cur_;
                } else if (c == ',' || c == ':') {
                    if (depth == 0) return;
                    ++cur_;
                } else {
                    const char* e = token_end();
                    cur_ = e == cur_ ? cur_ + 1 : e;
                }
                skip_space();
            } while (depth != 0);
        }

        const char* begin_ = nullptr;
        const char* end_ = nullptr;
        const char* cur_ = nullptr;
        std::unique_ptr<char[]> strings_;
        std::size_t strings_capacity_ = 0, strings_used_ = 0;
    };

    /// The value at the parser's read position.
    class value {
    public:
        explicit value(parser& p) noexcept : p_(&p) {}

        json_error kind(json_kind& out) noexcept {
            switch (p_->peek()) {
            case '{': out = json_kind::object; break;
            case '[': out = json_kind::array; break;
            case '"': out = json_kind::string; break;
            case 'n': out = json_kind::null; break;
            case 't':
            case 'f': out = json_kind::boolean; break;
            case '-':
            case '0':
            case '1':
            case '2':
            case '3':
            case '4':
            case '5':
            case '6':
            case '7':
            case '8':
            case '9': out = json_kind::number; break;
            default: return json_error::tape;
            }
            return json_error::success;
        }

        std::string_view scalar() noexcept {
            const char* start = p_->cur_;
            const char* end = p_->token_end();
            p_->cur_ = end;
            p_->skip_space();
            return std::string_view(start, static_cast<std::size_t>(end - start));
        }

        json_error get_string(std::string_view& out) noexcept {
            if (p_->peek() != '"') return json_error::incorrect_type;
            json_error e = p_->read_string(out);
            if (e == json_error::success) p_->skip_space();
            return e;
        }

        json_error get_bool(bool& out) noexcept {
            if (take_atom("true"))
                out = true;
            else if (take_atom("false"))
                out = false;
            else
                return json_error::atom;
            return json_error::success;
        }

        bool take_null() noexcept { return take_atom("null"); }

        /// As simdjson's object iteration: '{', then `"key" : value` pairs
        /// separated by ',' up to '}'; errors are reported when the next
        /// member is fetched.
        template <class OnField>
        json_error for_each_field(OnField&& on_field) noexcept {
            parser& p = *p_;
            if (p.peek() != '{') return json_error::incorrect_type;
            ++p.cur_;
            p.skip_space();
            if (p.peek() == '}') {
                ++p.cur_;
                p.skip_space();
                return json_error::success;
            }
            for (;;) {
                if (p.peek() != '"') return json_error::tape;  // the key is not a string
                bool escaped = false;
                const char* key_start = p.cur_;
                const char* key_end = p.string_end(escaped);
                p.cur_ = key_end < p.end_ ? key_end + 1 : p.end_;
                p.skip_space();
                if (p.peek() != ':') return json_error::tape;  // no colon after the key
                ++p.cur_;
                p.skip_space();
                const char* value_start = p.cur_;
                std::string_view key;
                p.cur_ = key_start;
                if (json_error e = p.read_string(key); e != json_error::success) return e;
                p.cur_ = value_start;
                value v(p);
                if (!on_field(key, v)) return json_error::aborted;
                if (p.cur_ == value_start) p.skip_value();
                json_error e = next(p, '}');
                if (e == json_error::aborted) continue;  // a comma: the next member
                return e;
            }
        }

        template <class OnItem>
        json_error for_each_item(OnItem&& on_item) noexcept {
            parser& p = *p_;
            if (p.peek() != '[') return json_error::incorrect_type;
            ++p.cur_;
            p.skip_space();
            if (p.peek() == ']') {
                ++p.cur_;
                p.skip_space();
                return json_error::success;
            }
            for (;;) {
                const char* value_start = p.cur_;
                value v(p);
                if (!on_item(v)) return json_error::aborted;
                if (p.cur_ == value_start) p.skip_value();
                json_error e = next(p, ']');
                if (e == json_error::aborted) continue;
                return e;
            }
        }

    private:
        /// A literal, followed by whitespace, an operator (only the six:
        /// simdjson's atom check uses exact characters) or the end.
        bool take_atom(std::string_view atom) noexcept {
            parser& p = *p_;
            std::size_t left = static_cast<std::size_t>(p.end_ - p.cur_);
            if (left < atom.size() || std::memcmp(p.cur_, atom.data(), atom.size()) != 0) return false;
            if (left > atom.size()) {
                char c = p.cur_[atom.size()];
                if (!is_json_space(c) && c != '{' && c != '}' && c != '[' && c != ']' && c != ',' && c != ':')
                    return false;
            }
            p.cur_ += atom.size();
            p.skip_space();
            return true;
        }

        /// After a member or element: ',' → aborted (meaning: go on),
        /// `close` → success, anything else → tape.
        static json_error next(parser& p, char close) noexcept {
            char c = p.peek();
            if (p.cur_ < p.end_) ++p.cur_;
            p.skip_space();
            if (c == ',') return json_error::aborted;
            if (c == close) return json_error::success;
            return json_error::tape;
        }

        parser* p_;
    };

    class document {
    public:
        json_error start(parser& p, const char* data, std::size_t size, std::size_t) {
            p_ = &p;
            return p.start(data, size);
        }
        json_error kind(json_kind& out) noexcept { return value(*p_).kind(out); }
        template <class OnRoot>
        json_error with_root(OnRoot&& on_root) {
            value v(*p_);
            return on_root(v) ? json_error::success : json_error::aborted;
        }
        bool has_trailing_content() noexcept {
            p_->skip_space();
            return p_->cur_ < p_->end_;
        }

    private:
        parser* p_ = nullptr;
    };
};

}  // namespace detail
}  // namespace v1
}  // namespace tcvod

#endif  // TCVOD_JSON_PORTABLE_BACKEND_HPP
