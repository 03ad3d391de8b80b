// tcvod sign: NAME=VALUE pairs -> typed request (through the same decoder a
// server uses) -> validated, signed, encoded request.
#include "cli.hpp"

#include "tcvod/encode.hpp"
#include "tcvod/event_requests.hpp"
#include "tcvod/query_decode.hpp"

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

namespace tcvod_cli {
namespace {

struct sign_flags {
    endpoint_flags where;
    std::string region, secret_id, timestamp, nonce;
    bool has_region = false, has_secret_id = false, has_timestamp = false, has_nonce = false;
    std::optional<std::string> signature_method;
    std::optional<tcvod::output_form> form;
    std::string action{tcvod::run_procedure_request::action};
    bool lenient = false;
    std::vector<std::pair<std::string, std::string>> pairs;
};

// Common parameters come from flags, so that the tool, not the caller,
// decides what is signed; only SubAppId and Token are taken as pairs.
const char* flag_for_common_parameter(const std::string& name) {
    if (name == "Region") return "--region";
    if (name == "SecretId") return "--secret-id";
    if (name == "Timestamp") return "--timestamp";
    if (name == "Nonce") return "--nonce";
    if (name == "SignatureMethod") return "--signature-method";
    if (name == "Action") return "--action";
    if (name == "Signature") return "nothing: the tool computes it";
    return nullptr;
}

int parse_flags(const std::vector<std::string>& args, sign_flags& f) {
    for (std::size_t i = 0; i < args.size();) {
        const std::string& arg = args[i];
        if (arg == "--lenient") {
            f.lenient = true;
            ++i;
            continue;
        }
        if (arg.rfind("--", 0) == 0) {
            static const char* const known[] = {"--method", "--host", "--path", "--region", "--secret-id",
                                                "--timestamp", "--nonce", "--signature-method", "--print",
                                                "--action"};
            std::string bare = arg.substr(0, arg.find('='));
            if (std::find(std::begin(known), std::end(known), bare) == std::end(known))
                return usage_error("unknown flag " + bare);
            std::string name, value, error;
            if (!flag_value(args, i, name, value)) return usage_error("missing value for " + name);
            if (take_endpoint_flag(name, value, f.where, error)) {
                if (!error.empty()) return usage_error(error);
            } else if (name == "--region") {
                f.region = value, f.has_region = true;
            } else if (name == "--secret-id") {
                f.secret_id = value, f.has_secret_id = true;
            } else if (name == "--timestamp") {
                f.timestamp = value, f.has_timestamp = true;
            } else if (name == "--nonce") {
                f.nonce = value, f.has_nonce = true;
            } else if (name == "--signature-method") {
                if (value != "HmacSHA1" && value != "HmacSHA256")
                    return usage_error("--signature-method must be HmacSHA1 or HmacSHA256");
                f.signature_method = value;
            } else if (name == "--action") {
                if (value != tcvod::run_procedure_request::action && value != tcvod::pull_event_request::action &&
                    value != tcvod::confirm_event_request::action)
                    return usage_error("--action must be RunProcedure, PullEvent or ConfirmEvent");
                f.action = value;
            } else if (name == "--print") {
                if (value == "url") f.form = tcvod::output_form::url;
                else if (value == "query") f.form = tcvod::output_form::query;
                else if (value == "body") f.form = tcvod::output_form::body;
                else if (value == "string-to-sign") f.form = tcvod::output_form::string_to_sign;
                else return usage_error("--print must be url, query, body or string-to-sign");
            } else {
                return usage_error("unknown flag " + name);
            }
            continue;
        }
        auto eq = arg.find('=');
        if (eq == std::string::npos || eq == 0) return usage_error("expected NAME=VALUE, got '" + arg.substr(0, 40) + "'");
        std::string name = arg.substr(0, eq);
        if (const char* flag = flag_for_common_parameter(name))
            return usage_error(name + " is set with " + flag);
        f.pairs.emplace_back(std::move(name), arg.substr(eq + 1));
        ++i;
    }
    if (!f.has_region) return usage_error("--region is required");
    if (!f.has_secret_id) return usage_error("--secret-id is required");
    if (!f.has_timestamp) return usage_error("--timestamp is required");
    if (!f.has_nonce) return usage_error("--nonce is required");
    return exit_ok;
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
    if (!parsed.assign(params.data(), params.size(), opts, diag) || !tcvod::decode_request(parsed, decoded, opts, diag)) {
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

int run_sign(const std::vector<std::string>& args) {
    sign_flags f;
    if (int rc = parse_flags(args, f)) return rc;
    const char* secret_key = std::getenv(secret_key_variable);
    if (!secret_key || !*secret_key) return usage_error(std::string(secret_key_variable) + " is not set");

    std::vector<tcvod::parameter> params = {
        {"Action", f.action},
        {"Region", f.region},
        {"SecretId", f.secret_id},
        {"Timestamp", f.timestamp},
        {"Nonce", f.nonce},
    };
    if (f.signature_method) params.push_back({"SignatureMethod", *f.signature_method});
    for (const auto& kv : f.pairs) params.push_back({kv.first, kv.second});

    if (f.action == tcvod::pull_event_request::action) return sign_as<tcvod::pull_event_request>(f, params, secret_key);
    if (f.action == tcvod::confirm_event_request::action)
        return sign_as<tcvod::confirm_event_request>(f, params, secret_key);
    return sign_as<tcvod::run_procedure_request>(f, params, secret_key);
}

}  // namespace tcvod_cli
