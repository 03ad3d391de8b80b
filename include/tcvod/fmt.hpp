// fmt formatters for logging tcvod values: errc, field_error, diagnostics,
// common_parameters and run_procedure_request.
//
// Secrets never print. No type formatted here holds the SecretKey (only a
// signer does, and it has no formatter). The SecretId is masked to its
// first 4 and last 3 characters (`AKID****ESA`), or to `****` when it is
// too short for that to hide most of it; a Token prints as `<redacted>`.
// Values from requests are quoted and escaped (JSON rules, invalid UTF-8
// as U+FFFD), and error paths have control characters escaped, so a
// hostile value cannot forge log lines.
//
// Needs fmt (9 or later): the only tcvod header that does.
#ifndef TCVOD_FMT_HPP
#define TCVOD_FMT_HPP

#include "tcvod/error.hpp"
#include "tcvod/flatten.hpp"
#include "tcvod/json_write.hpp"
#include "tcvod/model.hpp"

#include <fmt/format.h>

#include <cstddef>
#include <string_view>

namespace tcvod {
inline namespace v1 {

namespace detail {

/// The string interface append_json_string needs, over an fmt output iterator.
template <class OutputIt>
struct fmt_text_sink {
    OutputIt out;
    void push_back(char c) { *out++ = c; }
    void append(const char* text) { append(text, std::char_traits<char>::length(text)); }
    void append(const char* text, std::size_t size) {
        for (std::size_t i = 0; i < size; ++i) *out++ = text[i];
    }
};

template <class OutputIt>
OutputIt write_quoted(OutputIt out, std::string_view text) {
    fmt_text_sink<OutputIt> sink{out};
    append_json_string(sink, text);
    return sink.out;
}

/// A field path with control bytes as \xNN (paths can hold hostile keys).
template <class OutputIt>
OutputIt write_path(OutputIt out, std::string_view path) {
    static constexpr char hex[] = "0123456789abcdef";
    for (char ch : path) {
        auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c == 0x7F || c == '\\') {
            *out++ = '\\';
            *out++ = 'x';
            *out++ = hex[c >> 4];
            *out++ = hex[c & 15];
        } else {
            *out++ = ch;
        }
    }
    return out;
}

template <class OutputIt>
OutputIt write_field_error(OutputIt out, const field_error& e) {
    if (!e.path.empty()) {
        out = write_path(out, e.path.view());
        *out++ = ':';
        *out++ = ' ';
    }
    return fmt::format_to(out, "{}", e.reason_text());
}

/// Formatters here take no format spec: `{}` only.
template <class ParseContext>
constexpr auto parse_empty_spec(ParseContext& ctx) -> decltype(ctx.begin()) {
    auto it = ctx.begin();
    if (it != ctx.end() && *it != '}') FMT_THROW(fmt::format_error("tcvod formatters take no format spec"));
    return it;
}

}  // namespace detail

}  // namespace v1
}  // namespace tcvod

/// The errc's message: `malformed percent escape`. Width and alignment work
/// as for strings (`{:>30}`).
template <>
struct fmt::formatter<tcvod::errc> : fmt::formatter<fmt::string_view> {
    template <class FormatContext>
    auto format(tcvod::errc code, FormatContext& ctx) const -> decltype(ctx.out()) {
        return fmt::formatter<fmt::string_view>::format(tcvod::to_string(code), ctx);
    }
};

/// `fileList.3.id: is required when inputType is MultiFile`.
template <>
struct fmt::formatter<tcvod::field_error> {
    constexpr auto parse(fmt::format_parse_context& ctx) -> decltype(ctx.begin()) {
        return tcvod::detail::parse_empty_spec(ctx);
    }
    template <class FormatContext>
    auto format(const tcvod::field_error& e, FormatContext& ctx) const -> decltype(ctx.out()) {
        return tcvod::detail::write_field_error(ctx.out(), e);
    }
};

/// Every problem, `; `-separated, then `(and N more)` for those that did
/// not fit; `no problems` when empty.
template <>
struct fmt::formatter<tcvod::diagnostics> {
    constexpr auto parse(fmt::format_parse_context& ctx) -> decltype(ctx.begin()) {
        return tcvod::detail::parse_empty_spec(ctx);
    }
    template <class FormatContext>
    auto format(const tcvod::diagnostics& diag, FormatContext& ctx) const -> decltype(ctx.out()) {
        auto out = ctx.out();
        if (diag.empty() && diag.dropped() == 0) return fmt::format_to(out, "no problems");
        bool first = true;
        for (const auto& e : diag) {
            if (!first) out = fmt::format_to(out, "; ");
            first = false;
            out = tcvod::detail::write_field_error(out, e);
        }
        if (diag.dropped()) out = fmt::format_to(out, " (and {} more)", diag.dropped());
        return out;
    }
};

/// `{Region="gz", Timestamp=1465185768, Nonce=11886, SecretId=AKID****ESA,
/// SignatureMethod=HmacSHA256, SubAppId=1400001234, Token=<redacted>}`.
template <class Storage>
struct fmt::formatter<tcvod::basic_common_parameters<Storage>> {
    constexpr auto parse(fmt::format_parse_context& ctx) -> decltype(ctx.begin()) {
        return tcvod::detail::parse_empty_spec(ctx);
    }
    template <class FormatContext>
    auto format(const tcvod::basic_common_parameters<Storage>& c, FormatContext& ctx) const -> decltype(ctx.out()) {
        auto out = fmt::format_to(ctx.out(), "{{Region=");
        out = tcvod::detail::write_quoted(out, c.region);
        out = fmt::format_to(out, ", Timestamp={}, Nonce={}, SecretId=", c.timestamp, c.nonce);
        out = tcvod::write_masked_secret_id(out, c.secret_id);
        if (c.method) out = fmt::format_to(out, ", SignatureMethod={}", tcvod::to_string(*c.method));
        if (c.sub_app_id) out = fmt::format_to(out, ", SubAppId={}", *c.sub_app_id);
        if (c.token) out = fmt::format_to(out, ", Token=<redacted>");
        return fmt::format_to(out, "}}");
    }
};

/// The wire parameters in wire order, values quoted:
/// `RunProcedure{file.endTimeOffset="25", file.id="12345", ...}`. Owning
/// and view requests alike.
template <class Storage>
struct fmt::formatter<tcvod::basic_run_procedure_request<Storage>> {
    constexpr auto parse(fmt::format_parse_context& ctx) -> decltype(ctx.begin()) {
        return tcvod::detail::parse_empty_spec(ctx);
    }
    template <class FormatContext>
    auto format(const tcvod::basic_run_procedure_request<Storage>& r, FormatContext& ctx) const -> decltype(ctx.out()) {
        auto out = fmt::format_to(ctx.out(), "{}{{", tcvod::basic_run_procedure_request<Storage>::action);
        bool first = true;
        tcvod::visit_action_parameters(r, [&](std::string_view key, std::string_view value) {
            if (!first) out = fmt::format_to(out, ", ");
            first = false;
            out = fmt::format_to(out, "{}=", key);
            out = tcvod::detail::write_quoted(out, value);
        });
        return fmt::format_to(out, "}}");
    }
};

#endif  // TCVOD_FMT_HPP
