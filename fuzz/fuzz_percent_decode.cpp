// Percent-decoding of query strings and form bodies, differentially: the
// library (query_parameters::parse) against a plain reference written from
// RFC 3986 and the form rules ('+' is a space), pair by pair and error by
// error; the reference's grammar and decoding against Boost.URL's
// parse_query. Then the other direction: any bytes, percent-encoded by
// tcvod, decode back exactly.
#include "tcvod/percent.hpp"
#include "tcvod/query_decode.hpp"

#include <boost/url/encoding_opts.hpp>
#include <boost/url/grammar/string_token.hpp>
#include <boost/url/parse_query.hpp>

#include "fuzz_check.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return c - 'A' + 10;
}

// RFC 3986 query = *( pchar / "/" / "?" ), pchar = unreserved / pct-encoded
// / sub-delims / ":" / "@".
bool allowed_in_query(unsigned char c) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
    return std::string_view("-._~!$&'()*+,;=:@/?").find(static_cast<char>(c)) != std::string_view::npos;
}

std::string form_decode(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%') {
            out.push_back(static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2])));
            i += 2;
        } else {
            out.push_back(text[i] == '+' ? ' ' : text[i]);
        }
    }
    return out;
}

struct expected_outcome {
    bool ok = true;
    std::vector<std::pair<tcvod::errc, std::string>> errors;  // code, path
    std::vector<std::pair<std::string, std::string>> pairs;   // sorted by key
};

std::string as_path(std::string_view text) { return std::string(tcvod::field_path(text).view()); }

// The first byte of `text` that the query grammar refuses, as an error
// code; errc::ok when there is none.
tcvod::errc first_grammar_error(std::string_view text, std::size_t& at) {
    for (at = 0; at < text.size(); ++at) {
        if (text[at] == '%') {
            if (at + 2 >= text.size() || !is_hex(text[at + 1]) || !is_hex(text[at + 2]))
                return tcvod::errc::bad_percent_escape;
            at += 2;
        } else if (!allowed_in_query(static_cast<unsigned char>(text[at]))) {
            return tcvod::errc::invalid_character;
        }
    }
    return tcvod::errc::ok;
}

// The documented behaviour, pair by pair from the left: a pair with a byte
// the grammar refuses stops parsing with that error, named by the pair's
// raw key; any pair after max_parameters parameters stops parsing; an
// empty key is an error (and not a parameter); then decoded keys must be
// unique.
expected_outcome reference_parse(std::string_view input, const tcvod::decode_options& opts) {
    expected_outcome r;
    // Diagnostics keep the first `capacity` errors and drop the rest.
    auto fail = [&](tcvod::errc code, std::string_view path) {
        r.ok = false;
        r.errors.emplace_back(code, as_path(path));
        if (r.errors.size() > tcvod::diagnostics::capacity) r.errors.resize(tcvod::diagnostics::capacity);
        r.pairs.clear();
        return r;
    };
    if (input.size() > opts.max_length) return fail(tcvod::errc::too_long, {});
    if (!input.empty() && input.front() == '?') input.remove_prefix(1);
    if (input.empty()) return r;

    for (std::size_t start = 0;;) {
        std::size_t amp = input.find('&', start);
        std::string_view pair = input.substr(start, amp - start);
        std::size_t eq = pair.find('=');
        std::string_view key = pair.substr(0, eq);
        std::size_t bad_at = 0;
        tcvod::errc problem = first_grammar_error(pair, bad_at);
        if (problem != tcvod::errc::ok) {
            std::string_view raw = pair.substr(0, bad_at);
            return fail(problem, raw.substr(0, raw.find('=')));
        }
        if (r.pairs.size() == opts.max_parameters) return fail(tcvod::errc::too_many_parameters, {});
        if (key.empty()) {
            r.ok = false;
            r.errors.emplace_back(tcvod::errc::invalid_key, "");
        } else {
            std::string value = eq == std::string_view::npos ? std::string() : form_decode(pair.substr(eq + 1));
            r.pairs.emplace_back(form_decode(key), std::move(value));
        }
        if (amp == std::string_view::npos) break;
        start = amp + 1;
    }
    std::stable_sort(r.pairs.begin(), r.pairs.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t i = 1; i < r.pairs.size(); ++i)
        if (r.pairs[i].first == r.pairs[i - 1].first) {
            r.ok = false;
            r.errors.emplace_back(tcvod::errc::duplicate_key, as_path(r.pairs[i].first));
        }
    if (r.errors.size() > tcvod::diagnostics::capacity) r.errors.resize(tcvod::diagnostics::capacity);
    return r;
}

// The grammar against Boost.URL's own parser (on a NUL-terminated copy:
// Boost 1.81's parse_query reads its input with strlen), and the decoded
// pairs of an accepted query against Boost's decoding.
void check_grammar_against_boost(std::string_view input) {
    if (!input.empty() && input.front() == '?') input.remove_prefix(1);
    std::string terminated(input);
    auto parsed = boost::urls::parse_query(boost::urls::string_view(terminated.data(), terminated.size()));
    std::size_t at = 0;
    FUZZ_CHECK(parsed.has_value() == (first_grammar_error(input, at) == tcvod::errc::ok));
    if (!parsed || input.empty()) return;
    boost::urls::encoding_opts form;
    form.space_as_plus = true;
    std::size_t start = 0;
    for (auto p : *parsed) {
        std::size_t amp = input.find('&', start);
        std::string_view pair = input.substr(start, amp - start);
        std::size_t eq = pair.find('=');
        std::string key, value;
        p.key.decode(form, boost::urls::string_token::assign_to(key));
        FUZZ_CHECK(key == form_decode(pair.substr(0, eq)));
        FUZZ_CHECK(p.has_value == (eq != std::string_view::npos));
        if (p.has_value) {
            p.value.decode(form, boost::urls::string_token::assign_to(value));
            FUZZ_CHECK(value == form_decode(pair.substr(eq + 1)));
        }
        start = amp == std::string_view::npos ? input.size() + 1 : amp + 1;
    }
}

void check_against_reference(std::string_view input, const tcvod::decode_options& opts) {
    tcvod::query_parameters params;
    tcvod::diagnostics diag;
    bool ok = params.parse(input, opts, diag);
    expected_outcome expected = reference_parse(input, opts);
    FUZZ_CHECK(ok == expected.ok);
    FUZZ_CHECK(diag.size() == expected.errors.size());
    for (std::size_t i = 0; i < diag.size(); ++i) {
        FUZZ_CHECK(diag[i].code == expected.errors[i].first);
        FUZZ_CHECK(diag[i].path.view() == expected.errors[i].second);
    }
    if (!ok) return;
    FUZZ_CHECK(params.size() == expected.pairs.size());
    std::size_t i = 0;
    for (const auto& p : params) {
        FUZZ_CHECK(p.key == expected.pairs[i].first);
        // Equal keys sort in either order only in refused inputs, so values line up.
        FUZZ_CHECK(p.value == expected.pairs[i].second);
        ++i;
    }
}

void check_encode_decodes_back(std::string_view bytes) {
    std::string encoded;
    tcvod::percent_encode_append(bytes, encoded);
    FUZZ_CHECK(encoded.size() == tcvod::percent_encoded_size(bytes));
    for (char c : encoded)
        FUZZ_CHECK(tcvod::is_unreserved(static_cast<unsigned char>(c)) || c == '%' || (c >= '0' && c <= '9') ||
                   (c >= 'A' && c <= 'F'));
    std::string query = "k" + encoded + "=" + encoded;
    tcvod::query_parameters params;
    tcvod::diagnostics diag;
    FUZZ_CHECK(params.parse(query, {}, diag));
    FUZZ_CHECK(params.size() == 1);
    FUZZ_CHECK(params.begin()->key == "k" + std::string(bytes));
    FUZZ_CHECK(params.begin()->value == bytes);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    check_against_reference(input, {});
    // Tight limits too, so the limit paths are compared as well.
    tcvod::decode_options tight;
    tight.max_length = 64;
    tight.max_parameters = 4;
    check_against_reference(input, tight);
    check_grammar_against_boost(input);
    check_encode_decodes_back(input);
    return 0;
}
