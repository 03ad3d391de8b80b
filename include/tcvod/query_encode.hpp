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

template <class Signer, class Visit>
signed_layout measure_and_sign(const Signer& s, signature_method method, const endpoint& where, output_form form,
                               Visit& visit) {
    signed_layout layout;
    std::size_t encoded = 0, raw = 0, count = 0;
#ifndef NDEBUG
    // A copy (producers reuse their key buffers), in a fixed buffer so that
    // debug builds do not allocate either. A longer key is kept truncated:
    // a prefix of the previous key still sorts before the next one.
    char previous[128];
    std::size_t previous_size = 0;
#endif
    auto counting = [&](auto&& f) {
        visit([&](std::string_view key, std::string_view value) {
#ifndef NDEBUG
            // producers emit sorted, unique keys
            assert(count == 0 || std::string_view(previous, previous_size) < key);
            previous_size = key.size() < sizeof previous ? key.size() : sizeof previous;
            if (previous_size != 0) std::memcpy(previous, key.data(), previous_size);
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
        layout.size =
            to_string(where.method).size() + where.host.size() + where.path.size() + 1 + raw + (count ? count - 1 : 0);
        return layout;
    }
    layout.size = encoded + separators + signature_key.size() + 1 + percent_encoded_size(layout.signature.view());
    if (form == output_form::url) layout.size += url_scheme.size() + where.host.size() + where.path.size() + 1;
    return layout;
}

/// One walk over the parameters for every form (a second visit call would
/// compile the whole parameter walk a second time).
template <class Visit>
char* write_layout(const signed_layout& layout, const endpoint& where, output_form form, Visit& visit, char* out) {
    const bool raw = form == output_form::string_to_sign;
    if (raw) {
        out = put(out, to_string(where.method));
        out = put(out, where.host);
        out = put(out, where.path);
        *out++ = '?';
    } else if (form == output_form::url) {
        out = put(out, url_scheme);
        out = put(out, where.host);
        out = put(out, where.path);
        *out++ = '?';
    }
    // Signature goes in its sorted place, so the wire matches the string to
    // sign field for field (order on the wire is free, but this is easy to
    // read); the string to sign has none.
    bool first = true, signature_written = raw;
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
        out = raw ? put(out, value) : percent_encode(value, out);
    });
    if (!signature_written) write_signature();
    return out;
}

/// encode_sorted_to and encode_parameters_to: measure, sign, then write
/// when the output fits.
template <class Signer, class Visit>
std::size_t measure_sign_write(const Signer& s, signature_method method, const endpoint& where, output_form form,
                               Visit& visit, char* buffer, std::size_t capacity) {
    if (!s.supports(method)) return 0;
    auto layout = measure_and_sign(s, method, where, form, visit);
    if (layout.size <= capacity) write_layout(layout, where, form, visit, buffer);
    return layout.size;
}

/// f(key, value) behind a function pointer: a visitor called with it is
/// compiled once, whatever f is. encode_sorted_to walks the parameters
/// three times (measure, sign, write): on firmware, one copy of the walk
/// instead of three. Noinline for the same reason as staged_mac::update_mac.
class parameter_callback {
public:
    template <class F>
    explicit parameter_callback(F& f) noexcept
        : f_(const_cast<void*>(static_cast<const void*>(&f))),
          call_([](void* g, std::string_view key, std::string_view value) { (*static_cast<F*>(g))(key, value); }) {}

    TCVOD_DETAIL_NOINLINE void operator()(std::string_view key, std::string_view value) const { call_(f_, key, value); }

private:
    void* f_;
    void (*call_)(void*, std::string_view, std::string_view);
};

/// Lets a reused buffer be written up to its capacity without reallocating.
template <class String>
auto open_capacity(String& out, int) -> decltype(out.capacity(), void()) {
    out.resize(out.capacity());
}
template <class String>
void open_capacity(String&, long) {}

/// Makes room for `needed` bytes in total, at least doubling.
template <class String>
void grow_to(String& out, std::size_t needed) {
    out.resize(needed > 2 * out.size() ? needed : 2 * out.size());
    open_capacity(out, 0);
}

/// Where write_and_feed left things: the query's start, the end of the
/// written bytes, and where Signature goes.
struct one_pass_layout {
    std::size_t query_at = 0;
    std::size_t end = 0;
    std::size_t signature_at = 0;
    bool signature_placed = false;
};

/// The URL, query and body forms in one pass over the parameters: each
/// value is produced once, its raw bytes feed the HMAC and its encoded
/// bytes go straight into `out`. Signature, known only at the end, is then
/// inserted at its sorted place (moving the bytes after it once).
template <class String, class Visit>
one_pass_layout write_and_feed(staged_mac& stage, const endpoint& where, output_form form, Visit& visit, String& out) {
    feed_request_line(stage, where);
    open_capacity(out, 0);
    std::size_t at = 0;
    if (form == output_form::url) {
        std::size_t prefix = url_scheme.size() + where.host.size() + where.path.size() + 1;
        if (out.size() < prefix) grow_to(out, prefix);
        char* p = put(&out[0], url_scheme);
        p = put(p, where.host);
        p = put(p, where.path);
        *p = '?';
        at = prefix;
    }
    const std::size_t query_at = at;
    std::size_t signature_at = 0;
    bool signature_placed = false;
    visit([&](std::string_view key, std::string_view value) {
        const bool first = at == query_at;
        if (!signature_placed && signature_key < key) {
            signature_at = at;
            signature_placed = true;
        }
        std::size_t worst = 1 + key.size() + 1 + 3 * value.size();
        if (out.size() - at < worst) grow_to(out, at + worst);
        char* p = &out[0] + at;
        if (!first) {
            *p++ = '&';
            stage.feed('&');
        }
        p = put(p, key);
        *p++ = '=';
        p = percent_encode(value, p);
        at = static_cast<std::size_t>(p - &out[0]);
        stage.feed(key);
        stage.feed('=');
        stage.feed(value);
    });
    stage.flush();
    return {query_at, at, signature_at, signature_placed};
}

/// Inserts "Signature=X&" before the first parameter, "&Signature=X" elsewhere.
template <class String>
void insert_signature(const one_pass_layout& layout, const signature_text& signature, String& out) {
    const std::size_t query_at = layout.query_at, at = layout.end;
    const std::size_t signature_at = layout.signature_placed ? layout.signature_at : at;
    const bool leads = signature_at == query_at;
    const bool alone = at == query_at;
    const std::size_t field = signature_key.size() + 1 + percent_encoded_size(signature.view()) + (alone ? 0 : 1);
    if (out.size() - at < field) grow_to(out, at + field);
    char* base = &out[0];
    std::memmove(base + signature_at + field, base + signature_at, at - signature_at);
    char* p = base + signature_at;
    if (!leads) *p++ = '&';
    p = put(p, signature_key);
    *p++ = '=';
    p = percent_encode(signature.view(), p);
    if (leads && !alone) *p = '&';
    out.resize(at + field);
}

/// The MAC-specific part is this small shell; the code that walks the
/// parameters (write_and_feed) is the same for every hash.
template <class KeyedMac, class String, class Visit>
signature_text encode_one_pass(const KeyedMac& key, const endpoint& where, output_form form, Visit& visit,
                               String& out) {
    auto mac = key.begin();
    staged_mac stage(mac);
    const one_pass_layout layout = write_and_feed(stage, where, form, visit, out);
    signature_text signature = finish_signature(mac);
    insert_signature(layout, signature, out);
    return signature;
}

}  // namespace detail

/// Signs the parameters produced (sorted, Signature excluded) by `visit(f)`
/// and writes the chosen form into `out`, replacing its contents. A string
/// reused across calls stops allocating once it is large enough.
template <class Signer, class String, class Visit>
signature_text encode_sorted(const Signer& s, signature_method method, const endpoint& where, output_form form,
                             Visit&& visit, String& out) {
    if (!s.supports(method)) {  // a one-hash signer asked for the other hash
        out.resize(0);
        return signature_text{};
    }
    if (form != output_form::string_to_sign) {
        if (method == signature_method::hmac_sha256) {
            if constexpr (Signer::has_sha256) return detail::encode_one_pass(s.keyed_sha256(), where, form, visit, out);
        } else {
            if constexpr (Signer::has_sha1) return detail::encode_one_pass(s.keyed_sha1(), where, form, visit, out);
        }
    }
    auto layout = detail::measure_and_sign(s, method, where, form, visit);
    out.resize(layout.size);
    char* end = detail::write_layout(layout, where, form, visit, &out[0]);
    assert(end == &out[0] + layout.size);
    (void)end;
    return layout.signature;
}

/// The same into a fixed buffer. Returns the size the full output needs
/// (like fmt::format_to_n); writes nothing when it exceeds `capacity`.
/// Returns 0 and writes nothing when the signer does not hold the
/// method's hash.
template <class Signer, class Visit>
std::size_t encode_sorted_to(const Signer& s, signature_method method, const endpoint& where, output_form form,
                             Visit&& visit, char* buffer, std::size_t capacity) {
    auto walk = [&visit](auto&& f) {
        const detail::parameter_callback callback(f);
        visit(callback);
    };
    return detail::measure_sign_write(s, method, where, form, walk, buffer, capacity);
}

/// A raw parameter set (common parameters included, as text), signed and
/// written into a fixed buffer in one call: sorts `params` in place, picks
/// the hash from the SignatureMethod entry as the server does, skips any
/// Signature entry. Returns the size the output needs (nothing is written
/// when it exceeds `capacity`), 0 when the signer lacks the hash.
template <class Signer>
std::size_t encode_parameters_to(const Signer& s, const endpoint& where, output_form form, parameter* params,
                                 std::size_t count, char* buffer, std::size_t capacity) {
    sort_parameters(params, params + count);
    signature_method method = signature_method::hmac_sha1;
    for (std::size_t i = 0; i < count; ++i)
        if (params[i].key == detail::signature_method_key) method = signature_method_from_wire(params[i].value);
    // A walk this small is cheaper compiled per use than behind a
    // parameter_callback (encode_sorted_to's choice for typed requests).
    auto walk = [params, count](auto&& f) {
        for (std::size_t i = 0; i < count; ++i)
            if (params[i].key != detail::signature_key) f(params[i].key, params[i].value);
    };
    return detail::measure_sign_write(s, method, where, form, walk, buffer, capacity);
}

}  // namespace v1
}  // namespace tcvod

#endif  // TCVOD_QUERY_ENCODE_HPP
