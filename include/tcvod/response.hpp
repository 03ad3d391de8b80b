// API 2.0 responses, `{"code":0,"message":"","codeDesc":"Success",
// "vodTaskId":"procedure-..."}`, decoded into a typed result or a precise
// error (tcvod::errc and the JSON field path).
//
// - `code` is a JSON number or a numeric string (both occur); `message` is
//   required; `codeDesc` and `vodTaskId` are optional (null means absent).
//   Unknown fields are ignored, but still checked: the whole body must be
//   well-formed JSON.
// - Strict JSON by default. The API page's own example has a trailing comma
//   and is refused (errc::trailing_comma); json_decode_options::lenient
//   accepts trailing commas (they are blanked in a copy of the body).
// - Two JSON backends, same results (json_backend.hpp): simdjson On-Demand
//   by default, the portable parser with TCVOD_NO_SIMDJSON, without
//   <simdjson.h> or on big-endian targets. basic_response_decoder<B> picks
//   one explicitly.
// - Padding: simdjson reads up to 64 bytes past the end of its input
//   (`padding`; 0 for the portable parser). decode(body, capacity) parses
//   in place when the caller says that many bytes are allocated after the
//   body (e.g. a std::string's capacity()); otherwise the body is copied
//   into the decoder's reusable buffer. After warm-up neither path allocates.
// - Views: a response_view's strings point into the body (or the decoder's
//   copy of it) when they had no escapes, otherwise into the decoder's
//   parser. They are valid until the decoder is used again and while the
//   body is alive and unchanged. `response` is the owning copy.
// - Bounded: body size (max_size) and nesting depth (max_depth).
//
// Needs simdjson (a compiled library) unless the portable backend is used;
// then the standard library only. Error codes only: compiles with
// -fno-exceptions.
#ifndef TCVOD_RESPONSE_HPP
#define TCVOD_RESPONSE_HPP

#include "tcvod/error.hpp"
#include "tcvod/json_backend.hpp"
#include "tcvod/json_read.hpp"
#include "tcvod/response_model.hpp"
#include "tcvod/vod_error.hpp"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>
#include <vector>

namespace tcvod {
inline namespace v1 {

namespace detail {

/// The envelope members every response has.
struct envelope_fields {
    static constexpr std::string_view names[] = {"code", "message", "codeDesc"};
    enum : std::size_t { code, message, code_desc, count };
};

template <class V>
bool read_envelope_member(json_context& ctx, std::size_t index, V& v, const json_path& path, std::int64_t& code,
                          std::string_view& message, std::optional<std::string_view>& code_desc) {
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

/// Decodes API responses. Reusable: keeps its parser and input buffer.
/// One decoder per thread. `Backend` is the JSON backend
/// (json_backend.hpp); `response_decoder` uses the default one.
template <class Backend>
class basic_response_decoder {
public:
    explicit basic_response_decoder(json_decode_options options = {}) : options_(options) {}

    const json_decode_options& options() const noexcept { return options_; }

    /// Decodes `body` (copied into the decoder's buffer when the backend
    /// reads past the end of its input, as simdjson does).
    result<response_view> decode(std::string_view body) { return decode(body, body.size()); }

    /// `capacity` is the number of bytes allocated at body.data(); with at
    /// least `padding` (64 for simdjson, 0 for the portable parser) beyond
    /// body.size() the body is parsed in place, e.g. `decode(s, s.capacity())`
    /// for a std::string after `s.reserve(s.size() + 64)`.
    result<response_view> decode(std::string_view body, std::size_t capacity) {
        response_view out;
        field_error e = detail::decode_document<Backend>(
            options_, parser_, input_, body, capacity,
            [&](detail::json_context& ctx, typename Backend::value& root) { return read(ctx, root, out); });
        if (e.code != errc::ok) return e;
        return out;
    }

    /// Views may point into the body: a temporary std::string would leave
    /// them dangling (the portable backend reads the body in place).
    template <class S, class = std::enable_if_t<std::is_same<S, std::string>::value>>
    result<response_view> decode(S&& temporary) = delete;
    template <class S, class = std::enable_if_t<std::is_same<S, std::string>::value>>
    result<response_view> decode(S&& temporary, std::size_t capacity) = delete;

    /// Into an owning response, reusing its capacity. Returns the error
    /// (errc::ok on success); `out` is unspecified after an error.
    [[nodiscard]] field_error decode(std::string_view body, response& out) {
        auto view = decode(body);
        if (!view) return view.error();
        assign(out, *view);
        return {};
    }

    /// Bytes the backend may read past the end of a body parsed in place.
    static constexpr std::size_t padding = Backend::padding;

private:
    static bool read(detail::json_context& ctx, typename Backend::value& root, response_view& out) {
        detail::seen_members seen;
        bool ok = detail::for_each_member(
            ctx, root, {}, 1, detail::response_member_names, seen,
            [&](std::size_t index, typename Backend::value& v, const detail::json_path& path) {
                if (index == 3) return detail::read_optional_string(ctx, v, path, out.vod_task_id);
                return detail::read_envelope_member(ctx, index, v, path, out.code, out.message, out.code_desc);
            });
        return ok && detail::check_envelope(ctx, seen);
    }

    json_decode_options options_;
    typename Backend::parser parser_;
    detail::json_input input_;
};

/// The response decoder on the default JSON backend.
using response_decoder = basic_response_decoder<detail::default_json_backend>;

}  // namespace v1
}  // namespace tcvod

#endif  // TCVOD_RESPONSE_HPP
