// The JSON reading layer under response.hpp and events.hpp: one set of
// field readers (strings, integers, optional members, objects with
// duplicate checks, arrays, nested documents) written once against a small
// reader interface, and two backends that implement it:
//
// - json/simdjson_backend.hpp: simdjson On-Demand (the default where
//   simdjson is available and little-endian);
// - json/portable_backend.hpp: the library's own strict pull parser
//   (standard library only; any endianness; used with TCVOD_NO_SIMDJSON,
//   where <simdjson.h> cannot be found, and on big-endian targets).
//
// Both give the same results, error codes and field paths on every input
// (fuzz/fuzz_json_differential.cpp checks it).
//
// The reader interface (all noexcept; `V` is the backend's value handle):
//   json_error V::kind(json_kind&)        type of the value, from its first byte
//   std::string_view V::scalar()          a number's token (consumes it)
//   json_error V::get_string(string_view&) unescaped contents (consumes)
//   json_error V::get_bool(bool&), bool V::take_null()
//   json_error V::for_each_field(F)       F(key, V&) -> bool, in order
//   json_error V::for_each_item(F)        F(V&) -> bool, in order
//   B::parser, B::document (start, kind, with_root(F), has_trailing_content),
//   B::padding (bytes readable past the input).
// Errors of iteration carry the path of the member or element being read.
#ifndef TCVOD_JSON_READ_HPP
#define TCVOD_JSON_READ_HPP

#include "tcvod/error.hpp"
#include "tcvod/json_write.hpp"

#include <cfloat>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

namespace tcvod {
inline namespace v1 {

/// Options of every JSON decoder (responses and events).
struct json_decode_options {
    /// Accept a comma before '}' or ']' (the API page's response example
    /// has one). Everything else stays strict.
    bool lenient = false;
    std::size_t max_size = std::size_t{4} << 20;  // bytes
    std::size_t max_depth = 64;                   // nested objects and arrays
};

namespace detail {

/// What a backend reports; json_context turns it into errc and a message.
enum class json_error : unsigned char {
    success,
    aborted,           // a callback returned false (its error is already set)
    empty,             // only whitespace
    utf8,              // invalid UTF-8 anywhere in the input
    capacity,          // larger than the backend can hold
    depth,             // nesting deeper than the backend can hold
    unescaped_chars,   // a control character inside a string
    unclosed_string,   // a string without its closing quote
    string_error,      // a bad escape or lone surrogate
    incomplete,        // an object or array not closed
    atom,              // a bad true/false/null literal
    number,            // a malformed number
    tape,              // a missing or extra comma, colon, bracket or key
    trailing_content,  // something after the root value
    incorrect_type,    // the value is not of the type asked for
    other,             // anything else the backend reports
};

/// A value's JSON type, as its first byte tells.
enum class json_kind : unsigned char { object, array, string, number, boolean, null };

inline bool is_json_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// Finds the trailing commas in one pass: commas outside strings that
/// follow a value and that only whitespace separates from a '}' or ']'.
/// (`[,]` and `,,` are not trailing commas: they stay errors in the
/// lenient mode.) `on_comma(offset)` returns false to stop early. Blanking
/// a comma the pass has reported does not change what it finds later (the
/// next byte it looks at is the closing bracket), so callers may rewrite
/// as it goes. Linear: each byte is read at most twice.
template <class OnComma>
void for_each_trailing_comma(std::string_view s, OnComma&& on_comma) {
    bool in_string = false;
    char previous = 0;  // the last byte outside whitespace, strings counted as '"'
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (in_string) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                in_string = false;
            continue;
        }
        if (is_json_space(c)) continue;
        if (c == '"') {
            in_string = true;
        } else if (c == ',' && previous != 0 && previous != ',' && previous != '[' && previous != '{' &&
                   previous != ':') {
            std::size_t j = i + 1;
            while (j < s.size() && is_json_space(s[j])) ++j;
            if (j < s.size() && (s[j] == '}' || s[j] == ']')) {
                if (!on_comma(i)) return;
                // Only whitespace before the bracket: go straight to it.
                i = j - 1;
            }
        }
        previous = c;
    }
}

/// Offset of the first trailing comma, or npos when there is none.
inline std::size_t find_trailing_comma(std::string_view s) noexcept {
    std::size_t found = std::string_view::npos;
    for_each_trailing_comma(s, [&](std::size_t offset) noexcept {
        found = offset;
        return false;
    });
    return found;
}

/// Where decoding is: a chain of stack nodes (parent, then a member name or
/// an array index). Building one costs a few words; the field_path text is
/// only assembled when an error is reported.
class json_path {
public:
    json_path() noexcept = default;  // the root
    json_path(const json_path& parent, std::string_view key) noexcept : parent_(&parent), key_(key) {}
    json_path(const json_path& parent, std::size_t index) noexcept : parent_(&parent), index_(index), is_index_(true) {}

    bool is_root() const noexcept { return parent_ == nullptr; }

    /// `data.processTaskList.2.output`. Steps past field_path's capacity
    /// would be truncated anyway; only the root-most ones are visited.
    field_path materialize() const noexcept {
        constexpr std::size_t keep = field_path::capacity + 1;
        const json_path* steps[keep];
        std::size_t count = 0;
        for (const json_path* p = this; p->parent_; p = p->parent_) steps[count++ % keep] = p;
        std::size_t n = count < keep ? count : keep;
        field_path out;
        for (std::size_t k = 0; k < n; ++k) {
            const json_path* step = steps[(count - 1 - k) % keep];
            if (k != 0) out.append(".");
            if (step->is_index_)
                out.append_index(step->index_);
            else
                out.append(step->key_);
        }
        return out;
    }

private:
    const json_path* parent_ = nullptr;
    std::string_view key_;
    std::size_t index_ = 0;
    bool is_index_ = false;
};

/// Error state of one decode call.
class json_context {
public:
    explicit json_context(const json_decode_options& options) noexcept : options_(options) {}

    const json_decode_options& options() const noexcept { return options_; }
    const field_error& error() const noexcept { return error_; }

    bool fail(errc code, const field_path& path, const char* reason) noexcept {
        error_ = field_error{code, path, reason};
        return false;
    }
    bool fail(errc code, const json_path& path, const char* reason) noexcept {
        return fail(code, path.materialize(), reason);
    }

    /// A backend's error; `path` is where decoding was.
    bool fail(json_error e, const json_path& path) noexcept {
        switch (e) {
        case json_error::success:
        case json_error::aborted: return false;  // reported by whoever aborted
        case json_error::empty: return fail(errc::empty_input, path, "body is empty");
        case json_error::utf8: return fail(errc::invalid_utf8, path, "body is not valid UTF-8");
        case json_error::capacity: return fail(errc::too_long, path, "body exceeds the configured maximum size");
        case json_error::depth: return fail(errc::too_deep, path, "nesting exceeds the configured maximum depth");
        case json_error::unescaped_chars:
            return fail(errc::invalid_json, path, "has a control character that must be escaped inside a string");
        case json_error::unclosed_string: return fail(errc::invalid_json, path, "has an unterminated string");
        case json_error::string_error:
            return fail(errc::invalid_json, path, "has an invalid escape sequence or a lone surrogate in a string");
        case json_error::incomplete:
            return fail(errc::invalid_json, path, "ends early: an object or array is not closed (truncated body?)");
        case json_error::atom:
            return fail(errc::invalid_json, path, "has an invalid literal (expected true, false or null)");
        case json_error::number: return fail(errc::invalid_json, path, "has a malformed number");
        case json_error::tape:
            return fail(errc::invalid_json, path,
                        "is not well-formed JSON (a missing or extra comma, colon, brace, bracket or key)");
        case json_error::trailing_content: return fail(errc::invalid_json, path, "has content after the JSON value");
        case json_error::incorrect_type: return fail(errc::wrong_type, path, "has the wrong JSON type");
        case json_error::other: break;
        }
        return fail(errc::invalid_json, path, "is not valid JSON");
    }

    bool enter(std::size_t depth, const json_path& path) noexcept {
        if (depth > options_.max_depth)
            return fail(errc::too_deep, path, "nesting exceeds the configured maximum depth");
        return true;
    }

private:
    const json_decode_options& options_;
    field_error error_{};
};

/// The bytes a backend parses: the body itself when it may be read in
/// place (no rewriting needed, `padding` spare bytes after it), else a
/// reusable copy (padded with spaces; trailing commas blanked in the
/// lenient mode, so offsets stay as in the body).
class json_input {
public:
    void prepare(std::string_view body, std::size_t capacity, bool lenient, std::size_t padding) {
        std::size_t comma = lenient ? find_trailing_comma(body) : std::string_view::npos;
        bool in_place = comma == std::string_view::npos && capacity >= body.size() && capacity - body.size() >= padding;
        if (in_place) {
            data_ = body.data();
            size_ = body.size();
            capacity_ = capacity;
            return;
        }
        copy_.assign(body.data(), body.size());
        copy_.resize(body.size() + padding, ' ');
        if (comma != std::string_view::npos) {
            for_each_trailing_comma(std::string_view(copy_.data(), body.size()), [&](std::size_t offset) noexcept {
                copy_[offset] = ' ';
                return true;
            });
        }
        data_ = copy_.data();
        size_ = body.size();
        capacity_ = copy_.size();
    }
    const char* data() const noexcept { return data_; }
    std::size_t size() const noexcept { return size_; }
    std::size_t capacity() const noexcept { return capacity_; }

private:
    std::string copy_;
    const char* data_ = nullptr;
    std::size_t size_ = 0, capacity_ = 0;
};

enum class number_kind { invalid, integer, decimal };

/// RFC 8259 number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
inline number_kind classify_number(std::string_view t) noexcept {
    std::size_t i = 0, n = t.size();
    auto digits = [&] {
        std::size_t start = i;
        while (i < n && t[i] >= '0' && t[i] <= '9') ++i;
        return i - start;
    };
    if (i < n && t[i] == '-') ++i;
    if (i < n && t[i] == '0') {
        ++i;
    } else if (digits() == 0) {
        return number_kind::invalid;
    }
    bool integral = true;
    if (i < n && t[i] == '.') {
        ++i;
        integral = false;
        if (digits() == 0) return number_kind::invalid;
    }
    if (i < n && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        integral = false;
        if (i < n && (t[i] == '+' || t[i] == '-')) ++i;
        if (digits() == 0) return number_kind::invalid;
    }
    if (i != n) return number_kind::invalid;
    return integral ? number_kind::integer : number_kind::decimal;
}

/// A number token with a fraction or an exponent (valid per classify_number)
/// that names an integer, as int64: 10.0, 1e3, 2.50e1, -0.0. Exact decimal
/// arithmetic, no floating point (a double would round 9007199254740993.0,
/// and small firmware has no FPU). errc::invalid_number for a fraction,
/// errc::out_of_range beyond int64.
inline errc integral_decimal(std::string_view t, std::int64_t& out) noexcept {
    auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
    std::size_t i = 0, n = t.size();
    bool negative = n != 0 && t[0] == '-';
    if (negative) i = 1;
    std::size_t int_begin = i;
    while (i < n && is_digit(t[i])) ++i;
    std::size_t int_end = i, frac_begin = i, frac_end = i;
    if (i < n && t[i] == '.') {
        frac_begin = ++i;
        while (i < n && is_digit(t[i])) ++i;
        frac_end = i;
    }
    std::int64_t exponent = 0;
    if (i < n && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        bool exponent_negative = i < n && t[i] == '-';
        if (i < n && (t[i] == '+' || t[i] == '-')) ++i;
        for (; i < n && is_digit(t[i]); ++i)
            if (exponent < 1000000) exponent = exponent * 10 + (t[i] - '0');  // saturates: far beyond int64 anyway
        if (exponent_negative) exponent = -exponent;
    }
    // The digits as one sequence; digit k of L weighs 10^(exponent - fraction digits + L - 1 - k).
    std::size_t int_digits = int_end - int_begin, length = int_digits + (frac_end - frac_begin);
    auto digit = [&](std::size_t k) { return k < int_digits ? t[int_begin + k] : t[frac_begin + k - int_digits]; };
    std::size_t first = length, last = 0;
    for (std::size_t k = 0; k < length; ++k)
        if (digit(k) != '0') {
            if (first == length) first = k;
            last = k;
        }
    if (first == length) {  // zero, however written
        out = 0;
        return errc::ok;
    }
    std::int64_t base =
        exponent - static_cast<std::int64_t>(frac_end - frac_begin) + static_cast<std::int64_t>(length) - 1;
    std::int64_t low = base - static_cast<std::int64_t>(last), high = base - static_cast<std::int64_t>(first);
    if (low < 0) return errc::invalid_number;  // a non-zero digit below the units
    if (high > 18) return errc::out_of_range;  // at least 10^19
    std::uint64_t value = 0;
    for (std::size_t k = first; k <= last; ++k) value = value * 10 + static_cast<std::uint64_t>(digit(k) - '0');
    for (std::int64_t k = 0; k < low; ++k) value *= 10;  // below 10^19: no overflow
    const std::uint64_t limit = negative ? std::uint64_t{1} << 63 : (std::uint64_t{1} << 63) - 1;
    if (value > limit) return errc::out_of_range;
    out = negative ? static_cast<std::int64_t>(0 - value) : static_cast<std::int64_t>(value);
    return errc::ok;
}

/// How tolerant an integer field is (the event payloads drift, §9 Q10/Q13).
struct integer_rules {
    bool allow_string = false;    // "5100" as well as 5100
    bool allow_integral = false;  // 10.0 or 1e3 as well as 10
};

/// The common case of an integer token, without classify_number and
/// from_chars: an optional '-' and 1 to 18 digits, no leading zero. False
/// for anything else (the caller then takes the general path), and always
/// when optimizing for size (firmware: the general path alone is smaller).
inline bool parse_small_integer(std::string_view t, std::int64_t& out) noexcept {
#ifdef __OPTIMIZE_SIZE__
    (void)t;
    (void)out;
    return false;
#else
    std::size_t i = !t.empty() && t[0] == '-' ? 1 : 0;
    std::size_t digits = t.size() - i;
    if (digits == 0 || digits > 18 || (t[i] == '0' && digits > 1)) return false;
    std::int64_t value = 0;
    for (; i < t.size(); ++i) {
        unsigned d = static_cast<unsigned>(static_cast<unsigned char>(t[i])) - '0';
        if (d > 9) return false;
        value = value * 10 + static_cast<std::int64_t>(d);
    }
    out = t[0] == '-' ? -value : value;
    return true;
#endif
}

/// A number token (or numeric string) as int64, with a precise error.
inline bool parse_integer_text(json_context& ctx, std::string_view text, const json_path& path,
                               const integer_rules& rules, std::int64_t& out) {
    if (parse_small_integer(text, out)) return true;
    number_kind kind = classify_number(text);
    if (kind == number_kind::invalid) return ctx.fail(errc::invalid_number, path, "must be an integer");
    if (kind == number_kind::integer) {
        auto r = std::from_chars(text.data(), text.data() + text.size(), out);
        if (r.ec == std::errc::result_out_of_range)
            return ctx.fail(errc::out_of_range, path, "must fit in a signed 64-bit integer");
        if (r.ec != std::errc() || r.ptr != text.data() + text.size())
            return ctx.fail(errc::invalid_number, path, "must be an integer");
        return true;
    }
    if (!rules.allow_integral) return ctx.fail(errc::invalid_number, path, "must be an integer, not a fraction");
    switch (integral_decimal(text, out)) {
    case errc::ok: return true;
    case errc::out_of_range: return ctx.fail(errc::out_of_range, path, "must fit in a signed 64-bit integer");
    default: return ctx.fail(errc::invalid_number, path, "must be an integer, not a fraction");
    }
}

/// The common case of a decimal token, without classify_number and
/// from_chars: an optional '-', 1 to 15 digits with no leading zero, an
/// optional fraction of at most 15 digits in all, no exponent. The digits
/// (below 2^53) and the power of ten (at most 10^15) are exact doubles, so
/// one division rounds correctly, as from_chars does (Clinger's fast path).
/// False for anything else, where double arithmetic is not plain IEEE, and
/// when optimizing for size.
inline bool parse_small_decimal(std::string_view t, double& out) noexcept {
#if defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD == 0 && !defined(__OPTIMIZE_SIZE__)
    if (!std::numeric_limits<double>::is_iec559) return false;
    static constexpr double powers[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                        1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    bool negative = !t.empty() && t[0] == '-';
    std::size_t i = negative ? 1 : 0, n = t.size();
    std::uint64_t mantissa = 0;
    std::size_t digits = 0, fraction = 0;
    auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
    std::size_t start = i;
    while (i < n && is_digit(t[i])) mantissa = mantissa * 10 + static_cast<std::uint64_t>(t[i++] - '0');
    digits = i - start;
    if (digits == 0 || (t[start] == '0' && digits > 1)) return false;
    if (i < n && t[i] == '.') {
        std::size_t frac_start = ++i;
        while (i < n && is_digit(t[i])) mantissa = mantissa * 10 + static_cast<std::uint64_t>(t[i++] - '0');
        fraction = i - frac_start;
        if (fraction == 0) return false;
    }
    if (i != n || digits + fraction > 15) return false;
    double value = static_cast<double>(mantissa) / powers[fraction];
    out = negative ? -value : value;
    return true;
#else
    (void)t;
    (void)out;
    return false;
#endif
}

inline bool parse_decimal_text(json_context& ctx, std::string_view text, const json_path& path, double& out) {
    if (parse_small_decimal(text, out)) return true;
    if (classify_number(text) == number_kind::invalid) return ctx.fail(errc::invalid_number, path, "must be a number");
    auto r = std::from_chars(text.data(), text.data() + text.size(), out);
    if (r.ec == std::errc::result_out_of_range || !std::isfinite(out))
        return ctx.fail(errc::out_of_range, path, "is too large for a double");
    if (r.ec != std::errc() || r.ptr != text.data() + text.size())
        return ctx.fail(errc::invalid_number, path, "must be a number");
    return true;
}

template <class V>
bool value_kind(json_context& ctx, V& v, const json_path& path, json_kind& kind) {
    if (json_error e = v.kind(kind); e != json_error::success) return ctx.fail(e, path);
    return true;
}

/// A string's contents (the backend returns a view of the input when the
/// string has no escapes).
template <class V>
bool read_string_contents(json_context& ctx, V& v, const json_path& path, std::string_view& out) {
    if (json_error e = v.get_string(out); e != json_error::success) return ctx.fail(e, path);
    return true;
}

template <class V>
bool read_null(json_context& ctx, V& v, const json_path& path) {
    if (!v.take_null())
        return ctx.fail(errc::invalid_json, path, "has an invalid literal (expected true, false or null)");
    return true;
}

/// A required string.
template <class V>
bool read_string(json_context& ctx, V& v, const json_path& path, std::string_view& out) {
    json_kind kind{};
    if (!value_kind(ctx, v, path, kind)) return false;
    if (kind != json_kind::string) return ctx.fail(errc::wrong_type, path, "must be a string");
    return read_string_contents(ctx, v, path, out);
}

/// An optional string: null means absent.
template <class V>
bool read_optional_string(json_context& ctx, V& v, const json_path& path, std::optional<std::string_view>& out) {
    json_kind kind{};
    if (!value_kind(ctx, v, path, kind)) return false;
    if (kind == json_kind::null) {
        out.reset();
        return read_null(ctx, v, path);
    }
    if (kind != json_kind::string) return ctx.fail(errc::wrong_type, path, "must be a string");
    std::string_view text;
    if (!read_string_contents(ctx, v, path, text)) return false;
    out = text;
    return true;
}

/// An integer that may arrive as a number or (with rules.allow_string) as
/// a numeric string.
template <class V>
bool read_integer(json_context& ctx, V& v, const json_path& path, const integer_rules& rules, std::int64_t& out) {
    json_kind kind{};
    if (!value_kind(ctx, v, path, kind)) return false;
    if (kind == json_kind::number) return parse_integer_text(ctx, v.scalar(), path, rules, out);
    if (kind == json_kind::string && rules.allow_string) {
        std::string_view text;
        if (!read_string_contents(ctx, v, path, text)) return false;
        return parse_integer_text(ctx, text, path, rules, out);
    }
    return ctx.fail(errc::wrong_type, path,
                    rules.allow_string ? "must be an integer or a numeric string" : "must be an integer");
}

/// A JSON number (or a numeric string: events drift) as double.
template <class V>
bool read_decimal(json_context& ctx, V& v, const json_path& path, double& out) {
    json_kind kind{};
    if (!value_kind(ctx, v, path, kind)) return false;
    if (kind == json_kind::number) return parse_decimal_text(ctx, v.scalar(), path, out);
    if (kind == json_kind::string) {
        std::string_view text;
        if (!read_string_contents(ctx, v, path, text)) return false;
        return parse_decimal_text(ctx, text, path, out);
    }
    return ctx.fail(errc::wrong_type, path, "must be a number");
}

/// Checks any value completely (On-Demand parsers skip what they are not
/// asked for without validating it) and, when `out` is given, writes it as
/// minified JSON with canonical string escapes.
template <class V>
bool walk_value(json_context& ctx, V& v, const json_path& path, std::size_t depth, json_writer<std::string>* out) {
    json_kind kind{};
    if (!value_kind(ctx, v, path, kind)) return false;
    switch (kind) {
    case json_kind::object: {
        if (!ctx.enter(depth, path)) return false;
        if (out) out->begin_object();
        json_path last = path;
        json_error e = v.for_each_field([&](std::string_view key, V& field) {
            last = json_path(path, key);
            if (out) out->key(key);
            return walk_value(ctx, field, last, depth + 1, out);
        });
        if (e != json_error::success) return ctx.fail(e, last);
        if (out) out->end_object();
        return true;
    }
    case json_kind::array: {
        if (!ctx.enter(depth, path)) return false;
        if (out) out->begin_array();
        std::size_t index = 0;
        json_error e = v.for_each_item([&](V& item) {
            json_path here(path, index);
            if (!walk_value(ctx, item, here, depth + 1, out)) return false;
            ++index;
            return true;
        });
        if (e != json_error::success) return ctx.fail(e, json_path(path, index));
        if (out) out->end_array();
        return true;
    }
    case json_kind::string: {
        std::string_view text;
        if (!read_string_contents(ctx, v, path, text)) return false;
        if (out) out->value(text);
        return true;
    }
    case json_kind::number: {
        // Any number the grammar allows, however large: it is not ours to read.
        std::string_view token = v.scalar();
        if (classify_number(token) == number_kind::invalid)
            return ctx.fail(errc::invalid_json, path, "has a malformed number");
        if (out) out->raw(token);
        return true;
    }
    case json_kind::boolean: {
        bool b = false;
        if (v.get_bool(b) != json_error::success)
            return ctx.fail(errc::invalid_json, path, "has an invalid literal (expected true, false or null)");
        if (out) out->value(b);
        return true;
    }
    case json_kind::null:
        if (!read_null(ctx, v, path)) return false;
        if (out) out->null();
        return true;
    }
    return ctx.fail(errc::invalid_json, path, "has an unexpected token");
}

/// Bit set of the members seen in one object.
class seen_members {
public:
    /// False when `index` was already seen.
    bool mark(std::size_t index) noexcept {
        std::uint64_t bit = std::uint64_t{1} << index;
        if (bits_ & bit) return false;
        bits_ |= bit;
        return true;
    }
    bool has(std::size_t index) const noexcept { return (bits_ >> index) & 1u; }

private:
    std::uint64_t bits_ = 0;
};

/// memcmp(a, b, n) == 0 for short member names, inline: two overlapping
/// 8-byte (or 4-byte) loads from each side instead of a library call
/// (memcmp itself when optimizing for size).
inline bool same_bytes(const char* a, const char* b, std::size_t n) noexcept {
#ifdef __OPTIMIZE_SIZE__
    return std::memcmp(a, b, n) == 0;
#else
    if (n >= 8 && n <= 16) {
        std::uint64_t a0, a1, b0, b1;
        std::memcpy(&a0, a, 8);
        std::memcpy(&b0, b, 8);
        std::memcpy(&a1, a + n - 8, 8);
        std::memcpy(&b1, b + n - 8, 8);
        return ((a0 ^ b0) | (a1 ^ b1)) == 0;
    }
    if (n >= 4 && n < 8) {
        std::uint32_t a0, a1, b0, b1;
        std::memcpy(&a0, a, 4);
        std::memcpy(&b0, b, 4);
        std::memcpy(&a1, a + n - 4, 4);
        std::memcpy(&b1, b + n - 4, 4);
        return ((a0 ^ b0) | (a1 ^ b1)) == 0;
    }
    if (n < 4) {
        for (std::size_t i = 0; i < n; ++i)
            if (a[i] != b[i]) return false;
        return true;
    }
    return std::memcmp(a, b, n) == 0;
#endif
}

/// Index of `key` in `names`, or N. Members mostly arrive in the order of
/// `names`, so the search starts at `hint` (after the previous match) and
/// wraps around.
template <std::size_t N>
std::size_t find_name(const std::string_view (&names)[N], std::string_view key, std::size_t hint) noexcept {
    for (std::size_t k = 0; k < N; ++k) {
        std::size_t i = hint + k < N ? hint + k : hint + k - N;
        const std::string_view& name = names[i];
        if (name.size() == key.size() && same_bytes(name.data(), key.data(), key.size())) return i;
    }
    return N;
}

/// Iterates an object's members: `on_member(index, value, path)` for
/// known names (duplicates are an error), walk_value for the others.
template <std::size_t N, class V, class OnMember>
bool for_each_member(json_context& ctx, V& v, const json_path& path, std::size_t depth,
                     const std::string_view (&names)[N], seen_members& seen, OnMember&& on_member) {
    static_assert(N <= 64, "seen_members holds 64 bits");
    json_kind kind{};
    if (!value_kind(ctx, v, path, kind)) return false;
    if (kind != json_kind::object)
        return ctx.fail(errc::wrong_type, path, path.is_root() ? "body must be a JSON object" : "must be an object");
    if (!ctx.enter(depth, path)) return false;
    json_path last = path;
    std::size_t hint = 0;
    json_error e = v.for_each_field([&](std::string_view key, V& field) {
        last = json_path(path, key);
        std::size_t index = find_name(names, key, hint);
        if (index == N) return walk_value(ctx, field, last, depth + 1, nullptr);
        hint = index + 1 == N ? 0 : index + 1;
        if (!seen.mark(index)) return ctx.fail(errc::duplicate_key, last, "appears more than once");
        return on_member(index, field, static_cast<const json_path&>(last));
    });
    if (e != json_error::success) return ctx.fail(e, last);
    return true;
}

/// Iterates an array: `on_element(i, value, path)`.
template <class V, class OnElement>
bool for_each_element(json_context& ctx, V& v, const json_path& path, std::size_t depth, OnElement&& on_element) {
    json_kind kind{};
    if (!value_kind(ctx, v, path, kind)) return false;
    if (kind != json_kind::array) return ctx.fail(errc::wrong_type, path, "must be an array");
    if (!ctx.enter(depth, path)) return false;
    std::size_t index = 0;
    json_error e = v.for_each_item([&](V& item) {
        json_path here(path, index);
        if (!on_element(index, item, static_cast<const json_path&>(here))) return false;
        ++index;
        return true;
    });
    if (e != json_error::success) return ctx.fail(e, json_path(path, index));
    return true;
}

/// Parses one document and hands its root object to `decode_root(value)`;
/// errors carry paths under `base`. `trailing` is the message for content
/// after the root.
template <class Backend, class DecodeRoot>
bool decode_root_object(json_context& ctx, typename Backend::parser& parser, const char* data, std::size_t size,
                        std::size_t capacity, const json_path& base, const char* not_object, const char* trailing,
                        DecodeRoot&& decode_root) {
    typename Backend::document doc;
    if (json_error e = doc.start(parser, data, size, capacity); e != json_error::success) return ctx.fail(e, base);
    json_kind kind{};
    if (json_error e = doc.kind(kind); e != json_error::success) return ctx.fail(e, base);
    if (kind != json_kind::object) return ctx.fail(errc::wrong_type, base, not_object);
    json_error e = doc.with_root([&](typename Backend::value& root) { return decode_root(root); });
    if (e != json_error::success) return ctx.fail(e, base);  // aborted: already reported
    if (doc.has_trailing_content()) return ctx.fail(errc::invalid_json, base, trailing);
    return true;
}

/// Decodes a whole body: size limit, lenient rewriting, the root object,
/// nothing after it. In strict mode, a failure on a body with a trailing
/// comma is reported as errc::trailing_comma.
template <class Backend, class DecodeRoot>
field_error decode_document(const json_decode_options& options, typename Backend::parser& parser, json_input& input,
                            std::string_view body, std::size_t capacity, DecodeRoot&& decode_root) {
    json_context ctx(options);
    if (body.size() > options.max_size) {
        ctx.fail(errc::too_long, field_path(), "body exceeds the configured maximum size");
        return ctx.error();
    }
    input.prepare(body, capacity, options.lenient, Backend::padding);
    bool ok = decode_root_object<Backend>(ctx, parser, input.data(), input.size(), input.capacity(), json_path(),
                                          "body must be a JSON object", "has content after the JSON object",
                                          [&](typename Backend::value& root) { return decode_root(ctx, root); });
    if (!ok && !options.lenient && ctx.error().code != errc::too_long &&
        find_trailing_comma(body) != std::string_view::npos)
        ctx.fail(errc::trailing_comma, ctx.error().path,
                 "has a comma before '}' or ']', which JSON does not allow (the lenient mode accepts it)");
    return ctx.error();
}

}  // namespace detail
}  // namespace v1
}  // namespace tcvod

#endif  // TCVOD_JSON_READ_HPP
