// What the API gateway checks before an action runs: the Timestamp window,
// Nonce reuse, and per-action request rates. Time is passed in, so the
// rules are plain functions of their inputs. Not thread-safe: the service
// holds its lock around them.
#ifndef TCVOD_EXAMPLES_MOCK_VOD_GUARDS_HPP
#define TCVOD_EXAMPLES_MOCK_VOD_GUARDS_HPP

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>
#include <utility>

namespace mock_vod {

using steady_clock = std::chrono::steady_clock;

/// Error 4500 ("replay attack") covers both a Timestamp too far from the
/// server clock and a Nonce seen before.
class replay_guard {
public:
    enum class verdict { fresh, stale_timestamp, reused_nonce };

    explicit replay_guard(std::chrono::seconds window, std::size_t max_remembered = 1u << 20)
        : window_(window), max_remembered_(max_remembered) {}

    /// `timestamp` is the request's UNIX seconds, `unix_now` the server's.
    /// A fresh request's Nonce is remembered for twice the window: after
    /// that its Timestamp could not pass anyway.
    verdict check(const std::string& secret_id, std::int64_t timestamp, std::int64_t nonce, std::int64_t unix_now,
                  steady_clock::time_point now) {
        std::int64_t skew = timestamp > unix_now ? timestamp - unix_now : unix_now - timestamp;
        if (skew > window_.count()) return verdict::stale_timestamp;
        forget_older_than(now - 2 * window_);
        auto key = std::make_pair(secret_id, nonce);
        if (seen_.count(key)) return verdict::reused_nonce;
        if (seen_.size() >= max_remembered_) {
            // Memory stays bounded; the oldest nonces go first.
            seen_.erase(order_.front().second);
            order_.pop_front();
        }
        seen_.emplace(key, now);
        order_.emplace_back(now, key);
        return verdict::fresh;
    }

    std::chrono::seconds window() const noexcept { return window_; }

private:
    using key_type = std::pair<std::string, std::int64_t>;
    struct key_hash {
        std::size_t operator()(const key_type& k) const noexcept {
            return std::hash<std::string>()(k.first) ^ (std::hash<std::int64_t>()(k.second) * 0x9E3779B97F4A7C15ull);
        }
    };

    void forget_older_than(steady_clock::time_point limit) {
        while (!order_.empty() && order_.front().first < limit) {
            seen_.erase(order_.front().second);
            order_.pop_front();
        }
    }

    std::chrono::seconds window_;
    std::size_t max_remembered_;
    std::unordered_map<key_type, steady_clock::time_point, key_hash> seen_;
    std::deque<std::pair<steady_clock::time_point, key_type>> order_;
};

/// "N requests per minute" as a sliding window: a request is refused while
/// N others were accepted during the last `window`.
class rate_limiter {
public:
    rate_limiter(std::size_t limit, std::chrono::milliseconds window) : limit_(limit), window_(window) {}

    bool admit(const std::string& secret_id, steady_clock::time_point now) {
        auto& times = accepted_[secret_id];
        while (!times.empty() && times.front() <= now - window_) times.pop_front();
        if (times.size() >= limit_) return false;
        times.push_back(now);
        return true;
    }

private:
    std::size_t limit_;
    std::chrono::milliseconds window_;
    std::unordered_map<std::string, std::deque<steady_clock::time_point>> accepted_;
};

}  // namespace mock_vod

#endif
