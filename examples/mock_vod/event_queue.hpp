// Reliable event delivery as PullEvent/ConfirmEvent describe it: a pull
// leases every available event under a fresh msgHandle; ConfirmEvent with a
// live handle removes the event; a handle that expires unconfirmed makes
// its event available again (under a new handle on the next pull). Time is
// passed in. Not thread-safe: the service holds its lock around it.
#ifndef TCVOD_EXAMPLES_MOCK_VOD_EVENT_QUEUE_HPP
#define TCVOD_EXAMPLES_MOCK_VOD_EVENT_QUEUE_HPP

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <list>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace mock_vod {

template <class Event>
class event_queue {
public:
    using clock = std::chrono::steady_clock;

    struct leased {
        std::string handle;
        const Event* event;  // valid until the next call that changes the queue
    };

    event_queue(std::chrono::milliseconds handle_ttl, std::size_t capacity, std::uint64_t seed)
        : handle_ttl_(handle_ttl), capacity_(capacity), random_(seed) {}

    /// Returns false when the queue was full and its oldest event was dropped
    /// (nobody pulls: memory stays bounded).
    bool push(Event event) {
        bool dropped = entries_.size() >= capacity_;
        if (dropped) entries_.pop_front();
        entries_.push_back(entry{std::move(event), {}, {}});
        return !dropped;
    }

    /// Leases up to `max` events that are not under a live handle.
    std::vector<leased> lease(std::size_t max, clock::time_point now) {
        std::vector<leased> out;
        for (auto& e : entries_) {
            if (out.size() == max) break;
            if (!e.handle.empty() && e.expires > now) continue;
            e.handle = new_handle();
            e.expires = now + handle_ttl_;
            out.push_back({e.handle, &e.event});
        }
        return out;
    }

    /// True when the handle is live; its event is gone afterwards.
    bool confirm(std::string_view handle, clock::time_point now) {
        for (auto it = entries_.begin(); it != entries_.end(); ++it) {
            if (it->handle != handle) continue;
            if (it->expires <= now) return false;
            entries_.erase(it);
            return true;
        }
        return false;
    }

    bool has_available(clock::time_point now) const {
        for (const auto& e : entries_)
            if (e.handle.empty() || e.expires <= now) return true;
        return false;
    }

    /// When the next live handle expires (a long poll wakes up then).
    std::optional<clock::time_point> next_expiry(clock::time_point now) const {
        std::optional<clock::time_point> first;
        for (const auto& e : entries_)
            if (!e.handle.empty() && e.expires > now && (!first || e.expires < *first)) first = e.expires;
        return first;
    }

    std::size_t size() const noexcept { return entries_.size(); }

private:
    struct entry {
        Event event;
        std::string handle;  // empty: never leased
        clock::time_point expires;
    };

    /// Opaque and unguessable enough for a mock: a counter plus 64 random bits.
    std::string new_handle() {
        static constexpr char hex[] = "0123456789abcdef";
        std::string h = "MsgHandle-" + std::to_string(++leases_) + "-";
        std::uint64_t bits = random_();
        for (int i = 0; i < 16; ++i, bits >>= 4) h.push_back(hex[bits & 15]);
        return h;
    }

    std::chrono::milliseconds handle_ttl_;
    std::size_t capacity_;
    std::mt19937_64 random_;
    std::uint64_t leases_ = 0;
    std::list<entry> entries_;
};

}  // namespace mock_vod

#endif
