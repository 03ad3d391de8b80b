// A mock of the Tencent Cloud VOD API 2.0 endpoint on 127.0.0.1, over plain
// HTTP, for testing client code end to end. See --help and the README
// section "HTTP examples and the mock server".
#include "mock_vod/service.hpp"
#include "support/http_client.hpp"
#include "support/http_server.hpp"

#include <boost/asio/signal_set.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace {

constexpr const char* usage_text =
    "usage: mock_vod_server [--port N] [--secret-id ID] [--callback URL] [--rate-limit N] [options]\n"
    "\n"
    "Serves the VOD API 2.0 (RunProcedure, PullEvent, ConfirmEvent) on http://127.0.0.1:PORT/v2/index.php.\n"
    "The secret key comes from the environment variable TCVOD_SECRET_KEY. The first line on stdout is\n"
    "`listening on http://127.0.0.1:PORT`; the request log goes to stderr (no signatures, tokens or keys).\n"
    "\n"
    "  --port N                 port on 127.0.0.1 (default 0: an ephemeral port)\n"
    "  --secret-id ID           the accepted SecretId (default: the API docs' example AKIDz8krbs...)\n"
    "  --callback URL           POST ProcedureStateChanged events there (http:// on a loopback address)\n"
    "  --rate-limit N           RunProcedure calls per minute (default 100, as documented)\n"
    "  --event-rate-limit N     PullEvent + ConfirmEvent calls per minute (default 1000)\n"
    "  --rate-window-ms MS      the rate-limit window (default 60000)\n"
    "  --timestamp-window S     accepted |Timestamp - now| in seconds (default 300)\n"
    "  --duplicate-window-ms MS same procedure on the same input within this is error 50005 (default 60000)\n"
    "  --handle-ttl-ms MS       msgHandle lifetime; unconfirmed events come back after it (default 30000)\n"
    "  --pull-wait-ms MS        PullEvent long-poll time when no event is ready (default 5000)\n"
    "  --task-step-ms MS        time between sub-task state changes (default 300)\n"
    "  --callback-timeout-ms MS per callback attempt; 2 retries, as documented (default 5000)\n"
    "  --sign-host HOST         the host clients sign (default vod.api.qcloud.com)\n"
    "  --idle-timeout-ms MS     close a connection that sends no complete request in time (default 10000)\n"
    "  --max-connections N      concurrent connections (default 64)\n";

const char* const default_secret_id = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA";

std::mutex log_mutex;

void log_line(const std::string& line) {
    std::lock_guard<std::mutex> lock(log_mutex);
    std::fprintf(stderr, "[mock] %s\n", line.c_str());
    std::fflush(stderr);
}

int usage_error(const std::string& message) {
    std::fprintf(stderr, "mock_vod_server: %s (see --help)\n", message.c_str());
    return 1;
}

bool parse_count(const std::string& text, long long min, long long& out) {
    char* end = nullptr;
    errno = 0;
    long long v = std::strtoll(text.c_str(), &end, 10);
    if (errno || end == text.c_str() || *end || v < min) return false;
    out = v;
    return true;
}

struct options {
    unsigned short port = 0;
    std::string callback;
    mock_vod::service_config service;
    examples::http_limits limits;
    std::chrono::milliseconds callback_timeout{5000};
};

/// Returns 0 to go on, or an exit status.
int parse_options(int argc, char** argv, options& o, bool& help) {
    o.service.secret_id = default_secret_id;
    for (int i = 1; i < argc; ++i) {
        std::string flag = argv[i];
        if (flag == "--help" || flag == "-h") {
            help = true;
            return 0;
        }
        std::string value;
        auto eq = flag.find('=');
        if (eq != std::string::npos) {
            value = flag.substr(eq + 1);
            flag = flag.substr(0, eq);
        } else {
            if (i + 1 >= argc) return usage_error(flag + " needs a value");
            value = argv[++i];
        }
        long long n = 0;
        auto count = [&](long long min) {
            if (!parse_count(value, min, n)) return false;
            return true;
        };
        auto ms = [&](std::chrono::milliseconds& out) {
            if (!count(1)) return false;
            out = std::chrono::milliseconds(n);
            return true;
        };
        bool ok = true;
        if (flag == "--port") {
            ok = count(0) && n <= 65535;
            o.port = static_cast<unsigned short>(n);
        } else if (flag == "--secret-id") {
            ok = !value.empty();
            o.service.secret_id = value;
        } else if (flag == "--callback") {
            std::string problem;
            if (!examples::parse_loopback_url(value, problem)) return usage_error("--callback: " + problem);
            o.callback = value;
        } else if (flag == "--rate-limit") {
            ok = count(1);
            o.service.run_procedure_limit = static_cast<std::size_t>(n);
        } else if (flag == "--event-rate-limit") {
            ok = count(1);
            o.service.event_api_limit = static_cast<std::size_t>(n);
        } else if (flag == "--rate-window-ms") {
            ok = ms(o.service.rate_window);
        } else if (flag == "--timestamp-window") {
            ok = count(0);
            o.service.timestamp_window = std::chrono::seconds(n);
        } else if (flag == "--duplicate-window-ms") {
            ok = count(0);
            o.service.duplicate_window = std::chrono::milliseconds(n);
        } else if (flag == "--handle-ttl-ms") {
            ok = ms(o.service.handle_ttl);
        } else if (flag == "--pull-wait-ms") {
            ok = count(0);
            o.service.pull_wait = std::chrono::milliseconds(n);
        } else if (flag == "--task-step-ms") {
            ok = ms(o.service.task_step);
        } else if (flag == "--callback-timeout-ms") {
            ok = ms(o.callback_timeout);
        } else if (flag == "--sign-host") {
            ok = !value.empty();
            o.service.sign_host = value;
        } else if (flag == "--idle-timeout-ms") {
            ok = ms(o.limits.read_timeout);
        } else if (flag == "--max-connections") {
            ok = count(1);
            o.limits.max_connections = static_cast<std::size_t>(n);
        } else {
            return usage_error("unknown option " + flag);
        }
        if (!ok) return usage_error("invalid value for " + flag);
    }
    return 0;
}

/// The documented delivery: POST the event, 2 retries, the answer ignored.
mock_vod::callback_sender make_callback_sender(const std::string& url_text, std::chrono::milliseconds timeout) {
    if (url_text.empty()) return {};
    std::string ignored;
    auto url = *examples::parse_loopback_url(url_text, ignored);
    return [url, timeout](const std::string& body, const mock_vod::pause_function& pause) {
        std::string outcome;
        for (int attempt = 1; attempt <= 3; ++attempt) {
            auto sent = examples::http_send(url, examples::http::verb::post, {}, "application/json", body, timeout);
            if (!sent.error)
                return "delivered, HTTP " + std::to_string(sent.status) + " (attempt " + std::to_string(attempt) + ")";
            outcome = sent.error.message();
            if (attempt < 3 && !pause(std::chrono::milliseconds(100 * attempt)))
                return "not delivered (stopping): " + outcome;
        }
        return "not delivered after 3 attempts: " + outcome;
    };
}

}  // namespace

int main(int argc, char** argv) {
    options o;
    bool help = false;
    if (int status = parse_options(argc, argv, o, help)) return status;
    if (help) {
        std::fputs(usage_text, stdout);
        return 0;
    }
    const char* secret_key = std::getenv("TCVOD_SECRET_KEY");
    if (!secret_key || !*secret_key) return usage_error("set the secret key in TCVOD_SECRET_KEY");

    auto send_callback = make_callback_sender(o.callback, o.callback_timeout);
    mock_vod::vod_service service(o.service, secret_key, send_callback, log_line);

    namespace http = examples::http;
    auto on_error = [](http::status status, const char* reason) {
        examples::http_response res{status, 11};
        res.set(http::field::content_type, "application/json");
        res.body() = mock_vod::vod_service::transport_error_body(reason);
        log_line(std::string("HTTP ") + std::to_string(static_cast<unsigned>(status)) + ": " + reason);
        return res;
    };
    auto on_request = [&service, &on_error](const examples::http_request& req) {
        std::string_view target = req.target();
        auto question = target.find('?');
        std::string_view path = target.substr(0, question);
        std::string_view query = question == std::string_view::npos ? std::string_view() : target.substr(question + 1);
        tcvod::http_method method;
        if (req.method() == http::verb::get)
            method = tcvod::http_method::get;
        else if (req.method() == http::verb::post)
            method = tcvod::http_method::post;
        else {
            auto res = on_error(http::status::method_not_allowed, "only GET and POST are supported");
            res.set(http::field::allow, "GET, POST");
            return res;
        }
        auto answer = service.handle(method, path, query, req.body(), req[http::field::content_type]);
        examples::http_response res{static_cast<http::status>(answer.http_status), req.version()};
        res.set(http::field::content_type, "application/json; charset=utf-8");
        res.body() = std::move(answer.body);
        return res;
    };

    boost::asio::io_context io;
    examples::http_server server(io, o.limits, on_request, on_error);
    examples::beast::error_code ec;
    auto loopback = boost::asio::ip::make_address_v4("127.0.0.1");
    if (!server.listen(examples::tcp::endpoint(loopback, o.port), ec)) {
        std::fprintf(stderr, "mock_vod_server: cannot listen on 127.0.0.1:%u: %s\n", o.port, ec.message().c_str());
        return 1;
    }
    std::printf("listening on http://127.0.0.1:%u\n", server.port());
    std::fflush(stdout);
    std::string masked_id;
    tcvod::write_masked_secret_id(std::back_inserter(masked_id), o.service.secret_id);
    log_line("SecretId " + masked_id + ", signed host " + o.service.sign_host + ", RunProcedure limit " +
             std::to_string(o.service.run_procedure_limit) + "/" + std::to_string(o.service.rate_window.count()) +
             " ms, callback " + (o.callback.empty() ? std::string("none") : o.callback));

    boost::asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](const examples::beast::error_code& error, int signal) {
        if (error) return;
        log_line(std::string("stopping on ") + (signal == SIGINT ? "SIGINT" : "SIGTERM"));
        service.stop();  // wakes long polls first, so connections can finish
        server.stop();
    });
    io.run();
    log_line("stopped");
    return 0;
}
