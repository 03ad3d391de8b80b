// One HTTP/1.1 exchange on Boost.Beast: connect, send, read the answer,
// each step under a deadline. Plain HTTP to loopback addresses only: the
// examples never send traffic off this machine (the real API is HTTPS; put
// a TLS stream here for that).
#ifndef TCVOD_EXAMPLES_HTTP_CLIENT_HPP
#define TCVOD_EXAMPLES_HTTP_CLIENT_HPP

#include "support/deadline_stream.hpp"
#include "support/loopback_url.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace examples {

namespace http = beast::http;

struct http_exchange {
    beast::error_code error;  // transport failure; `status` and `body` are empty then
    unsigned status = 0;
    std::string content_type;
    std::string body;
};

/// Sends one request and reads the answer, within `timeout` for each of
/// connect+write and read. `target` (path and query) defaults to the URL's path.
inline http_exchange http_send(const loopback_url& url, http::verb method, std::string_view target,
                               std::string_view content_type, std::string body, std::chrono::milliseconds timeout,
                               std::uint64_t body_limit = 8u << 20) {
    http_exchange out;
    asio::io_context io;
    tcp::socket socket(io);
    auto address = asio::ip::make_address(url.address, out.error);
    if (out.error) return out;
    socket.connect(tcp::endpoint(address, url.port), out.error);
    if (out.error) return out;
    deadline_stream stream(std::move(socket));
    std::string request_target(target.empty() ? std::string_view(url.target) : target);
    http::request<http::string_body> req{method, request_target, 11};
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
