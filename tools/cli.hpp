// Shared pieces of the tcvod command-line tool. tcvod.cpp parses the
// command line (CLI11) into the flag structs below; each subcommand lives in
// its own file and never sees argv.
#ifndef TCVOD_TOOLS_CLI_HPP
#define TCVOD_TOOLS_CLI_HPP

#include "tcvod/error.hpp"
#include "tcvod/model.hpp"
#include "tcvod/query_encode.hpp"

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tcvod_cli {

// Exit codes shared by every subcommand.
enum exit_code : int {
    exit_ok = 0,
    exit_usage = 1,     // bad flags, missing flags, missing TCVOD_SECRET_KEY
    exit_invalid = 2,   // the request or body is invalid or malformed
    exit_rejected = 3,  // signature mismatch (verify) or an API error code (decode-response)
};

inline constexpr const char* secret_key_variable = "TCVOD_SECRET_KEY";

/// One line per problem on stderr, each starting with the field path.
inline void print_diagnostics(const tcvod::diagnostics& diag) {
    for (const auto& e : diag) {
        std::string line = e.path.empty() ? std::string("request") : std::string(e.path.view());
        line += ": ";
        line += e.reason_text();
        std::fprintf(stderr, "%s\n", line.c_str());
    }
    if (diag.dropped()) std::fprintf(stderr, "request: %zu more problems not shown\n", diag.dropped());
}

inline int usage_error(const std::string& message) {
    std::fprintf(stderr, "tcvod: %s (see tcvod --help)\n", message.c_str());
    return exit_usage;
}

/// Reads all of stdin; drops one trailing newline (CRLF too).
inline std::string read_stdin() {
    std::string data;
    char buf[65536];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, stdin)) > 0) data.append(buf, n);
    while (!data.empty() && (data.back() == '\n' || data.back() == '\r')) data.pop_back();
    return data;
}

/// Common endpoint flags of sign and verify.
struct endpoint_flags {
    tcvod::http_method method = tcvod::http_method::get;
    std::string host{tcvod::default_host};
    std::string path{tcvod::default_path};
};

/// `tcvod sign`. The command line (tcvod.cpp, CLI11) has checked the flag
/// values and that the required flags are there; `pairs` are unchecked.
struct sign_flags {
    endpoint_flags where;
    std::string region, secret_id, timestamp, nonce;
    std::optional<std::string> signature_method;
    std::optional<tcvod::output_form> form;
    std::string action{tcvod::run_procedure_request::action};
    bool lenient = false;
    std::vector<std::string> pairs;  // NAME=VALUE
};

/// `tcvod verify`.
struct verify_flags {
    endpoint_flags where;
    bool lenient = false;
};

/// Each subcommand gets its parsed flags and returns the exit code.
int run_sign(const sign_flags& f);
int run_verify(const verify_flags& f);
int run_decode_response(bool lenient);  // decode_commands.cpp
int run_decode_event(bool lenient);     // decode_commands.cpp

}  // namespace tcvod_cli

#endif
