// API 2.0 responses, `{"code":0,"message":"","codeDesc":"Success",
// "vodTaskId":"procedure-..."}`, decoded with simdjson On-Demand into a
// typed result or a precise error (tcvod::errc and the JSON field path).
//
// - `code` is a JSON number or a numeric string (both occur); `message` is
//   required; `codeDesc` and `vodTaskId` are optional (null means absent).
//   Unknown fields are ignored, but still checked: the whole body must be
//   well-formed JSON.
// - Strict JSON by default. The API page's own example has a trailing comma
//   and is refused (errc::trailing_comma); json_decode_options::lenient
//   accepts trailing commas (they are blanked in a copy of the body).
// - Padding: simdjson reads up to SIMDJSON_PADDING (64) bytes past the end
//   of its input. decode(body, capacity) parses in place when the caller
//   says that many bytes are allocated after the body (e.g. a std::string's
//   capacity()); otherwise the body is copied into the decoder's reusable
//   buffer. After warm-up neither path allocates.
// - Views: a response_view's strings point into the body (or the decoder's
//   copy of it) when they had no escapes, otherwise into the decoder's
//   parser. They are valid until the decoder is used again and while the
//   body is alive and unchanged. `response` is the owning copy.
// - Bounded: body size (max_size) and nesting depth (max_depth).
//
// Needs simdjson (a compiled library). Error codes only: compiles with
// -fno-exceptions.
#ifndef TCVOD_RESPONSE_HPP
#define TCVOD_RESPONSE_HPP

#include "tcvod/error.hpp"
#include "tcvod/json_write.hpp"
#include "tcvod/number.hpp"
#include "tcvod/response_model.hpp"
#include "tcvod/vod_error.hpp"

#include <simdjson.h>

#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

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

namespace ondemand = simdjson::ondemand;

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

/// The bytes simdjson parses, padded. Owns a reusable copy for bodies
/// without spare capacity and for lenient rewriting.
class padded_input {
public:
    /// Returns false only when the body needs rewriting and is copied;
    /// `data`, `size`, `capacity` describe what to parse.
    void prepare(std::string_view body, std::size_t capacity, bool lenient) {
        std::size_t comma = lenient ? find_trailing_comma(body) : std::string_view::npos;
        bool in_place = comma == std::string_view::npos && capacity >= body.size() &&
                        capacity - body.size() >= simdjson::SIMDJSON_PADDING;
        if (in_place) {
            data_ = body.data();
            size_ = body.size();
            capacity_ = capacity;
            return;
        }
        copy_.assign(body.data(), body.size());
        copy_.resize(body.size() + simdjson::SIMDJSON_PADDING, ' ');
        // Trailing commas become spaces, in one pass: offsets stay as in
        // the body.
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

    /// simdjson's errors, translated; `path` is where decoding was.
    bool fail(simdjson::error_code e, const json_path& path) noexcept {
        switch (e) {
        case simdjson::EMPTY: return fail(errc::empty_input, path, "body is empty");
        case simdjson::UTF8_ERROR: return fail(errc::invalid_utf8, path, "body is not valid UTF-8");
        case simdjson::CAPACITY: return fail(errc::too_long, path, "body exceeds the configured maximum size");
        case simdjson::DEPTH_ERROR: return fail(errc::too_deep, path, "nesting exceeds the configured maximum depth");
        case simdjson::UNESCAPED_CHARS:
            return fail(errc::invalid_json, path, "has a control character that must be escaped inside a string");
        case simdjson::UNCLOSED_STRING: return fail(errc::invalid_json, path, "has an unterminated string");
        case simdjson::STRING_ERROR:
            return fail(errc::invalid_json, path, "has an invalid escape sequence or a lone surrogate in a string");
        case simdjson::INCOMPLETE_ARRAY_OR_OBJECT:
            return fail(errc::invalid_json, path, "ends early: an object or array is not closed (truncated body?)");
        case simdjson::T_ATOM_ERROR:
        case simdjson::F_ATOM_ERROR:
        case simdjson::N_ATOM_ERROR:
            return fail(errc::invalid_json, path, "has an invalid literal (expected true, false or null)");
        case simdjson::NUMBER_ERROR: return fail(errc::invalid_json, path, "has a malformed number");
        case simdjson::TAPE_ERROR:
            return fail(errc::invalid_json, path,
                        "is not well-formed JSON (a missing or extra comma, colon, brace, bracket or key)");
        case simdjson::TRAILING_CONTENT: return fail(errc::invalid_json, path, "has content after the JSON value");
        case simdjson::INCORRECT_TYPE: return fail(errc::wrong_type, path, "has the wrong JSON type");
        default: return fail(errc::invalid_json, path, simdjson::error_message(e));
        }
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

inline bool value_type(json_context& ctx, ondemand::value& v, const json_path& path, ondemand::json_type& type) {
    if (auto e = v.type().get(type)) return ctx.fail(e, path);
    return true;
}

/// The token of a scalar without the whitespace simdjson keeps after it.
inline std::string_view scalar_token(ondemand::value& v) noexcept {
    std::string_view t = v.raw_json_token();
    while (!t.empty() && is_json_space(t.back())) t.remove_suffix(1);
    return t;
}

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

/// How tolerant an integer field is (the event payloads drift, §9 Q10/Q13).
struct integer_rules {
    bool allow_string = false;    // "5100" as well as 5100
    bool allow_integral = false;  // 10.0 or 1e3 as well as 10
};

/// A number token (or numeric string) as int64, with a precise error.
inline bool parse_integer_text(json_context& ctx, std::string_view text, const json_path& path,
                               const integer_rules& rules, std::int64_t& out) {
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
    double d = 0;
    auto r = std::from_chars(text.data(), text.data() + text.size(), d);
    if (r.ec != std::errc() || !std::isfinite(d))
        return ctx.fail(errc::out_of_range, path, "must fit in a signed 64-bit integer");
    if (d != std::trunc(d)) return ctx.fail(errc::invalid_number, path, "must be an integer, not a fraction");
    if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0))
        return ctx.fail(errc::out_of_range, path, "must fit in a signed 64-bit integer");
    out = static_cast<std::int64_t>(d);
    return true;
}

inline bool parse_decimal_text(json_context& ctx, std::string_view text, const json_path& path, double& out) {
    if (classify_number(text) == number_kind::invalid) return ctx.fail(errc::invalid_number, path, "must be a number");
    auto r = std::from_chars(text.data(), text.data() + text.size(), out);
    if (r.ec == std::errc::result_out_of_range || !std::isfinite(out))
        return ctx.fail(errc::out_of_range, path, "is too large for a double");
    if (r.ec != std::errc() || r.ptr != text.data() + text.size())
        return ctx.fail(errc::invalid_number, path, "must be a number");
    return true;
}

/// A string's contents: a view of the input when it has no escapes
/// (zero-copy), else unescaped by simdjson into its parser.
inline bool read_string_contents(json_context& ctx, ondemand::value& v, const json_path& path, std::string_view& out) {
    std::string_view token = scalar_token(v);
    if (token.size() >= 2 && token.front() == '"' && token.back() == '"' &&
        std::memchr(token.data(), '\\', token.size()) == nullptr) {
        out = token.substr(1, token.size() - 2);
        return true;
    }
    if (auto e = v.get_string().get(out)) return ctx.fail(e, path);
    return true;
}

inline bool read_null(json_context& ctx, ondemand::value& v, const json_path& path) {
    bool is_null = false;
    if (v.is_null().get(is_null) != simdjson::SUCCESS || !is_null)
        return ctx.fail(errc::invalid_json, path, "has an invalid literal (expected true, false or null)");
    return true;
}

/// A required string.
inline bool read_string(json_context& ctx, ondemand::value& v, const json_path& path, std::string_view& out) {
    ondemand::json_type type{};
    if (!value_type(ctx, v, path, type)) return false;
    if (type != ondemand::json_type::string) return ctx.fail(errc::wrong_type, path, "must be a string");
    return read_string_contents(ctx, v, path, out);
}

/// An optional string: null means absent.
inline bool read_optional_string(json_context& ctx, ondemand::value& v, const json_path& path,
                                 std::optional<std::string_view>& out) {
    ondemand::json_type type{};
    if (!value_type(ctx, v, path, type)) return false;
    if (type == ondemand::json_type::null) {
        out.reset();
        return read_null(ctx, v, path);
    }
    if (type != ondemand::json_type::string) return ctx.fail(errc::wrong_type, path, "must be a string");
    std::string_view text;
    if (!read_string_contents(ctx, v, path, text)) return false;
    out = text;
    return true;
}

/// An integer that may arrive as a number or (with rules.allow_string) as
/// a numeric string.
inline bool read_integer(json_context& ctx, ondemand::value& v, const json_path& path, const integer_rules& rules,
                         std::int64_t& out) {
    ondemand::json_type type{};
    if (!value_type(ctx, v, path, type)) return false;
    if (type == ondemand::json_type::number) return parse_integer_text(ctx, scalar_token(v), path, rules, out);
    if (type == ondemand::json_type::string && rules.allow_string) {
        std::string_view text;
        if (!read_string_contents(ctx, v, path, text)) return false;
        return parse_integer_text(ctx, text, path, rules, out);
    }
    return ctx.fail(errc::wrong_type, path,
                    rules.allow_string ? "must be an integer or a numeric string" : "must be an integer");
}

/// A JSON number (or a numeric string: events drift) as double.
inline bool read_decimal(json_context& ctx, ondemand::value& v, const json_path& path, double& out) {
    ondemand::json_type type{};
    if (!value_type(ctx, v, path, type)) return false;
    if (type == ondemand::json_type::number) return parse_decimal_text(ctx, scalar_token(v), path, out);
    if (type == ondemand::json_type::string) {
        std::string_view text;
        if (!read_string_contents(ctx, v, path, text)) return false;
        return parse_decimal_text(ctx, text, path, out);
    }
    return ctx.fail(errc::wrong_type, path, "must be a number");
}

/// Checks any value completely (simdjson On-Demand skips what it is not
/// asked for without validating it) and, when `out` is given, writes it
/// as minified JSON with canonical string escapes.
inline bool walk_value(json_context& ctx, ondemand::value& v, const json_path& path, std::size_t depth,
                       json_writer<std::string>* out) {
    ondemand::json_type type{};
    if (!value_type(ctx, v, path, type)) return false;
    switch (type) {
    case ondemand::json_type::object: {
        if (!ctx.enter(depth, path)) return false;
        ondemand::object object;
        if (auto e = v.get_object().get(object)) return ctx.fail(e, path);
        if (out) out->begin_object();
        json_path last = path;
        for (auto member : object) {
            ondemand::field field;
            if (auto e = std::move(member).get(field)) return ctx.fail(e, last);
            std::string_view key;
            if (auto e = field.unescaped_key().get(key)) return ctx.fail(e, last);
            last = json_path(path, key);
            if (out) out->key(key);
            if (!walk_value(ctx, field.value(), last, depth + 1, out)) return false;
        }
        if (out) out->end_object();
        return true;
    }
    case ondemand::json_type::array: {
        if (!ctx.enter(depth, path)) return false;
        ondemand::array array;
        if (auto e = v.get_array().get(array)) return ctx.fail(e, path);
        if (out) out->begin_array();
        std::size_t index = 0;
        for (auto element : array) {
            json_path here(path, index++);
            ondemand::value item;
            if (auto e = std::move(element).get(item)) return ctx.fail(e, here);
            if (!walk_value(ctx, item, here, depth + 1, out)) return false;
        }
        if (out) out->end_array();
        return true;
    }
    case ondemand::json_type::string: {
        std::string_view text;
        if (auto e = v.get_string().get(text)) return ctx.fail(e, path);
        if (out) out->value(text);
        return true;
    }
    case ondemand::json_type::number: {
        // Any number the grammar allows, however large: it is not ours to read.
        std::string_view token = scalar_token(v);
        if (classify_number(token) == number_kind::invalid)
            return ctx.fail(errc::invalid_json, path, "has a malformed number");
        if (out) out->raw(token);
        return true;
    }
    case ondemand::json_type::boolean: {
        bool b = false;
        if (v.get_bool().get(b) != simdjson::SUCCESS)
            return ctx.fail(errc::invalid_json, path, "has an invalid literal (expected true, false or null)");
        if (out) out->value(b);
        return true;
    }
    case ondemand::json_type::null:
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

/// Iterates an object's members: `on_member(index, key, value, path)` for
/// known names (duplicates are an error), walk_value for the others.
template <std::size_t N, class OnMember>
bool for_each_member(json_context& ctx, ondemand::value& v, const json_path& path, std::size_t depth,
                     const std::string_view (&names)[N], seen_members& seen, OnMember&& on_member) {
    static_assert(N <= 64, "seen_members holds 64 bits");
    ondemand::json_type type{};
    if (!value_type(ctx, v, path, type)) return false;
    if (type != ondemand::json_type::object)
        return ctx.fail(errc::wrong_type, path, path.is_root() ? "body must be a JSON object" : "must be an object");
    if (!ctx.enter(depth, path)) return false;
    ondemand::object object;
    if (auto e = v.get_object().get(object)) return ctx.fail(e, path);
    json_path last = path;
    for (auto member : object) {
        ondemand::field field;
        if (auto e = std::move(member).get(field)) return ctx.fail(e, last);
        std::string_view key;
        if (auto e = field.unescaped_key().get(key)) return ctx.fail(e, last);
        last = json_path(path, key);
        std::size_t index = N;
        for (std::size_t i = 0; i < N; ++i)
            if (names[i] == key) index = i;
        if (index == N) {
            if (!walk_value(ctx, field.value(), last, depth + 1, nullptr)) return false;
            continue;
        }
        if (!seen.mark(index)) return ctx.fail(errc::duplicate_key, last, "appears more than once");
        if (!on_member(index, field.value(), last)) return false;
    }
    return true;
}

/// Iterates an array: `on_element(i, value, path)`.
template <class OnElement>
bool for_each_element(json_context& ctx, ondemand::value& v, const json_path& path, std::size_t depth,
                      OnElement&& on_element) {
    ondemand::json_type type{};
    if (!value_type(ctx, v, path, type)) return false;
    if (type != ondemand::json_type::array) return ctx.fail(errc::wrong_type, path, "must be an array");
    if (!ctx.enter(depth, path)) return false;
    ondemand::array array;
    if (auto e = v.get_array().get(array)) return ctx.fail(e, path);
    std::size_t index = 0;
    for (auto element : array) {
        json_path here(path, index);
        ondemand::value item;
        if (auto e = std::move(element).get(item)) return ctx.fail(e, here);
        if (!on_element(index, item, here)) return false;
        ++index;
    }
    return true;
}

/// Parses `text` (a nested JSON document: a string's contents, or JSON
/// captured earlier) with its own parser and padded copy; errors carry
/// paths under `base`.
template <class DecodeRoot>
bool decode_nested_document(json_context& ctx, ondemand::parser& parser, std::string& buffer, std::string_view text,
                            const json_path& base, DecodeRoot&& decode_root) {
    buffer.assign(text.data(), text.size());
    buffer.resize(text.size() + simdjson::SIMDJSON_PADDING, ' ');
    ondemand::document doc;
    if (auto e = parser.iterate(buffer.data(), text.size(), buffer.size()).get(doc)) return ctx.fail(e, base);
    ondemand::json_type type{};
    if (auto e = doc.type().get(type)) return ctx.fail(e, base);
    if (type != ondemand::json_type::object) return ctx.fail(errc::wrong_type, base, "must hold a JSON object");
    ondemand::value root;
    if (auto e = doc.get_value().get(root)) return ctx.fail(e, base);
    if (!decode_root(root)) return false;
    const char* rest = nullptr;
    if (doc.current_location().get(rest) == simdjson::SUCCESS)
        return ctx.fail(errc::invalid_json, base, "has content after the JSON value");
    return true;
}

/// Parses the padded input and hands the root value to `decode_root`,
/// then checks that nothing follows it. In strict mode, a failure on a
/// body with a trailing comma is reported as errc::trailing_comma.
template <class DecodeRoot>
field_error decode_document(const json_decode_options& options, ondemand::parser& parser, padded_input& input,
                            std::string_view body, std::size_t capacity, DecodeRoot&& decode_root) {
    json_context ctx(options);
    if (body.size() > options.max_size) {
        ctx.fail(errc::too_long, field_path(), "body exceeds the configured maximum size");
        return ctx.error();
    }
    input.prepare(body, capacity, options.lenient);
    ondemand::document doc;
    bool ok = true;
    if (auto e = parser.iterate(input.data(), input.size(), input.capacity()).get(doc)) {
        ok = ctx.fail(e, {});
    } else {
        ondemand::json_type type{};
        if (auto e2 = doc.type().get(type)) {
            ok = ctx.fail(e2, {});
        } else if (type != ondemand::json_type::object) {
            ok = ctx.fail(errc::wrong_type, field_path(), "body must be a JSON object");
        } else {
            ondemand::value root;
            // A document is not a value; its object is reached through a value view.
            if (auto e3 = doc.get_value().get(root))
                ok = ctx.fail(e3, {});
            else
                ok = decode_root(ctx, root);
        }
        const char* rest = nullptr;
        if (ok && doc.current_location().get(rest) == simdjson::SUCCESS)
            ok = ctx.fail(errc::invalid_json, field_path(), "has content after the JSON object");
    }
    if (!ok && !options.lenient && ctx.error().code != errc::too_long &&
        find_trailing_comma(body) != std::string_view::npos)
        ctx.fail(errc::trailing_comma, ctx.error().path,
                 "has a comma before '}' or ']', which JSON does not allow (the lenient mode accepts it)");
    return ctx.error();
}

/// The envelope members every response has.
struct envelope_fields {
    static constexpr std::string_view names[] = {"code", "message", "codeDesc"};
    enum : std::size_t { code, message, code_desc, count };
};

inline bool read_envelope_member(json_context& ctx, std::size_t index, ondemand::value& v, const json_path& path,
                                 std::int64_t& code, std::string_view& message,
                                 std::optional<std::string_view>& code_desc) {
    switch (index) {
    case envelope_fields::code: return read_integer(ctx, v, path, integer_rules{true, false}, code);
    case envelope_fields::message: return read_string(ctx, v, path, message);
    case envelope_fields::code_desc: return read_optional_string(ctx, v, path, code_desc);
    default: return true;
    }
}

inline bool check_envelope(json_context& ctx, const seen_members& seen) {
    if (!seen.has(envelope_fields::code)) return ctx.fail(errc::missing_field, "code", "is required");
    if (!seen.has(envelope_fields::message)) return ctx.fail(errc::missing_field, "message", "is required");
    return true;
}

inline constexpr std::string_view response_member_names[] = {"code", "message", "codeDesc", "vodTaskId"};

}  // namespace detail

/// Decodes API responses. Reusable: keeps its parser and padded buffer.
/// One decoder per thread.
class response_decoder {
public:
    explicit response_decoder(json_decode_options options = {}) : options_(options) {}

    const json_decode_options& options() const noexcept { return options_; }

    /// Copies `body` into the decoder's padded buffer, then decodes.
    result<response_view> decode(std::string_view body) { return decode(body, body.size()); }

    /// `capacity` is the number of bytes allocated at body.data(); with at
    /// least SIMDJSON_PADDING (64) beyond body.size() the body is parsed in
    /// place, e.g. `decode(s, s.capacity())` for a std::string after
    /// `s.reserve(s.size() + 64)`.
    result<response_view> decode(std::string_view body, std::size_t capacity) {
        response_view out;
        field_error e = detail::decode_document(
            options_, parser_, input_, body, capacity,
            [&](detail::json_context& ctx, detail::ondemand::value& root) { return read(ctx, root, out); });
        if (e.code != errc::ok) return e;
        return out;
    }

    /// Into an owning response, reusing its capacity. Returns the error
    /// (errc::ok on success); `out` is unspecified after an error.
    [[nodiscard]] field_error decode(std::string_view body, response& out) {
        auto view = decode(body);
        if (!view) return view.error();
        assign(out, *view);
        return {};
    }

private:
    static bool read(detail::json_context& ctx, detail::ondemand::value& root, response_view& out) {
        detail::seen_members seen;
        bool ok = detail::for_each_member(
            ctx, root, {}, 1, detail::response_member_names, seen,
            [&](std::size_t index, detail::ondemand::value& v, const detail::json_path& path) {
                if (index == 3) return detail::read_optional_string(ctx, v, path, out.vod_task_id);
                return detail::read_envelope_member(ctx, index, v, path, out.code, out.message, out.code_desc);
            });
        return ok && detail::check_envelope(ctx, seen);
    }

    json_decode_options options_;
    simdjson::ondemand::parser parser_;
    detail::padded_input input_;
};

}  // namespace v1
}  // namespace tcvod

#endif  // TCVOD_RESPONSE_HPP
