// tcvod: sign, verify and decode Tencent Cloud VOD API 2.0 requests from the
// command line. The secret key only ever comes from TCVOD_SECRET_KEY, so it
// never shows in a process list.
#include "cli.hpp"

#include "tcvod/version.hpp"

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace tcvod_cli {

bool take_endpoint_flag(const std::string& flag, const std::string& value, endpoint_flags& out, std::string& error) {
    if (flag == "--method") {
        if (value == "GET")
            out.method = tcvod::http_method::get;
        else if (value == "POST")
            out.method = tcvod::http_method::post;
        else
            error = "--method must be GET or POST";
        return true;
    }
    if (flag == "--host") {
        if (value.empty()) error = "--host must not be empty";
        out.host = value;
        return true;
    }
    if (flag == "--path") {
        if (value.empty() || value[0] != '/') error = "--path must start with '/'";
        out.path = value;
        return true;
    }
    return false;
}

bool flag_value(const std::vector<std::string>& args, std::size_t& i, std::string& name, std::string& value) {
    const std::string& arg = args[i];
    auto eq = arg.find('=');
    if (eq != std::string::npos) {
        name = arg.substr(0, eq);
        value = arg.substr(eq + 1);
        ++i;
        return true;
    }
    name = arg;
    if (i + 1 >= args.size()) return false;
    value = args[i + 1];
    i += 2;
    return true;
}

}  // namespace tcvod_cli

namespace {

const char* const help_text =
    R"(tcvod - Tencent Cloud VOD API 2.0 request codec (RunProcedure and events)

Usage:
  tcvod sign [--action RunProcedure|PullEvent|ConfirmEvent]
             [--method GET|POST] [--host HOST] [--path PATH]
             --region R --secret-id ID --timestamp T --nonce N
             [--signature-method HmacSHA1|HmacSHA256] [--lenient]
             [--print url|query|body|string-to-sign]  NAME=VALUE...
  tcvod verify [--method GET|POST] [--host HOST] [--path PATH] [--lenient]
  tcvod decode-response [--lenient]  < response-body
  tcvod decode-event [--lenient]     < callback-body-or-PullEvent-response
  tcvod --help | --version

sign
  Builds a signed RunProcedure request. NAME=VALUE are the action parameters
  by wire name with raw UTF-8 values (the tool percent-encodes them), e.g.
    inputType=MultiFile fileList.0.id=12345 fileList.0.startTimeOffset=30
    procedure=SomeProcedure
  SubAppId=... and Token=... are accepted the same way. The pairs are decoded
  into the typed request, validated, then encoded and signed by the library.
  --signature-method given: SignatureMethod is sent and signed; omitted:
  HmacSHA1 and no SignatureMethod parameter. Integral offsets are written
  as integers (10, not 10.0).
  --print: url (default for GET: https://HOST PATH?query), body (default for
  POST: the application/x-www-form-urlencoded body), query, string-to-sign.
  --lenient skips the semantic checks (ranges, end >= start); the
  structural ones always run.
  Defaults: --method GET, --host vod.api.qcloud.com, --path /v2/index.php.

verify
  Reads a query string, a GET URL or a form body on stdin, checks its
  Signature with TCVOD_SECRET_KEY (using the hash its SignatureMethod names)
  and validates it. Prints the decoded request as one line of JSON.

sign --action RunProcedure|PullEvent|ConfirmEvent
  Signs that action (default RunProcedure). PullEvent takes no pairs;
  ConfirmEvent takes msgHandle.0=... msgHandle.1=... (at least one).
  verify accepts all three actions.

decode-response
  Reads an API response body on stdin and prints one line of JSON: code,
  message, codeDesc and vodTaskId when present, category (success,
  invalid_request, authentication, quota, not_found, conflict,
  billing, partial_success, server_error, unknown) and retryable.
  `code` may be a number or a numeric string. Strict JSON: a trailing
  comma is refused unless --lenient is given.

decode-event
  Reads an event callback body (2.0 or 3.0 layout) or a PullEvent response
  on stdin and prints one line of JSON per event: msgHandle (PullEvent
  only), format ("2.0" or "3.0"), then the event's members as decoded. A
  PullEvent response with a non-zero code prints the decode-response line.

Environment:
  TCVOD_SECRET_KEY   the SecretKey (required by sign and verify)

Exit status:
  0  success
  1  usage error (unknown or missing flag, bad flag value, no TCVOD_SECRET_KEY)
  2  invalid request: one line per problem on stderr, each starting with the
     field path (e.g. "fileList.3.id: is required when inputType is MultiFile");
     decode-response, decode-event: the body is malformed (one line on
     stderr naming the field, e.g. "message: must be a string")
  3  verify: the signature does not match (or is missing);
     decode-response, decode-event: the API reported an error (code != 0)
)";

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fputs(help_text, stderr);
        return tcvod_cli::exit_usage;
    }
    std::string command = argv[1];
    std::vector<std::string> args(argv + 2, argv + argc);
    if (command == "--help" || command == "-h" || command == "help") {
        std::fputs(help_text, stdout);
        return tcvod_cli::exit_ok;
    }
    if (command == "--version") {
        std::printf("tcvod %s\n", TCVOD_VERSION_STRING);
        return tcvod_cli::exit_ok;
    }
    for (const auto& a : args)
        if (a == "--help" || a == "-h") {
            std::fputs(help_text, stdout);
            return tcvod_cli::exit_ok;
        }
    if (command == "sign") return tcvod_cli::run_sign(args);
    if (command == "verify") return tcvod_cli::run_verify(args);
    if (command == "decode-response") return tcvod_cli::run_decode_response(args);
    if (command == "decode-event") return tcvod_cli::run_decode_event(args);
    return tcvod_cli::usage_error("unknown command '" + command + "'");
}
