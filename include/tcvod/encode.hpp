// Typed request -> validated, signed, percent-encoded GET URL, query
// string, POST body or string to sign, in the caller's buffer. Owning and
// view requests alike. Standard library only.
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

namespace detail {

/// Validation, plus what only the encoder knows: whether the signer holds
/// the hash that SignatureMethod names.
template <class Storage, class Request, class Signer, std::size_t Capacity>
void check_encodable(const Request& request, const basic_common_parameters<Storage>& common, const Signer& s,
                     const encode_options& opts, basic_diagnostics<Capacity>& diag) {
    validate(common, request, opts.validation, diag);
    if (!s.supports(common.effective_method()))
        diag.add(errc::invalid_signature_method, "SignatureMethod", "names a hash this signer does not hold");
}

}  // namespace detail

/// Validates, signs and writes `request` into `out` (its contents are
/// replaced; its capacity is reused). Reports every validation problem in
/// `diag` and writes nothing when there is one.
template <class Request, class Storage, class Signer, class String, std::size_t Capacity>
result<signature_text> encode(const Request& request, const basic_common_parameters<Storage>& common, const Signer& s,
                              const encode_options& opts, String& out, basic_diagnostics<Capacity>& diag) {
    diag.clear();
    detail::check_encodable(request, common, s, opts, diag);
    if (!diag.empty()) return diag.first();
    auto visit = [&](auto&& f) { visit_parameters(common, request, f); };
    return encode_sorted(s, common.effective_method(), opts.where, opts.form.value_or(default_form(opts.where.method)),
                         visit, out);
}

/// The same, reporting only the first problem.
template <class Request, class Storage, class Signer, class String>
result<signature_text> encode(const Request& request, const basic_common_parameters<Storage>& common, const Signer& s,
                              const encode_options& opts, String& out) {
    basic_diagnostics<1> diag;
    return encode(request, common, s, opts, out, diag);
}

/// Into a fixed buffer: returns the size the output needs (nothing is
/// written when it exceeds `capacity`), or the first validation problem.
/// With a view request (run_procedure_request_view, common_parameters_view)
/// nothing touches the heap.
template <class Request, class Storage, class Signer>
result<std::size_t> encode_to(const Request& request, const basic_common_parameters<Storage>& common, const Signer& s,
                              const encode_options& opts, char* buffer, std::size_t capacity) {
    basic_diagnostics<1> diag;  // the first problem only: 3.4 KB less stack than diagnostics
    detail::check_encodable(request, common, s, opts, diag);
    if (!diag.empty()) return diag.first();
    auto visit = [&](auto&& f) { visit_parameters(common, request, f); };
    return encode_sorted_to(s, common.effective_method(), opts.where,
                            opts.form.value_or(default_form(opts.where.method)), visit, buffer, capacity);
}

}  // namespace v1
}  // namespace tcvod

#endif  // TCVOD_ENCODE_HPP
