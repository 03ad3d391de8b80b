// Percent-decoding of query strings and form bodies, differentially: the
// library (Boost.URL's strict decoder behind query_parameters::parse)
// against a plain reference written from RFC 3986 and the form rules
// ('+' is a space), pair by pair and error by error. Then the other
// direction: any bytes, percent-encoded by tcvod, decode back exactly.
#include "tcvod/percent.hpp"
#include "tcvod/query_decode.hpp"

#include "fuzz_check.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

bool is_hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

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

expected_outcome reference_parse(std::string_view input, const tcvod::decode_options& opts) {
    expected_outcome r;
    auto fail = [&](tcvod::errc code, std::string_view path) {
        r.ok = false;
        r.errors.emplace_back(code, as_path(path));
        return r;
    };
    if (input.size() > opts.max_length) return fail(tcvod::errc::too_long, {});
    if (!input.empty() && input.front() == '?') input.remove_prefix(1);
    if (input.empty()) return r;

    // The first offending byte, named by the (raw) key of its pair.
    std::size_t pair_start = 0;
    auto key_before = [&](std::size_t i) {
        std::string_view pair = input.substr(pair_start, i - pair_start);
        return pair.substr(0, pair.find('='));
    };
    for (std::size_t i = 0; i < input.size(); ++i) {
        if (input[i] == '&') {
            pair_start = i + 1;
        } else if (input[i] == '%') {
            if (i + 2 >= input.size() || !is_hex(input[i + 1]) || !is_hex(input[i + 2]))
                return fail(tcvod::errc::bad_percent_escape, key_before(i));
            i += 2;
        } else if (!allowed_in_query(static_cast<unsigned char>(input[i]))) {
            return fail(tcvod::errc::invalid_character, key_before(i));
        }
    }

    std::vector<std::string_view> raw_pairs;
    for (std::size_t start = 0;;) {
        std::size_t amp = input.find('&', start);
        raw_pairs.push_back(input.substr(start, amp - start));
        if (amp == std::string_view::npos) break;
        start = amp + 1;
    }
    if (raw_pairs.size() > opts.max_parameters) return fail(tcvod::errc::too_many_parameters, {});
    for (std::string_view pair : raw_pairs) {
        std::size_t eq = pair.find('=');
        std::string_view key = pair.substr(0, eq);
        if (key.empty()) {
            r.ok = false;
            r.errors.emplace_back(tcvod::errc::invalid_key, "");
            continue;
        }
        std::string value = eq == std::string_view::npos ? std::string() : form_decode(pair.substr(eq + 1));
        r.pairs.emplace_back(form_decode(key), std::move(value));
    }
    std::stable_sort(r.pairs.begin(), r.pairs.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t i = 1; i < r.pairs.size(); ++i)
        if (r.pairs[i].first == r.pairs[i - 1].first) {
            r.ok = false;
            r.errors.emplace_back(tcvod::errc::duplicate_key, as_path(r.pairs[i].first));
        }
    if (r.errors.size() > tcvod::diagnostics::capacity) r.errors.resize(tcvod::diagnostics::capacity);
    return r;
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
    for (char c : encoded) FUZZ_CHECK(tcvod::is_unreserved(static_cast<unsigned char>(c)) || c == '%' ||
                                     (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'));
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
    check_encode_decodes_back(input);
    return 0;
}
