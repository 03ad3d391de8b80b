// One HTTP/1.1 exchange on Boost.Beast: connect, send, read the answer,
// each step under a deadline. Plain HTTP to loopback addresses only: the
// examples never send traffic off this machine (the real API is HTTPS; put
// a TLS stream here for that).
#ifndef TCVOD_EXAMPLES_HTTP_CLIENT_HPP
#define TCVOD_EXAMPLES_HTTP_CLIENT_HPP

#include "support/deadline_stream.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace examples {

namespace http = beast::http;

/// `http://HOST:PORT/path` split up, with HOST a loopback address.
struct loopback_url {
    asio::ip::address address;
    unsigned short port = 80;
    std::string host_header;  // as written in the URL, for the Host field
    std::string target;       // path and query, "/" when empty
};

/// Accepts `http://127.x.x.x[:port][/path]`, `http://[::1]...` and
/// `http://localhost...` (taken as 127.0.0.1, without a DNS lookup).
inline std::optional<loopback_url> parse_loopback_url(std::string_view text, std::string& problem) {
    auto parsed = boost::urls::parse_uri(boost::urls::string_view(text.data(), text.size()));
    if (!parsed) {
        problem = "not an absolute URL";
        return std::nullopt;
    }
    if (parsed->scheme() != "http") {
        problem = "only http:// is supported (loopback only)";
        return std::nullopt;
    }
    loopback_url out;
    std::string host(parsed->encoded_host());
    if (host == "localhost") {
        out.address = asio::ip::make_address_v4("127.0.0.1");
    } else {
        if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
        beast::error_code ec;
        out.address = asio::ip::make_address(host, ec);
        if (ec || !out.address.is_loopback()) {
            problem = "host must be a loopback address (127.0.0.1, [::1] or localhost)";
            return std::nullopt;
        }
    }
    if (parsed->has_port()) {
        auto port = parsed->port_number();
        if (port == 0) {
            problem = "invalid port";
            return std::nullopt;
        }
        out.port = port;
    }
    out.host_header = std::string(parsed->encoded_host_and_port());
    out.target = std::string(parsed->encoded_target());
    if (out.target.empty()) out.target = "/";
    return out;
}

struct http_exchange {
    beast::error_code error;  // transport failure; `status` and `body` are empty then
    unsigned status = 0;
    std::string content_type;
    std::string body;
};

/// Sends one request and reads the answer, within `timeout` for each of
/// connect+write and read. `target` overrides the URL's path and query.
inline http_exchange http_send(const loopback_url& url, http::verb method, std::string_view target,
                               std::string_view content_type, std::string body, std::chrono::milliseconds timeout,
                               std::uint64_t body_limit = 8u << 20) {
    http_exchange out;
    asio::io_context io;
    tcp::socket socket(io);
    socket.connect(tcp::endpoint(url.address, url.port), out.error);
    if (out.error) return out;
    deadline_stream stream(std::move(socket));
    http::request<http::string_body> req{method, std::string(target.empty() ? url.target : target), 11};
    req.set(http::field::host, url.host_header);
    req.set(http::field::user_agent, "tcvod-example");
    if (!content_type.empty()) req.set(http::field::content_type, content_type);
    if (method != http::verb::get || !body.empty()) req.body() = std::move(body);
    req.keep_alive(false);
    req.prepare_payload();
    stream.expires_after(timeout);
    http::write(stream, req, out.error);
    if (out.error) return out;
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(body_limit);
    stream.expires_after(timeout);
    http::read(stream, buffer, parser, out.error);
    if (out.error) return out;
    out.status = parser.get().result_int();
    out.content_type = std::string(parser.get()[http::field::content_type]);
    out.body = std::move(parser.get().body());
    stream.close();
    return out;
}

}  // namespace examples

#endif
