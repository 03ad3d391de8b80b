// tcvod sign: NAME=VALUE pairs -> typed request (through the same decoder a
// server uses) -> validated, signed, encoded request.
#include "cli.hpp"

#include "tcvod/encode.hpp"
#include "tcvod/event_requests.hpp"
#include "tcvod/query_decode.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace tcvod_cli {
namespace {

// Common parameters come from flags, so that the tool, not the caller,
// decides what is signed; only SubAppId and Token are taken as pairs.
const char* flag_for_common_parameter(std::string_view name) {
    if (name == "Region") return "--region";
    if (name == "SecretId") return "--secret-id";
    if (name == "Timestamp") return "--timestamp";
    if (name == "Nonce") return "--nonce";
    if (name == "SignatureMethod") return "--signature-method";
    if (name == "Action") return "--action";
    if (name == "Signature") return "nothing: the tool computes it";
    return nullptr;
}

/// The pairs -> typed Request (the decoder a server uses) -> validated,
/// signed, encoded request on stdout.
template <class Request>
int sign_as(const sign_flags& f, const std::vector<tcvod::parameter>& params, const char* secret_key) {
    tcvod::decode_options opts;
    opts.validation.lenient = f.lenient;
    tcvod::diagnostics diag;
    tcvod::query_parameters parsed;
    tcvod::decoded_request<Request> decoded;
    if (!parsed.assign(params.data(), params.size(), opts, diag) ||
        !tcvod::decode_request(parsed, decoded, opts, diag)) {
        print_diagnostics(diag);
        return exit_invalid;
    }

    tcvod::signer signer(secret_key);
    tcvod::encode_options encode_opts;
    encode_opts.where = {f.where.method, f.where.host, f.where.path};
    encode_opts.form = f.form;
    encode_opts.validation = opts.validation;
    std::string out;
    auto signature = tcvod::encode(decoded.request, decoded.common, signer, encode_opts, out, diag);
    if (!signature) {
        print_diagnostics(diag);
        return exit_invalid;
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    std::fputc('\n', stdout);
    return exit_ok;
}

}  // namespace

int run_sign(const sign_flags& f) {
    std::vector<tcvod::parameter> params = {
        {"Action", f.action},       {"Region", f.region}, {"SecretId", f.secret_id},
        {"Timestamp", f.timestamp}, {"Nonce", f.nonce},
    };
    if (f.signature_method) params.push_back({"SignatureMethod", *f.signature_method});
    for (std::string_view pair : f.pairs) {
        auto eq = pair.find('=');
        if (eq == std::string_view::npos || eq == 0)
            return usage_error("expected NAME=VALUE, got '" + std::string(pair.substr(0, 40)) + "'");
        std::string_view name = pair.substr(0, eq);
        if (const char* flag = flag_for_common_parameter(name))
            return usage_error(std::string(name) + " is set with " + flag);
        params.push_back({name, pair.substr(eq + 1)});
    }
    const char* secret_key = std::getenv(secret_key_variable);
    if (!secret_key || !*secret_key) return usage_error(std::string(secret_key_variable) + " is not set");

    if (f.action == tcvod::pull_event_request::action) return sign_as<tcvod::pull_event_request>(f, params, secret_key);
    if (f.action == tcvod::confirm_event_request::action)
        return sign_as<tcvod::confirm_event_request>(f, params, secret_key);
    return sign_as<tcvod::run_procedure_request>(f, params, secret_key);
}

}  // namespace tcvod_cli
