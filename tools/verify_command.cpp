// tcvod verify: a received query or body -> signature check (constant time)
// -> typed, validated request as one line of JSON.
#include "cli.hpp"
#include "event_request_json.hpp"
#include "request_json.hpp"

#include "tcvod/event_requests.hpp"
#include "tcvod/query_decode.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace tcvod_cli {
namespace {

/// Verified parameters -> typed, validated Request as one line of JSON.
template <class Request>
int print_decoded(const tcvod::query_parameters& parsed, const tcvod::decode_options& opts, tcvod::diagnostics& diag) {
    tcvod::decoded_request<Request> decoded;
    if (!tcvod::decode_request(parsed, decoded, opts, diag)) {
        print_diagnostics(diag);
        return exit_invalid;
    }
    std::printf("%s\n", to_json(decoded.common, decoded.request).c_str());
    return exit_ok;
}

}  // namespace

int run_verify(const verify_flags& f) {
    tcvod::decode_options opts;
    opts.validation.lenient = f.lenient;
    const char* secret_key = std::getenv(secret_key_variable);
    if (!secret_key || !*secret_key) return usage_error(std::string(secret_key_variable) + " is not set");

    std::string input = read_stdin();
    std::string_view query = input;
    // A whole GET URL is fine too: only its query matters.
    if (query.rfind("https://", 0) == 0 || query.rfind("http://", 0) == 0) {
        auto q = query.find('?');
        query = q == std::string_view::npos ? std::string_view() : query.substr(q + 1);
    }

    tcvod::diagnostics diag;
    tcvod::query_parameters parsed;
    if (!parsed.parse(query, opts, diag)) {
        print_diagnostics(diag);
        return exit_invalid;
    }
    tcvod::signer signer(secret_key);
    auto verdict = parsed.verify(signer, {f.where.method, f.where.host, f.where.path});
    if (verdict == tcvod::errc::missing_signature) {
        std::fprintf(stderr, "Signature: is missing\n");
        return exit_rejected;
    }
    if (verdict != tcvod::errc::ok) {
        std::fprintf(stderr, "Signature: does not match\n");
        return exit_rejected;
    }

    auto action = parsed.find("Action");
    if (!action) {
        std::fprintf(stderr, "Action: is required\n");
        return exit_invalid;
    }
    if (*action == tcvod::run_procedure_request::action)
        return print_decoded<tcvod::run_procedure_request>(parsed, opts, diag);
    if (*action == tcvod::pull_event_request::action)
        return print_decoded<tcvod::pull_event_request>(parsed, opts, diag);
    if (*action == tcvod::confirm_event_request::action)
        return print_decoded<tcvod::confirm_event_request>(parsed, opts, diag);
    std::fprintf(stderr, "Action: is not an action this tool decodes\n");
    return exit_invalid;
}

}  // namespace tcvod_cli
