// A TCP stream for Beast's synchronous HTTP functions with a deadline on
// every read and write. Plain synchronous Asio sockets wait forever; this
// one puts the socket in non-blocking mode and waits with poll(), so a
// stalled peer costs a connection thread at most the deadline, and
// shutdown() from another thread (server stop) wakes it at once.
#ifndef TCVOD_EXAMPLES_DEADLINE_STREAM_HPP
#define TCVOD_EXAMPLES_DEADLINE_STREAM_HPP

#include <boost/asio/error.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/system/system_error.hpp>

#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <chrono>
#include <mutex>
#include <utility>

namespace examples {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

class deadline_stream {
public:
    explicit deadline_stream(tcp::socket socket) : socket_(std::move(socket)), fd_(socket_.native_handle()) {
        beast::error_code ignored;
        socket_.non_blocking(true, ignored);
        socket_.set_option(tcp::no_delay(true), ignored);
    }

    /// Every following read or write must finish within `timeout`.
    void expires_after(std::chrono::milliseconds timeout) { deadline_ = clock::now() + timeout; }

    /// Wakes a blocked read or write from another thread (it sees end of
    /// stream). Only a system call on the descriptor, and never after
    /// close(): the number could belong to another socket by then.
    void interrupt() noexcept {
        std::lock_guard<std::mutex> lock(close_mutex_);
        if (!closed_) ::shutdown(fd_, SHUT_RDWR);
    }

    void close() noexcept {
        std::lock_guard<std::mutex> lock(close_mutex_);
        if (closed_) return;
        closed_ = true;
        beast::error_code ignored;
        socket_.shutdown(tcp::socket::shutdown_both, ignored);
        socket_.close(ignored);
    }

    template <class MutableBuffers>
    std::size_t read_some(const MutableBuffers& buffers, beast::error_code& ec) {
        for (;;) {
            std::size_t n = socket_.read_some(buffers, ec);
            if (ec != asio::error::would_block && ec != asio::error::try_again) return n;
            if (!wait_for(POLLIN, ec)) return 0;
        }
    }
    template <class MutableBuffers>
    std::size_t read_some(const MutableBuffers& buffers) {
        beast::error_code ec;
        std::size_t n = read_some(buffers, ec);
        if (ec) throw boost::system::system_error(ec);
        return n;
    }

    template <class ConstBuffers>
    std::size_t write_some(const ConstBuffers& buffers, beast::error_code& ec) {
        for (;;) {
            std::size_t n = socket_.write_some(buffers, ec);
            if (ec != asio::error::would_block && ec != asio::error::try_again) return n;
            if (!wait_for(POLLOUT, ec)) return 0;
        }
    }
    template <class ConstBuffers>
    std::size_t write_some(const ConstBuffers& buffers) {
        beast::error_code ec;
        std::size_t n = write_some(buffers, ec);
        if (ec) throw boost::system::system_error(ec);
        return n;
    }

private:
    using clock = std::chrono::steady_clock;

    bool wait_for(short events, beast::error_code& ec) {
        for (;;) {
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - clock::now()).count();
            if (left <= 0) {
                ec = beast::error::timeout;
                return false;
            }
            pollfd p{fd_, events, 0};
            int ready = ::poll(&p, 1, static_cast<int>(left));
            if (ready > 0) {
                ec = {};
                return true;
            }
            if (ready < 0 && errno != EINTR) {
                ec = beast::error_code(errno, boost::system::system_category());
                return false;
            }
        }
    }

    tcp::socket socket_;
    const int fd_;  // for interrupt(), which must not touch socket_ from another thread
    std::mutex close_mutex_;
    bool closed_ = false;
    clock::time_point deadline_ = clock::now() + std::chrono::seconds(30);
};

}  // namespace examples

#endif
