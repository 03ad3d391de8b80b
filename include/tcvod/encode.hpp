// Typed request -> validated, signed, percent-encoded GET URL, query
// string, POST body or string to sign, in the caller's buffer.
// Needs Boost.URL (through validate.hpp).
#ifndef TCVOD_ENCODE_HPP
#define TCVOD_ENCODE_HPP

#include "tcvod/error.hpp"
#include "tcvod/flatten.hpp"
#include "tcvod/query_encode.hpp"
#include "tcvod/validate.hpp"

#include <optional>

namespace tcvod {
inline namespace v1 {

struct encode_options {
    endpoint where{};                   // method, host, path
    std::optional<output_form> form{};  // default: URL for GET, body for POST
    validation_options validation{};
};

/// Validates, signs and writes `request` into `out` (its contents are
/// replaced; its capacity is reused). Reports every validation problem in
/// `diag` and writes nothing when there is one.
template <class Request, class String>
result<signature_text> encode(const Request& request, const common_parameters& common, const signer& s,
                              const encode_options& opts, String& out, diagnostics& diag) {
    diag.clear();
    validate(common, request, opts.validation, diag);
    if (!diag.empty()) return diag.first();
    auto visit = [&](auto&& f) { visit_parameters(common, request, f); };
    return encode_sorted(s, common.effective_method(), opts.where, opts.form.value_or(default_form(opts.where.method)),
                         visit, out);
}

/// The same, reporting only the first problem.
template <class Request, class String>
result<signature_text> encode(const Request& request, const common_parameters& common, const signer& s,
                              const encode_options& opts, String& out) {
    diagnostics diag;
    return encode(request, common, s, opts, out, diag);
}

/// Into a fixed buffer: returns the size the output needs (nothing is
/// written when it exceeds `capacity`), or the first validation problem.
template <class Request>
result<std::size_t> encode_to(const Request& request, const common_parameters& common, const signer& s,
                              const encode_options& opts, char* buffer, std::size_t capacity) {
    diagnostics diag;
    validate(common, request, opts.validation, diag);
    if (!diag.empty()) return diag.first();
    auto visit = [&](auto&& f) { visit_parameters(common, request, f); };
    return encode_sorted_to(s, common.effective_method(), opts.where,
                            opts.form.value_or(default_form(opts.where.method)), visit, buffer, capacity);
}

}  // namespace v1
}  // namespace tcvod

#endif  // TCVOD_ENCODE_HPP
