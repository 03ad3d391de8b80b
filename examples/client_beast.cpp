// Client example on Boost.Beast: RunProcedure for every inputType, the
// answers and events decoded by tcvod, events taken both from HTTP
// callbacks (a receiver on 127.0.0.1) and from PullEvent, then confirmed.
#include "client_flow.hpp"
#include "support/http_client.hpp"
#include "support/http_server.hpp"

#include <boost/asio/io_context.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

namespace {

constexpr const char* usage_text =
    "usage: client_beast --url http://127.0.0.1:PORT/v2/index.php [--callback-listen PORT] [options]\n"
    "\n"
    "Submits RunProcedure for every inputType (GET and POST, HmacSHA1 and HmacSHA256), decodes the\n"
    "answers, follows the tasks' ProcedureStateChanged events through PullEvent (and ConfirmEvent)\n"
    "and, with --callback-listen, through HTTP callbacks, and prints a trace. Exit status 0 when\n"
    "everything went as expected, 1 otherwise, 2 on a usage error.\n"
    "\n"
    "  --callback-listen PORT  receive callbacks on http://127.0.0.1:PORT/ (start the mock with\n"
    "                          --callback http://127.0.0.1:PORT/callback) and wait for them too\n";

/// Plain HTTP on Beast; one connection per exchange.
class beast_transport final : public client_flow::transport {
public:
    explicit beast_transport(const examples::loopback_url& url) : url_(url) {}

    client_flow::http_result send(tcvod::http_method method, const std::string& query_or_body) override {
        namespace http = examples::http;
        bool get = method == tcvod::http_method::get;
        // PullEvent holds the request up to 5 s: the documented client timeout is 10 s.
        auto exchange = get ? examples::http_send(url_, http::verb::get, url_.target + "?" + query_or_body, {}, {},
                                                  std::chrono::seconds(10))
                            : examples::http_send(url_, http::verb::post, {}, "application/x-www-form-urlencoded",
                                                  query_or_body, std::chrono::seconds(10));
        client_flow::http_result out;
        if (exchange.error) out.error = "HTTP exchange failed: " + exchange.error.message();
        out.status = exchange.status;
        out.body = std::move(exchange.body);
        return out;
    }

private:
    examples::loopback_url url_;
};

int usage_error(const std::string& message) {
    std::fprintf(stderr, "client_beast: %s (see --help)\n", message.c_str());
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    client_flow::options o;
    std::optional<unsigned short> callback_port;
    for (int i = 1; i < argc; ++i) {
        std::string flag = argv[i];
        if (flag == "--help" || flag == "-h") {
            std::fputs(usage_text, stdout);
            std::fputs(client_flow::shared_usage, stdout);
            return 0;
        }
        std::string value;
        if (flag != "--no-error-demo") {
            if (i + 1 >= argc) return usage_error(flag + " needs a value");
            value = argv[++i];
        }
        if (flag == "--callback-listen") {
            char* end = nullptr;
            long port = std::strtol(value.c_str(), &end, 10);
            if (*end || port < 0 || port > 65535) return usage_error("--callback-listen: not a port");
            callback_port = static_cast<unsigned short>(port);
            continue;
        }
        std::string problem = client_flow::take_flag(flag, value, o);
        if (problem == "unknown") return usage_error("unknown option " + flag);
        if (!problem.empty()) return usage_error(problem);
    }
    if (o.url.text.empty()) return usage_error("--url is required");
    const char* secret_key = std::getenv("TCVOD_SECRET_KEY");
    if (!secret_key || !*secret_key) return usage_error("set the secret key in TCVOD_SECRET_KEY");

    beast_transport transport(o.url);
    o.expect_callbacks = callback_port.has_value();
    client_flow::runner runner(o, secret_key, transport, "beast");

    // The callback receiver: a small Beast server on its own thread.
    boost::asio::io_context io;
    namespace http = examples::http;
    examples::http_server receiver(
        io, examples::http_limits{},
        [&runner](const examples::http_request& req) {
            bool ok = req.method() == http::verb::post && runner.on_callback(req.body());
            // The API ignores the answer; a clear status helps whoever debugs the receiver.
            examples::http_response res{ok ? http::status::ok : http::status::bad_request, req.version()};
            return res;
        },
        [](http::status status, const char*) {
            return examples::http_response{status, 11};
        });
    std::thread io_thread;
    if (callback_port) {
        examples::beast::error_code ec;
        auto loopback = boost::asio::ip::make_address_v4("127.0.0.1");
        if (!receiver.listen(examples::tcp::endpoint(loopback, *callback_port), ec)) {
            std::fprintf(stderr, "client_beast: cannot listen on 127.0.0.1:%u: %s\n", *callback_port,
                         ec.message().c_str());
            return 1;
        }
        std::printf("[beast] callback receiver on http://127.0.0.1:%u/\n", receiver.port());
        io_thread = std::thread([&io] { io.run(); });
    }
    int status = runner.run();
    receiver.stop();
    if (io_thread.joinable()) io_thread.join();
    return status;
}
