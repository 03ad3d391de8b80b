// One thread that runs jobs at their due time, in due-time order (ties in
// submission order). stop() drops what has not run yet and joins.
#ifndef TCVOD_EXAMPLES_MOCK_VOD_TIMED_WORKER_HPP
#define TCVOD_EXAMPLES_MOCK_VOD_TIMED_WORKER_HPP

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <utility>

namespace mock_vod {

class timed_worker {
public:
    using clock = std::chrono::steady_clock;

    timed_worker() : thread_([this] { run(); }) {}
    ~timed_worker() { stop(); }
    timed_worker(const timed_worker&) = delete;
    timed_worker& operator=(const timed_worker&) = delete;

    void at(clock::time_point due, std::function<void()> job) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (stopping_) return;
            jobs_.emplace(std::make_pair(due, ++sequence_), std::move(job));
        }
        wake_.notify_one();
    }

    void stop() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (stopping_) return;
            stopping_ = true;
            jobs_.clear();
        }
        wake_.notify_one();
        if (thread_.joinable()) thread_.join();
    }

    /// True while stop() has not been called; long jobs check it between steps.
    bool running() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return !stopping_;
    }

    /// Sleeps up to `delay`; returns false at once when stop() is called.
    bool sleep_for(std::chrono::milliseconds delay) {
        std::unique_lock<std::mutex> lock(mutex_);
        return !wake_.wait_for(lock, delay, [this] { return stopping_; });
    }

private:
    void run() {
        std::unique_lock<std::mutex> lock(mutex_);
        for (;;) {
            if (stopping_) return;
            if (jobs_.empty()) {
                wake_.wait(lock);
                continue;
            }
            auto first = jobs_.begin();
            const clock::time_point due = first->first.first;  // a copy: stop() may clear the map while we wait
            if (due > clock::now()) {
                wake_.wait_until(lock, due);
                continue;
            }
            auto job = std::move(first->second);
            jobs_.erase(first);
            lock.unlock();
            job();
            lock.lock();
        }
    }

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::map<std::pair<clock::time_point, std::uint64_t>, std::function<void()>> jobs_;
    std::uint64_t sequence_ = 0;
    bool stopping_ = false;
    std::thread thread_;  // last: starts after the members it uses
};

}  // namespace mock_vod

#endif
