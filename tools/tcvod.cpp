// tcvod: sign, verify and decode Tencent Cloud VOD API 2.0 requests from the
// command line. The secret key only ever comes from TCVOD_SECRET_KEY, so it
// never shows in a process list.
//
// This file is the command line: CLI11 parses argv into the flag structs of
// cli.hpp, and its errors become the tool's own one-line usage errors (exit
// 1). The subcommands (sign_command.cpp, verify_command.cpp,
// decode_commands.cpp) do the work. CLI11 throws, so the tool keeps
// exceptions on; the library itself does not need them.
#include "cli.hpp"

#include "tcvod/event_requests.hpp"
#include "tcvod/version.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#ifdef _WIN32
#ifndef NOMINMAX
#define NOMINMAX
#endif
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <fcntl.h>
#include <io.h>
#include <windows.h>
// shellapi.h needs windows.h first
#include <shellapi.h>
#endif

namespace {

using namespace tcvod_cli;

const char* const title = "tcvod - Tencent Cloud VOD API 2.0 request codec (RunProcedure and events)";

// `tcvod --help` starts with this instead of CLI11's generated usage line.
const char* const synopsis = R"(Usage:
  tcvod sign [--action RunProcedure|PullEvent|ConfirmEvent]
             [--method GET|POST] [--host HOST] [--path PATH]
             --region R --secret-id ID --timestamp T --nonce N
             [--signature-method HmacSHA1|HmacSHA256] [--lenient]
             [--print url|query|body|string-to-sign]  NAME=VALUE...
  tcvod verify [--method GET|POST] [--host HOST] [--path PATH] [--lenient]  < query-or-body
  tcvod decode-response [--lenient]  < response-body
  tcvod decode-event [--lenient]     < callback-body-or-PullEvent-response
  tcvod COMMAND --help               (the command's flags in detail)
  tcvod --help | --version
)";

const char* const footer = R"(Environment:
  TCVOD_SECRET_KEY   the SecretKey (required by sign and verify; there is no flag for it)

Exit status:
  0  success
  1  usage error (unknown or missing flag, bad flag value, no TCVOD_SECRET_KEY)
  2  invalid request: one line per problem on stderr, each starting with the
     field path (e.g. "fileList.3.id: is required when inputType is MultiFile");
     decode-response, decode-event: the body is malformed (one line on
     stderr naming the field, e.g. "message: must be a string")
  3  verify: the signature does not match (or is missing);
     decode-response, decode-event: the API reported an error (code != 0))";

const char* const sign_footer = R"(NAME=VALUE are the action parameters by wire name with raw UTF-8 values (the
tool percent-encodes them), e.g.
  inputType=MultiFile fileList.0.id=12345 fileList.0.startTimeOffset=30
  procedure=SomeProcedure
SubAppId=... and Token=... are accepted the same way; the common parameters
are set with the flags above. The pairs are decoded into the typed request,
validated, then encoded and signed by the library with TCVOD_SECRET_KEY.
Integral offsets are written as integers (10, not 10.0).)";

const char* const verify_footer = R"(Reads a query string, a GET URL or a form body on stdin, checks its Signature
with TCVOD_SECRET_KEY (using the hash its SignatureMethod names) and validates
it. Prints the decoded request as one line of JSON. Accepts RunProcedure,
PullEvent and ConfirmEvent. Exit 3 when the signature does not match.)";

const char* const decode_response_footer =
    R"(Prints one line of JSON: code, message, codeDesc and vodTaskId when present,
category (success, invalid_request, authentication, quota, not_found,
conflict, billing, partial_success, server_error, unknown) and retryable.
`code` may be a number or a numeric string. Exit 3 when code != 0.)";

const char* const decode_event_footer = R"(Reads an event callback body (2.0 or 3.0 layout) or a PullEvent response and
prints one line of JSON per event: msgHandle (PullEvent only), format ("2.0"
or "3.0"), then the event's members as decoded. A PullEvent response with a
non-zero code prints the decode-response line and exits 3.)";

/// The root's usage is the synopsis; subcommands keep CLI11's. A blank line
/// after the description.
class formatter : public CLI::Formatter {
public:
    std::string make_description(const CLI::App* app) const override {
        return CLI::Formatter::make_description(app) + "\n";
    }
    std::string make_usage(const CLI::App* app, std::string name) const override {
        if (app->get_parent() == nullptr) return synopsis;
        return CLI::Formatter::make_usage(app, std::move(name));
    }
};

/// join({"a", "b", "c"}, ", ", " or ") is "a, b or c".
std::string join(const std::vector<std::string>& names, const char* separator, const char* last) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) out += i + 1 == names.size() ? last : separator;
        out += names[i];
    }
    return out;
}

/// A CLI11 check with the tool's message; usage_message() puts the flag in
/// front ("--method must be GET or POST").
CLI::Validator rule(bool (*ok)(const std::string&), const std::string& message) {
    return CLI::Validator([ok, message](std::string& value) { return ok(value) ? std::string() : message; }, "");
}

/// --flag A|B|C, checked by CLI11: anything else is "--flag must be A, B or C".
CLI::Option* one_of(CLI::Option* opt, const std::vector<std::string>& names) {
    const CLI::Validator member = CLI::IsMember(names);
    opt->type_name(join(names, "|", "|"));
    return opt->check(CLI::Validator(
        [member, message = "must be " + join(names, ", ", " or ")](std::string& value) {
            return member(value).empty() ? std::string() : message;
        },
        ""));
}

/// One of `choices` by name into `target` (an enum or an optional one).
template <class Target, class T>
CLI::Option* add_choice(CLI::App& cmd, const std::string& flag, Target& target,
                        const std::vector<std::pair<std::string, T>>& choices, const std::string& help) {
    std::vector<std::string> names;
    names.reserve(choices.size());
    for (const auto& choice : choices) names.push_back(choice.first);
    auto set = [&target, choices](const std::string& value) {
        for (const auto& choice : choices)
            if (choice.first == value) target = choice.second;
    };
    return one_of(cmd.add_option_function<std::string>(flag, set, help), names);
}

void add_endpoint_flags(CLI::App& cmd, endpoint_flags& where) {
    add_choice(cmd, "--method", where.method,
               std::vector<std::pair<std::string, tcvod::http_method>>{{"GET", tcvod::http_method::get},
                                                                       {"POST", tcvod::http_method::post}},
               "HTTP method (default GET), part of the string to sign");
    cmd.add_option("--host", where.host, "Host part of the string to sign (default " + where.host + ")")
        ->type_name("HOST")
        ->check(rule([](const std::string& v) { return !v.empty(); }, "must not be empty"));
    cmd.add_option("--path", where.path, "Path part of the string to sign (default " + where.path + ")")
        ->type_name("PATH")
        ->check(rule([](const std::string& v) { return !v.empty() && v[0] == '/'; }, "must start with '/'"));
}

CLI::App* add_sign(CLI::App& app, sign_flags& f) {
    CLI::App* cmd = app.add_subcommand("sign", "Build a signed request from NAME=VALUE pairs");
    cmd->footer(sign_footer);
    one_of(cmd->add_option("--action", f.action,
                           "The action to sign (default RunProcedure). PullEvent takes no pairs;\n"
                           "ConfirmEvent takes msgHandle.0=... msgHandle.1=... (at least one)"),
           {std::string(tcvod::run_procedure_request::action), std::string(tcvod::pull_event_request::action),
            std::string(tcvod::confirm_event_request::action)});
    add_endpoint_flags(*cmd, f.where);
    cmd->add_option("--region", f.region, "Region")->type_name("R")->required();
    cmd->add_option("--secret-id", f.secret_id, "SecretId")->type_name("ID")->required();
    cmd->add_option("--timestamp", f.timestamp, "Timestamp (Unix seconds)")->type_name("T")->required();
    cmd->add_option("--nonce", f.nonce, "Nonce (a positive integer)")->type_name("N")->required();
    one_of(cmd->add_option("--signature-method", f.signature_method,
                           "Given: SignatureMethod is sent and signed; omitted: HmacSHA1\n"
                           "and no SignatureMethod parameter"),
           {"HmacSHA1", "HmacSHA256"});
    cmd->add_flag("--lenient", f.lenient,
                  "Skip the semantic checks (ranges, end >= start); the structural\nones always run");
    add_choice(
        *cmd, "--print", f.form,
        std::vector<std::pair<std::string, tcvod::output_form>>{{"url", tcvod::output_form::url},
                                                                {"query", tcvod::output_form::query},
                                                                {"body", tcvod::output_form::body},
                                                                {"string-to-sign", tcvod::output_form::string_to_sign}},
        "url (default for GET: https://HOST PATH?query), body (default\n"
        "for POST: the application/x-www-form-urlencoded body), query,\nstring-to-sign");
    // Checked by run_sign, after the flags: the tool's messages for a bad pair.
    cmd->add_option("NAME=VALUE", f.pairs, "Action parameters by wire name, plus SubAppId and Token")->type_name("");
    cmd->allow_extras();  // unknown flags: see leftover_message()
    return cmd;
}

CLI::App* add_verify(CLI::App& app, verify_flags& f) {
    CLI::App* cmd = app.add_subcommand("verify", "Check a received request's signature; print it as JSON");
    cmd->footer(verify_footer);
    add_endpoint_flags(*cmd, f.where);
    cmd->add_flag("--lenient", f.lenient, "Skip the semantic checks (ranges, end >= start)");
    cmd->allow_extras();
    return cmd;
}

CLI::App* add_decode(CLI::App& app, const char* name, const char* description, const char* details, bool& lenient) {
    CLI::App* cmd = app.add_subcommand(name, description);
    cmd->footer(details);
    cmd->add_flag("--lenient", lenient, "Accept trailing commas (the API page's own example has one)");
    cmd->allow_extras();
    return cmd;
}

/// The arguments after the program name, in UTF-8. On Windows argv is in the
/// ANSI code page (a value such as 视频 arrives as "??"), so they are taken from
/// the UTF-16 command line there, split by CommandLineToArgvW (the C runtime's
/// rules but for rare corner cases of quotes).
std::vector<std::string> command_line(int argc, char** argv) {
    std::vector<std::string> args;
#ifdef _WIN32
    static_cast<void>(argc);
    static_cast<void>(argv);
    struct local_free {
        void operator()(LPWSTR* p) const { LocalFree(p); }
    };
    int count = 0;
    std::unique_ptr<LPWSTR, local_free> wide(CommandLineToArgvW(GetCommandLineW(), &count));
    if (!wide) throw std::runtime_error("cannot read the command line");
    for (int i = 1; i < count; ++i) {
        const wchar_t* arg = wide.get()[i];
        int size = WideCharToMultiByte(CP_UTF8, 0, arg, -1, nullptr, 0, nullptr, nullptr);  // with the NUL
        std::string utf8(size > 0 ? static_cast<std::size_t>(size) : 1u, '\0');
        if (size > 0) WideCharToMultiByte(CP_UTF8, 0, arg, -1, &utf8[0], size, nullptr, nullptr);
        utf8.pop_back();
        args.push_back(std::move(utf8));
    }
#else
    for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
#endif
    return args;
}

/// The arguments for CLI11, which wants them reversed. `help` is `--help`,
/// and `--flag=` keeps meaning an empty value (CLI11 would take the next
/// argument).
std::vector<std::string> arguments(const std::vector<std::string>& given) {
    std::vector<std::string> args;
    for (auto it = given.rbegin(); it != given.rend(); ++it) {
        std::string arg = *it;
        if (arg.size() > 3 && arg.rfind("--", 0) == 0 && arg.find('=') == arg.size() - 1) {
            args.emplace_back();
            arg.pop_back();
        }
        args.push_back(std::move(arg));
    }
    if (!args.empty() && args.back() == "help") args.back() = "--help";
    return args;
}

/// A CLI11 parse error as the tool's one-line message.
std::string usage_message(const CLI::ParseError& e) {
    std::string what = e.what();
    auto colon = what.find(": ");
    if (colon == std::string::npos || what.rfind("--", 0) != 0) return what;  // "--region is required"
    std::string flag = what.substr(0, colon);
    if (dynamic_cast<const CLI::ArgumentMismatch*>(&e)) return "missing value for " + flag;
    if (dynamic_cast<const CLI::ValidationError*>(&e)) return flag + " " + what.substr(colon + 2);
    return what;
}

/// The first argument CLI11 kept as an extra (allow_extras) as the tool's
/// usage message; empty when there is none.
std::string leftover_message(const CLI::App& cmd) {
    std::vector<std::string> rest = cmd.remaining();
    if (rest.empty()) return {};
    const std::string& arg = rest.front();
    const std::string& name = cmd.get_name();
    std::string quoted = "'" + arg.substr(0, 40) + "'";
    if (cmd.get_parent() == nullptr) return "unknown command '" + arg + "'";
    bool decode = name.rfind("decode-", 0) == 0;
    if (arg.rfind("--", 0) == 0) return "unknown flag " + arg.substr(0, arg.find('=')) + (decode ? " for " + name : "");
    if (name == "sign") return "expected NAME=VALUE, got " + quoted;
    if (decode) return name + " reads the body on stdin; unexpected argument " + quoted;
    return "unexpected argument " + quoted;
}

int run(int argc, char** argv) {
    CLI::App app{title, "tcvod"};
    app.formatter(std::make_shared<formatter>());
    app.footer(footer);
    app.set_version_flag("--version", std::string("tcvod ") + TCVOD_VERSION_STRING);
    app.require_subcommand(0, 1);
    app.allow_extras();
    app.allow_windows_style_options(false);  // CLI11's default on Windows: /region would be --region
    app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);  // --flag a --flag b: b

    sign_flags sign;
    verify_flags verify;
    bool lenient = false;
    CLI::App* sign_cmd = add_sign(app, sign);
    CLI::App* verify_cmd = add_verify(app, verify);
    CLI::App* response_cmd =
        add_decode(app, "decode-response", "Decode an API response body on stdin", decode_response_footer, lenient);
    add_decode(app, "decode-event", "Decode an event callback or PullEvent response on stdin", decode_event_footer,
               lenient);

    // Unknown flags and stray arguments (kept as extras) are reported first,
    // even when CLI11 found another problem: `--regoin gz` is a typo, not a
    // missing --region.
    auto leftover = [&app] {
        std::string message = leftover_message(app);
        std::vector<CLI::App*> chosen = app.get_subcommands();
        if (message.empty() && !chosen.empty()) message = leftover_message(*chosen.front());
        return message;
    };
    try {
        app.parse(arguments(command_line(argc, argv)));
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
        std::string message = leftover();
        return usage_error(message.empty() ? usage_message(e) : message);
    }
    if (std::string message = leftover(); !message.empty()) return usage_error(message);
    if (app.get_subcommands().empty()) {  // no command at all
        std::fputs(app.help().c_str(), stderr);
        return exit_usage;
    }

    const CLI::App* cmd = app.get_subcommands().front();
    if (cmd == sign_cmd) return run_sign(sign);
    if (cmd == verify_cmd) return run_verify(verify);
    if (cmd == response_cmd) return run_decode_response(lenient);
    return run_decode_event(lenient);
}

}  // namespace

int main(int argc, char** argv) {
#ifdef _WIN32
    // The same bytes as elsewhere: no "\n" -> "\r\n" on stdout and stderr,
    // and stdin read as it is (text mode would turn "\r\n" into "\n" and
    // end the input at a Ctrl-Z byte).
    _setmode(_fileno(stdin), _O_BINARY);
    _setmode(_fileno(stdout), _O_BINARY);
    _setmode(_fileno(stderr), _O_BINARY);
#endif
    try {
        return run(argc, argv);
    } catch (const std::exception& e) {  // a CLI11 construction error, out of memory
        std::fprintf(stderr, "tcvod: %s\n", e.what());
        return tcvod_cli::exit_usage;
    }
}
