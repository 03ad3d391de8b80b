// A small HTTP/1.1 server on Boost.Beast: Asio accepts, each connection gets
// a thread running Beast's synchronous parser and serializer over a
// deadline_stream. Enough for a mock and a callback receiver: bounded
// connections, header and body limits, deadlines, keep-alive, Expect:
// 100-continue, and a clean stop that wakes every connection.
#ifndef TCVOD_EXAMPLES_HTTP_SERVER_HPP
#define TCVOD_EXAMPLES_HTTP_SERVER_HPP

#include "support/deadline_stream.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

namespace examples {

namespace http = beast::http;

using http_request = http::request<http::string_body>;
using http_response = http::response<http::string_body>;

struct http_limits {
    std::uint32_t header_limit = 8 * 1024;
    std::uint64_t body_limit = (1u << 20) + 4096;   // the codec's 1 MiB input limit, plus slack
    std::chrono::milliseconds read_timeout{10000};  // for a whole request, idle time included
    std::chrono::milliseconds write_timeout{10000};
    std::size_t max_connections = 64;
    std::size_t max_requests_per_connection = 10000;
};

/// Answers one request. Runs on the connection's thread; must be thread-safe.
using request_handler = std::function<http_response(const http_request&)>;
/// Builds the answer to a request Beast could not parse (400, 413, 431, 503).
using error_handler = std::function<http_response(http::status, const char* reason)>;

class http_server {
public:
    http_server(asio::io_context& io, http_limits limits, request_handler on_request, error_handler on_error)
        : io_(io), acceptor_(io), limits_(limits), on_request_(std::move(on_request)), on_error_(std::move(on_error)) {}

    ~http_server() { stop(); }

    /// Binds and listens; port 0 picks an ephemeral port.
    bool listen(const tcp::endpoint& where, beast::error_code& ec) {
        acceptor_.open(where.protocol(), ec);
        if (ec) return false;
        acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
        acceptor_.bind(where, ec);
        if (ec) return false;
        acceptor_.listen(asio::socket_base::max_listen_connections, ec);
        if (ec) return false;
        port_ = acceptor_.local_endpoint().port();
        accept_next();
        return true;
    }

    unsigned short port() const noexcept { return port_; }

    /// Stops accepting (from any thread), wakes every connection and waits
    /// for their threads. Handlers blocked in long polls must be woken by
    /// their owner first.
    void stop() {
        if (stopped_.exchange(true)) return;
        asio::post(io_, [this] {
            beast::error_code ignored;
            acceptor_.close(ignored);
        });
        std::list<connection> finished;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            for (auto& c : connections_) c.stream->interrupt();
            finished.splice(finished.end(), connections_);
        }
        for (auto& c : finished)
            if (c.thread.joinable()) c.thread.join();
    }

private:
    struct connection {
        std::shared_ptr<deadline_stream> stream;
        std::thread thread;
        std::atomic<bool> done{false};
    };

    void accept_next() {
        acceptor_.async_accept([this](beast::error_code ec, tcp::socket socket) {
            if (ec == asio::error::operation_aborted || stopped_) return;
            if (!ec) start_connection(std::move(socket));
            accept_next();
        });
    }

    void start_connection(tcp::socket socket) {
        auto stream = std::make_shared<deadline_stream>(std::move(socket));
        std::lock_guard<std::mutex> lock(mutex_);
        if (stopped_) return;  // stop() has taken the list: a thread started now would never be joined
        reap_finished();
        if (connections_.size() >= limits_.max_connections) {
            // Answer without a thread; a short write to a fresh socket does not block.
            stream->expires_after(std::chrono::milliseconds(100));
            auto res = on_error_(http::status::service_unavailable, "too many connections");
            res.keep_alive(false);
            res.prepare_payload();
            beast::error_code ignored;
            http::write(*stream, res, ignored);
            stream->close();
            return;
        }
        connections_.emplace_back();
        connection& c = connections_.back();
        c.stream = stream;
        c.thread = std::thread([this, &c] {
            serve(*c.stream);
            c.stream->close();
            c.done = true;
        });
    }

    /// Joins threads whose connection has ended (called with the lock held).
    void reap_finished() {
        for (auto it = connections_.begin(); it != connections_.end();) {
            if (it->done) {
                it->thread.join();
                it = connections_.erase(it);
            } else {
                ++it;
            }
        }
    }

    void serve(deadline_stream& stream) {
        beast::flat_buffer buffer;
        for (std::size_t served = 0; served < limits_.max_requests_per_connection && !stopped_; ++served) {
            http::request_parser<http::string_body> parser;
            parser.header_limit(limits_.header_limit);
            parser.body_limit(limits_.body_limit);
            stream.expires_after(limits_.read_timeout);
            beast::error_code ec;
            http::read_header(stream, buffer, parser, ec);
            if (!ec && parser.get()[http::field::expect] == "100-continue") {
                http::response<http::empty_body> go_on{http::status::continue_, parser.get().version()};
                http::write(stream, go_on, ec);
            }
            if (!ec) http::read(stream, buffer, parser, ec);
            if (ec) {
                if (is_quiet_end(ec, buffer, parser)) return;
                if (ec == beast::error::timeout && parser.got_some() == false) return;
                reply_error(stream, ec);
                return;
            }
            http_response res = on_request_(parser.get());
            res.version(parser.get().version());
            res.keep_alive(parser.get().keep_alive() && !stopped_);
            res.prepare_payload();
            stream.expires_after(limits_.write_timeout);
            http::write(stream, res, ec);
            if (ec || !res.keep_alive()) return;
        }
    }

    /// The peer closed between requests: not an error.
    static bool is_quiet_end(const beast::error_code& ec, const beast::flat_buffer& buffer,
                             const http::request_parser<http::string_body>& parser) {
        bool nothing_read = !parser.got_some() && buffer.size() == 0;
        return nothing_read && (ec == http::error::end_of_stream || ec == asio::error::eof ||
                                ec == asio::error::connection_reset || ec == asio::error::broken_pipe);
    }

    void reply_error(deadline_stream& stream, const beast::error_code& ec) {
        http::status status = http::status::bad_request;
        const char* reason = "malformed HTTP request";
        if (ec == http::error::body_limit) {
            status = http::status::payload_too_large;
            reason = "request body too large";
        } else if (ec == http::error::header_limit) {
            status = http::status::request_header_fields_too_large;
            reason = "request header too large";
        } else if (ec == beast::error::timeout) {
            status = http::status::request_timeout;
            reason = "request not received in time";
        } else if (ec == http::error::partial_message || ec == asio::error::eof ||
                   ec == asio::error::connection_reset) {
            return;  // the peer is gone: nobody to answer
        }
        auto res = on_error_(status, reason);
        res.keep_alive(false);
        res.prepare_payload();
        stream.expires_after(limits_.write_timeout);
        beast::error_code ignored;
        http::write(stream, res, ignored);
    }

    asio::io_context& io_;
    tcp::acceptor acceptor_;
    http_limits limits_;
    request_handler on_request_;
    error_handler on_error_;
    unsigned short port_ = 0;
    std::atomic<bool> stopped_{false};
    std::mutex mutex_;
    std::list<connection> connections_;
};

}  // namespace examples

#endif
