// Signed, percent-encoded query strings, GET URLs and POST form bodies from
// parameters produced in sorted order. Measure, then write into the
// caller's buffer. Standard library only.
#ifndef TCVOD_QUERY_ENCODE_HPP
#define TCVOD_QUERY_ENCODE_HPP

#include "tcvod/percent.hpp"
#include "tcvod/sign.hpp"

#include <cassert>
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

namespace tcvod {
inline namespace v1 {

/// What to produce.
enum class output_form {
    url,             // https://host/path?query (a GET request)
    query,           // the query string alone
    body,            // the application/x-www-form-urlencoded POST body (same bytes as query)
    string_to_sign,  // what the HMAC covers (diagnostics; contains raw values)
};

/// The default form for a method: a URL for GET, a form body for POST.
constexpr output_form default_form(http_method m) noexcept {
    return m == http_method::get ? output_form::url : output_form::body;
}

namespace detail {

inline constexpr std::string_view signature_key = "Signature";
inline constexpr std::string_view url_scheme = "https://";

inline char* put(char* out, std::string_view text) noexcept {
    std::memcpy(out, text.data(), text.size());
    return out + text.size();
}

/// Everything about a signed request except its bytes: computed in one pass
/// over the parameters, which also feeds the HMAC.
struct signed_layout {
    signature_text signature;
    std::size_t size = 0;  // bytes of the chosen output form
};

template <class Visit>
signed_layout measure_and_sign(const signer& s, signature_method method, const endpoint& where, output_form form,
                               Visit& visit) {
    signed_layout layout;
    std::size_t encoded = 0, raw = 0, count = 0;
#ifndef NDEBUG
    std::string previous;  // a copy: producers reuse their key buffers
#endif
    auto counting = [&](auto&& f) {
        visit([&](std::string_view key, std::string_view value) {
#ifndef NDEBUG
            assert(count == 0 || std::string_view(previous) < key);  // producers emit sorted, unique keys
            previous.assign(key.data(), key.size());
#endif
            encoded += key.size() + 1 + percent_encoded_size(value);
            raw += key.size() + 1 + value.size();
            ++count;
            f(key, value);
        });
    };
    layout.signature = sign_sorted(s, method, where, counting);
    std::size_t separators = count;  // n parameters + Signature -> n separators
    if (form == output_form::string_to_sign) {
        layout.size = to_string(where.method).size() + where.host.size() + where.path.size() + 1 + raw +
                      (count ? count - 1 : 0);
        return layout;
    }
    layout.size = encoded + separators + signature_key.size() + 1 + percent_encoded_size(layout.signature.view());
    if (form == output_form::url) layout.size += url_scheme.size() + where.host.size() + where.path.size() + 1;
    return layout;
}

template <class Visit>
char* write_layout(const signed_layout& layout, const endpoint& where, output_form form, Visit& visit, char* out) {
    if (form == output_form::string_to_sign) {
        out = put(out, to_string(where.method));
        out = put(out, where.host);
        out = put(out, where.path);
        *out++ = '?';
        bool first = true;
        visit([&](std::string_view key, std::string_view value) {
            if (!first) *out++ = '&';
            first = false;
            out = put(out, key);
            *out++ = '=';
            out = put(out, value);
        });
        return out;
    }
    if (form == output_form::url) {
        out = put(out, url_scheme);
        out = put(out, where.host);
        out = put(out, where.path);
        *out++ = '?';
    }
    // Signature goes in its sorted place, so the wire matches the string to
    // sign field for field (order on the wire is free, but this is easy to read).
    bool first = true, signature_written = false;
    auto write_signature = [&] {
        if (!first) *out++ = '&';
        first = false;
        out = put(out, signature_key);
        *out++ = '=';
        out = percent_encode(layout.signature.view(), out);
        signature_written = true;
    };
    visit([&](std::string_view key, std::string_view value) {
        if (!signature_written && signature_key < key) write_signature();
        if (!first) *out++ = '&';
        first = false;
        out = put(out, key);
        *out++ = '=';
        out = percent_encode(value, out);
    });
    if (!signature_written) write_signature();
    return out;
}

}  // namespace detail

/// Signs the parameters produced (sorted, Signature excluded) by `visit(f)`
/// and writes the chosen form into `out`, replacing its contents. A string
/// reused across calls stops allocating once it is large enough.
template <class String, class Visit>
signature_text encode_sorted(const signer& s, signature_method method, const endpoint& where, output_form form,
                             Visit&& visit, String& out) {
    auto layout = detail::measure_and_sign(s, method, where, form, visit);
    out.resize(layout.size);
    char* end = detail::write_layout(layout, where, form, visit, &out[0]);
    assert(end == &out[0] + layout.size);
    (void)end;
    return layout.signature;
}

/// The same into a fixed buffer. Returns the size the full output needs
/// (like fmt::format_to_n); writes nothing when it exceeds `capacity`.
template <class Visit>
std::size_t encode_sorted_to(const signer& s, signature_method method, const endpoint& where, output_form form,
                             Visit&& visit, char* buffer, std::size_t capacity) {
    auto layout = detail::measure_and_sign(s, method, where, form, visit);
    if (layout.size <= capacity) detail::write_layout(layout, where, form, visit, buffer);
    return layout.size;
}

}  // namespace v1
}  // namespace tcvod

#endif  // TCVOD_QUERY_ENCODE_HPP
