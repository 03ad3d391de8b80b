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
#include <vector>

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

int run_verify(const std::vector<std::string>& args) {
    endpoint_flags where;
    tcvod::decode_options opts;
    for (std::size_t i = 0; i < args.size();) {
        if (args[i] == "--lenient") {
            opts.validation.lenient = true;
            ++i;
            continue;
        }
        std::string name, value, error;
        if (args[i].rfind("--", 0) != 0) return usage_error("unexpected argument '" + args[i].substr(0, 40) + "'");
        std::string bare = args[i].substr(0, args[i].find('='));
        if (bare != "--method" && bare != "--host" && bare != "--path") return usage_error("unknown flag " + bare);
        if (!flag_value(args, i, name, value)) return usage_error("missing value for " + name);
        take_endpoint_flag(name, value, where, error);
        if (!error.empty()) return usage_error(error);
    }
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
    auto verdict = parsed.verify(signer, {where.method, where.host, where.path});
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
    if (*action == tcvod::pull_event_request::action) return print_decoded<tcvod::pull_event_request>(parsed, opts, diag);
    if (*action == tcvod::confirm_event_request::action)
        return print_decoded<tcvod::confirm_event_request>(parsed, opts, diag);
    std::fprintf(stderr, "Action: is not an action this tool decodes\n");
    return exit_invalid;
}

}  // namespace tcvod_cli
