// Server side: a query string or form body -> decoded parameters (Boost.URL's
// query grammar with strict percent-decoding, '+' as space as PHP reads
// it), signature verification in constant time, and the typed request,
// validated by the same code the encoder uses. Standard library only (the
// tests and a fuzz target check the query parser against Boost.URL's).
#ifndef TCVOD_QUERY_DECODE_HPP
#define TCVOD_QUERY_DECODE_HPP

#include "tcvod/error.hpp"
#include "tcvod/model.hpp"
#include "tcvod/number.hpp"
#include "tcvod/sign.hpp"
#include "tcvod/validate.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tcvod {
inline namespace v1 {

namespace detail {

/// RFC 3986 query characters other than '%' (pchar / "/" / "?"): what
/// Boost.URL's query grammar accepts unescaped.
constexpr std::array<bool, 256> make_query_char_table() noexcept {
    std::array<bool, 256> t{};
    for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<std::size_t>(c)] = true;
    for (int c = 'a'; c <= 'z'; ++c) t[static_cast<std::size_t>(c)] = true;
    for (int c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] = true;
    for (char c : std::string_view("-._~!$&'()*+,;=:@/?")) t[static_cast<unsigned char>(c)] = true;
    return t;
}
inline constexpr std::array<bool, 256> query_char = make_query_char_table();

inline int hex_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/// Decodes from `p` up to '&' (or, for a key, '=') or `end` into `out`:
/// `%XX` to its byte, '+' to a space. Leaves `p` on the stop character, or
/// on the offending byte with the problem returned.
inline errc decode_query_component(const char*& p, const char* end, bool is_key, char*& out) noexcept {
    while (p != end) {
        char c = *p;
        if (c == '&' || (is_key && c == '=')) return errc::ok;
        if (c == '%') {
            int hi = end - p > 2 ? hex_value(p[1]) : -1;
            int lo = hi >= 0 ? hex_value(p[2]) : -1;
            if (lo < 0) return errc::bad_percent_escape;
            *out++ = static_cast<char>(hi * 16 + lo);
            p += 3;
            continue;
        }
        if (!query_char[static_cast<unsigned char>(c)]) return errc::invalid_character;
        *out++ = c == '+' ? ' ' : c;
        ++p;
    }
    return errc::ok;
}

}  // namespace detail

/// Bounds on what the decoder accepts; every decoder is linear in its input.
struct decode_options {
    std::size_t max_length = 1u << 20;    // bytes (API 3.0's POST limit for v1 signatures)
    std::size_t max_parameters = 4096;    // key=value pairs
    std::size_t max_list_entries = 1000;  // entries of fileList / streamList / msgHandle
    bool keep_unknown = false;            // keep unknown keys instead of rejecting them
    validation_options validation{};
};

/// Decoded key=value pairs, sorted by key, viewing an internal arena.
/// Reusable: parse() keeps the capacity of earlier calls.
class query_parameters {
public:
    /// Parses `input` (a query string, with or without '?', or a form body).
    /// Returns false and fills `diag` when it is malformed, too large or
    /// has a duplicate key.
    ///
    /// The grammar is Boost.URL's query grammar (RFC 3986 query characters,
    /// strict `%XX`), decoded with `+` as a space as PHP reads forms. It is
    /// hand-written here because the benchmark showed Boost.URL's validate,
    /// iterate and decode passes dominating server-side decoding; the tests
    /// and the percent-decoding fuzz target check it against Boost.URL.
    bool parse(std::string_view input, const decode_options& opts, diagnostics& diag) {
        params_.clear();
        spans_.clear();
        arena_.clear();
        if (input.size() > opts.max_length) {
            diag.add(errc::too_long, {}, "input exceeds the configured maximum length");
            return false;
        }
        if (!input.empty() && input.front() == '?') input.remove_prefix(1);
        if (input.empty()) return true;
        // Decoding never grows text: one buffer of the input's size holds it all.
        arena_.resize(input.size());
        char* const base = &arena_[0];
        char* out = base;
        const char* p = input.data();
        const char* const end = p + input.size();
        for (;;) {
            const char* pair_start = p;
            std::size_t key_at = static_cast<std::size_t>(out - base);
            errc problem = detail::decode_query_component(p, end, true, out);
            std::size_t value_at = static_cast<std::size_t>(out - base);
            if (problem == errc::ok && p != end && *p == '=') {
                ++p;
                problem = detail::decode_query_component(p, end, false, out);
            }
            if (problem != errc::ok) {
                std::string_view raw(pair_start, static_cast<std::size_t>(p - pair_start));
                diag.add(problem, field_path(raw.substr(0, raw.find('='))),
                         problem == errc::bad_percent_escape ? "has '%' not followed by two hex digits"
                                                             : "has a byte that must be percent-encoded");
                arena_.clear();
                spans_.clear();
                return false;
            }
            if (spans_.size() == opts.max_parameters) {
                diag.add(errc::too_many_parameters, {}, "more parameters than the configured maximum");
                arena_.clear();
                spans_.clear();
                return false;
            }
            if (value_at == key_at)  // only an empty raw key decodes to nothing
                diag.add(errc::invalid_key, {}, "empty parameter name");
            else
                spans_.push_back({key_at, value_at, static_cast<std::size_t>(out - base)});
            if (p == end) break;
            ++p;  // the '&'
        }
        arena_.resize(static_cast<std::size_t>(out - base));  // shrinking keeps the storage
        return finish(diag);
    }

    /// Takes already-decoded pairs (raw values, e.g. from a command line or
    /// another HTTP library's form parser) through the same checks.
    bool assign(const parameter* pairs, std::size_t count, const decode_options& opts, diagnostics& diag) {
        params_.clear();
        arena_.clear();
        if (count > opts.max_parameters) {
            diag.add(errc::too_many_parameters, {}, "more parameters than the configured maximum");
            return false;
        }
        std::size_t total = 0;
        for (std::size_t i = 0; i < count; ++i) total += pairs[i].key.size() + pairs[i].value.size();
        if (total > opts.max_length) {
            diag.add(errc::too_long, {}, "input exceeds the configured maximum length");
            return false;
        }
        arena_.reserve(total);
        spans_.clear();
        for (std::size_t i = 0; i < count; ++i) {
            if (pairs[i].key.empty()) {
                diag.add(errc::invalid_key, {}, "empty parameter name");
                continue;
            }
            std::size_t key_at = arena_.size();
            arena_.append(pairs[i].key.data(), pairs[i].key.size());
            std::size_t value_at = arena_.size();
            arena_.append(pairs[i].value.data(), pairs[i].value.size());
            spans_.push_back({key_at, value_at, arena_.size()});
        }
        return finish(diag);
    }

    const parameter* begin() const noexcept { return params_.data(); }
    const parameter* end() const noexcept { return params_.data() + params_.size(); }
    std::size_t size() const noexcept { return params_.size(); }

    /// Binary search (the parameters are sorted).
    std::optional<std::string_view> find(std::string_view key) const noexcept {
        std::size_t lo = 0, hi = params_.size();
        while (lo < hi) {
            std::size_t mid = lo + (hi - lo) / 2;
            if (params_[mid].key < key)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < params_.size() && params_[lo].key == key) return params_[lo].value;
        return std::nullopt;
    }

    /// Recomputes the signature over the received raw values, with the hash
    /// the request's SignatureMethod names, and compares in constant time.
    /// Returns errc::ok, errc::missing_signature or errc::signature_mismatch,
    /// or errc::invalid_signature_method when a one-hash signer
    /// (sha1_signer, sha256_signer) does not hold the method's hash.
    template <class Signer>
    errc verify(const Signer& s, const endpoint& where) const {
        auto received = find(detail::signature_key);
        if (!received) return errc::missing_signature;
        auto method_text = find(detail::signature_method_key);
        auto method = method_text ? signature_method_from_wire(*method_text) : signature_method::hmac_sha1;
        if (!s.supports(method)) return errc::invalid_signature_method;
        auto expected = sign_sorted(s, method, where, [this](auto&& f) {
            for (const auto& p : params_)
                if (p.key != detail::signature_key) f(p.key, p.value);
        });
        return signature_matches(expected, *received) ? errc::ok : errc::signature_mismatch;
    }

private:
    /// Views over the arena, sorted, duplicates reported.
    bool finish(diagnostics& diag) {
        params_.reserve(spans_.size());
        for (const auto& s : spans_)
            params_.push_back({std::string_view(arena_.data() + s.key, s.value - s.key),
                               std::string_view(arena_.data() + s.value, s.end - s.value)});
        // Clients that sign (tcvod among them) usually send keys sorted
        // already: then one comparison per neighbour both checks the order
        // and finds duplicates.
        bool sorted = true;
        for (std::size_t i = 1; i < params_.size() && sorted; ++i)
            sorted = params_[i - 1].key.compare(params_[i].key) < 0;
        if (!sorted) {
            sort_parameters(params_.data(), params_.data() + params_.size());
            for (std::size_t i = 1; i < params_.size(); ++i)
                if (params_[i].key == params_[i - 1].key)
                    diag.add(errc::duplicate_key, params_[i].key, "appears more than once");
        }
        return diag.empty();
    }

    struct span {
        std::size_t key, value, end;
    };

    std::string arena_;
    std::vector<span> spans_;
    std::vector<parameter> params_;
};

/// A decoded request with its common parameters and, when asked for, the
/// keys the action does not define.
template <class Request>
struct decoded_request {
    common_parameters common;
    Request request;
    std::string signature;
    std::vector<std::pair<std::string, std::string>> unknown;
};

namespace detail {

/// `<index>.<field>` after a list prefix: no leading zeros, bounded.
inline bool split_list_key(std::string_view rest, std::size_t max_entries, std::size_t& index, std::string_view& field,
                           errc& problem) noexcept {
    auto dot = rest.find('.');
    std::string_view digits = rest.substr(0, dot);
    problem = errc::bad_index;
    if (dot == std::string_view::npos || digits.empty() || digits.size() > 9) return false;
    if (digits.size() > 1 && digits[0] == '0') return false;
    std::size_t value = 0;
    for (char c : digits) {
        if (c < '0' || c > '9') return false;
        value = value * 10 + static_cast<std::size_t>(c - '0');
    }
    if (value >= max_entries) {
        problem = errc::too_many_entries;
        return false;
    }
    index = value;
    field = rest.substr(dot + 1);
    return true;
}

/// Empties a reused list entry in place, keeping its strings' storage, so
/// a server decoding similar requests stops allocating.
inline void clear_for_reuse(file_clip& c) noexcept {
    c.id.clear();
    c.start_time_offset.reset();
    c.end_time_offset.reset();
}
inline void clear_for_reuse(stream_clip& c) noexcept {
    c.stream_id.clear();
    c.start_time_stamp.reset();
    c.end_time_stamp.reset();
}
inline void clear_for_reuse(std::string& s) noexcept { s.clear(); }

/// Grows a list for `index` and remembers which entries were seen, so gaps
/// can be reported after all keys are read. An entry left from an earlier
/// decode into the same object is cleared on first use; finish_action trims
/// the list to the entries seen.
template <class T>
T& list_entry(std::vector<T>& list, std::vector<unsigned char>& seen, std::size_t index) {
    if (seen.size() <= index) seen.resize(index + 1, 0);
    if (list.size() <= index) list.resize(index + 1);
    if (!seen[index]) {
        clear_for_reuse(list[index]);
        seen[index] = 1;
    }
    return list[index];
}

/// Trims a reused list to the entries this request names. An entry it
/// skips (an index gap, reported as an error) must not keep the previous
/// request's values: a rejected request may still be logged.
template <class T>
void trim_to_seen(std::vector<T>& list, const std::vector<unsigned char>& seen) {
    list.resize(seen.size());
    for (std::size_t i = 0; i < seen.size(); ++i)
        if (!seen[i]) clear_for_reuse(list[i]);
}

inline void check_contiguous(const std::vector<unsigned char>& seen, std::string_view name, diagnostics& diag) {
    for (std::size_t i = 0; i < seen.size(); ++i)
        if (!seen[i]) {
            diag.add(errc::index_gap, field_path(name).append(".").append_index(i),
                     "is missing: list indices must be contiguous from 0");
            return;
        }
}

template <class Int>
bool read_int(std::string_view key, std::string_view text, Int& out, diagnostics& diag) {
    auto v = parse_int64(text);
    if (!v) {
        diag.add(errc::invalid_number, key, "must be a decimal integer");
        return false;
    }
    out = *v;
    return true;
}

inline bool read_offset(std::string_view key, std::string_view text, std::optional<time_offset>& out,
                        diagnostics& diag) {
    auto v = parse_offset(text);
    if (!v) {
        diag.add(errc::invalid_number, key, "must be a decimal number such as 10 or 10.5, at most 6 decimal places");
        return false;
    }
    out = *v;
    return true;
}

inline bool is_file_field(std::string_view f) noexcept {
    return f == "id" || f == "startTimeOffset" || f == "endTimeOffset";
}
inline bool is_stream_field(std::string_view f) noexcept {
    return f == "streamId" || f == "startTimeStamp" || f == "endTimeStamp";
}

inline bool read_file_field(file_clip& clip, std::string_view field, std::string_view key, std::string_view value,
                            diagnostics& diag) {
    if (field == "id")
        clip.id.assign(value.data(), value.size());
    else if (field == "startTimeOffset")
        read_offset(key, value, clip.start_time_offset, diag);
    else if (field == "endTimeOffset")
        read_offset(key, value, clip.end_time_offset, diag);
    else
        return false;
    return true;
}

inline bool read_stream_field(stream_clip& clip, std::string_view field, std::string_view key, std::string_view value,
                              diagnostics& diag) {
    if (field == "streamId") {
        clip.stream_id.assign(value.data(), value.size());
    } else if (field == "startTimeStamp") {
        std::int64_t v = 0;
        if (read_int(key, value, v, diag)) clip.start_time_stamp = v;
    } else if (field == "endTimeStamp") {
        std::int64_t v = 0;
        if (read_int(key, value, v, diag)) clip.end_time_stamp = v;
    } else {
        return false;
    }
    return true;
}

/// Per-request scratch of the action decoder (list presence).
struct run_procedure_decode_state {
    std::vector<unsigned char> file_list_seen, stream_list_seen;
    bool has_input_type = false;
};

}  // namespace detail

/// RunProcedure's action keys. Returns false when `key` is not one of them.
inline bool decode_action_parameter(run_procedure_request& r, detail::run_procedure_decode_state& state,
                                    std::string_view key, std::string_view value, const decode_options& opts,
                                    diagnostics& diag) {
    auto dot = key.find('.');
    std::string_view head = key.substr(0, dot);
    std::string_view rest = dot == std::string_view::npos ? std::string_view() : key.substr(dot + 1);
    if (dot == std::string_view::npos) {
        if (key == "inputType") {
            state.has_input_type = true;
            if (auto t = input_type_from_wire(value))
                r.type = *t;
            else
                diag.add(errc::invalid_value, key, "must be SingleFile, MultiFile, Stream, MultiStream or PullFile");
        } else if (key == "procedure") {
            r.procedure.assign(value.data(), value.size());
        } else if (key == "notifyMode") {
            if (auto m = notify_mode_from_wire(value))
                r.notify = *m;
            else
                diag.add(errc::invalid_value, key, "must be Finish, Change or None");
        } else if (key == "priority") {
            std::int64_t v = 0;
            if (detail::read_int(key, value, v, diag)) r.priority = v;
        } else {
            return false;
        }
        return true;
    }
    if (head == "file") {
        if (!detail::is_file_field(rest)) return false;
        return detail::read_file_field(r.file ? *r.file : r.file.emplace(), rest, key, value, diag);
    }
    if (head == "stream") {
        if (!detail::is_stream_field(rest)) return false;
        return detail::read_stream_field(r.stream ? *r.stream : r.stream.emplace(), rest, key, value, diag);
    }
    if (head == "pull") {
        bool known = rest == "url" || rest == "fileName" || rest == "fileMd5" || rest == "classId";
        if (!known) return false;
        pull_source& p = r.pull ? *r.pull : r.pull.emplace();
        if (rest == "url") {
            p.url.assign(value.data(), value.size());
        } else if (rest == "fileName") {
            p.file_name.assign(value.data(), value.size());
        } else if (rest == "fileMd5") {
            p.file_md5 = std::string(value);
        } else {
            std::int64_t v = 0;
            if (detail::read_int(key, value, v, diag)) p.class_id = v;
        }
        return true;
    }
    if (head == "fileList" || head == "streamList") {
        std::size_t index = 0;
        std::string_view field;
        errc problem = errc::ok;
        if (!detail::split_list_key(rest, opts.max_list_entries, index, field, problem)) {
            diag.add(problem, key,
                     problem == errc::too_many_entries ? "index exceeds the configured list maximum"
                                                       : "needs a decimal index without leading zeros");
            return true;
        }
        if (head == "fileList") {
            if (!detail::is_file_field(field)) return false;
            auto& clip = detail::list_entry(r.file_list, state.file_list_seen, index);
            return detail::read_file_field(clip, field, key, value, diag);
        }
        if (!detail::is_stream_field(field)) return false;
        auto& clip = detail::list_entry(r.stream_list, state.stream_list_seen, index);
        return detail::read_stream_field(clip, field, key, value, diag);
    }
    return false;
}

/// After all keys: what only the whole request can tell.
inline void finish_action(run_procedure_request& r, detail::run_procedure_decode_state& state, diagnostics& diag) {
    if (!state.has_input_type) diag.add(errc::missing_field, "inputType", "is required");
    detail::trim_to_seen(r.file_list, state.file_list_seen);
    detail::trim_to_seen(r.stream_list, state.stream_list_seen);
    detail::check_contiguous(state.file_list_seen, "fileList", diag);
    detail::check_contiguous(state.stream_list_seen, "streamList", diag);
}

inline detail::run_procedure_decode_state make_decode_state(const run_procedure_request&) { return {}; }

/// Empties a request before decoding into it. The lists keep their entries
/// (list_entry clears each on first use, finish_action trims), so decoding
/// similar requests into one object reuses its storage.
inline void reset_for_decode(run_procedure_request& r) {
    r.type = input_type::single_file;
    r.file.reset();
    r.stream.reset();
    r.pull.reset();
    r.procedure.clear();
    r.notify.reset();
    r.priority.reset();
}

/// Any other request type starts from scratch.
template <class Request>
void reset_for_decode(Request& r) {
    r = Request{};
}

/// Reads a common parameter. Returns false when `key` is not one.
inline bool decode_common_parameter(common_parameters& c, std::string_view key, std::string_view value,
                                    diagnostics& diag) {
    if (key == "Region") {
        c.region.assign(value.data(), value.size());
    } else if (key == "Timestamp") {
        detail::read_int(key, value, c.timestamp, diag);
    } else if (key == "Nonce") {
        detail::read_int(key, value, c.nonce, diag);
    } else if (key == "SecretId") {
        c.secret_id.assign(value.data(), value.size());
    } else if (key == "SignatureMethod") {
        if (value == "HmacSHA256")
            c.method = signature_method::hmac_sha256;
        else if (value == "HmacSHA1")
            c.method = signature_method::hmac_sha1;
        else
            diag.add(errc::invalid_signature_method, key, "must be HmacSHA1 or HmacSHA256");
    } else if (key == "Token") {
        c.token = std::string(value);
    } else if (key == "SubAppId") {
        std::int64_t v = 0;
        if (detail::read_int(key, value, v, diag)) c.sub_app_id = v;
    } else {
        return false;
    }
    return true;
}

/// Parsed parameters -> typed request, validated. Returns false (with every
/// problem in `diag`) when the request is not acceptable. The signature is
/// not checked here: see query_parameters::verify.
template <class Request>
bool decode_request(const query_parameters& params, decoded_request<Request>& out, const decode_options& opts,
                    diagnostics& diag) {
    out.common.region.clear();
    out.common.secret_id.clear();
    out.common.timestamp = out.common.nonce = 0;
    out.common.method.reset();
    out.common.token.reset();
    out.common.sub_app_id.reset();
    out.signature.clear();
    out.unknown.clear();
    reset_for_decode(out.request);
    auto state = make_decode_state(out.request);
    bool has_action = false, has_timestamp = false, has_nonce = false;
    for (const parameter& p : params) {
        // Action parameters start with a lower-case letter, common ones upper-case.
        bool lower = !p.key.empty() && p.key[0] >= 'a' && p.key[0] <= 'z';
        if (lower && p.key.find('_') == std::string_view::npos &&
            decode_action_parameter(out.request, state, p.key, p.value, opts, diag))
            continue;
        if (p.key == "Action") {
            has_action = true;
            if (p.value != Request::action) diag.add(errc::unknown_action, "Action", "names a different action");
            continue;
        }
        if (p.key == "Signature") {
            out.signature.assign(p.value.data(), p.value.size());
            continue;
        }
        has_timestamp |= p.key == "Timestamp";
        has_nonce |= p.key == "Nonce";
        if (!lower && decode_common_parameter(out.common, p.key, p.value, diag)) continue;
        if (p.key.find('_') != std::string_view::npos) {
            // The PHP server turns '.' into '_' and back, so no key survives with '_'.
            diag.add(errc::invalid_key, p.key, "contains '_', which the server rewrites to '.'");
            continue;
        }
        if (opts.keep_unknown)
            out.unknown.emplace_back(std::string(p.key), std::string(p.value));
        else
            diag.add(errc::unknown_key, p.key, "is not a parameter of this action");
    }
    if (!has_action) diag.add(errc::missing_field, "Action", "is required");
    if (!has_timestamp) diag.add(errc::missing_field, "Timestamp", "is required");
    if (!has_nonce) diag.add(errc::missing_field, "Nonce", "is required");
    finish_action(out.request, state, diag);
    // Validate even after decoding problems, so the caller sees them all,
    // but report each field once (a missing Nonce is not also "not positive").
    diagnostics semantic;
    validate(out.common, out.request, opts.validation, semantic);
    for (const auto& e : semantic) {
        bool seen = false;
        for (const auto& d : diag) seen |= d.path == e.path;
        if (!seen) diag.add(e.code, e.path, e.reason);
    }
    return diag.empty();
}

}  // namespace v1
}  // namespace tcvod

#endif  // TCVOD_QUERY_DECODE_HPP
