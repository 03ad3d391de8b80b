// The mock VOD v2 service, without HTTP: a request's method, path, query,
// body and content type in; an HTTP status and a JSON body out. It checks
// what the real gateway checks (signature, Timestamp window, Nonce reuse,
// rate limits), decodes and validates through tcvod, runs RunProcedure
// against a fixed set of files, and produces ProcedureStateChanged events
// over time, delivered as HTTP callbacks and through PullEvent/ConfirmEvent.
#ifndef TCVOD_EXAMPLES_MOCK_VOD_SERVICE_HPP
#define TCVOD_EXAMPLES_MOCK_VOD_SERVICE_HPP

#include "mock_vod/event_queue.hpp"
#include "mock_vod/guards.hpp"
#include "mock_vod/tasks.hpp"
#include "mock_vod/timed_worker.hpp"

#include <tcvod/event_requests.hpp>
#include <tcvod/flatten.hpp>
#include <tcvod/number.hpp>
#include <tcvod/query_decode.hpp>
#include <tcvod/response_encode.hpp>
#include <tcvod/sign.hpp>
#include <tcvod/vod_error.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <ctime>
#include <functional>
#include <iterator>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace mock_vod {

/// Every knob of the mock. Durations are small in tests, realistic by default.
struct service_config {
    std::string secret_id;
    std::string sign_host{tcvod::default_host};  // the host clients sign, not the one they connect to
    std::string path{tcvod::default_path};
    std::chrono::seconds timestamp_window{300};  // the API's documented 5 minutes
    std::size_t run_procedure_limit = 100;       // per rate_window
    std::size_t event_api_limit = 1000;          // PullEvent and ConfirmEvent, per rate_window
    std::chrono::milliseconds rate_window{60000};
    std::chrono::milliseconds duplicate_window{60000};  // same procedure on the same input -> 50005
    std::chrono::milliseconds handle_ttl{30000};        // a msgHandle must be confirmed within this
    std::chrono::milliseconds pull_wait{5000};          // PullEvent long poll
    std::chrono::milliseconds task_step{300};           // time between sub-task state changes
    std::size_t max_events_per_pull = 16;
    std::size_t max_queued_events = 10000;  // the oldest is dropped beyond this
};

/// File IDs the mock knows (10008 for any other in file.id / fileList.n.id):
/// the examples of the API pages.
inline const std::vector<std::string>& known_file_ids() {
    static const std::vector<std::string> ids = {"14508071098244959037", "14508071098244966759", "12345", "67899"};
    return ids;
}

struct reply {
    int http_status = 200;
    std::string body;  // JSON
};

/// Waits between delivery attempts; false means the service is stopping.
using pause_function = std::function<bool(std::chrono::milliseconds)>;
/// Sends one callback body; returns a line for the log. Runs on the
/// callback thread, never on a request thread.
using callback_sender = std::function<std::string(const std::string& body, const pause_function& pause)>;
using log_sink = std::function<void(const std::string& line)>;

class vod_service {
public:
    vod_service(service_config config, std::string_view secret_key, callback_sender send_callback, log_sink log)
        : config_(std::move(config)),
          signer_(secret_key),
          send_callback_(std::move(send_callback)),
          log_(std::move(log)),
          replay_(config_.timestamp_window),
          run_procedure_rate_(config_.run_procedure_limit, config_.rate_window),
          event_api_rate_(config_.event_api_limit, config_.rate_window),
          events_(config_.handle_ttl, config_.max_queued_events, std::random_device{}()),
          random_(std::random_device{}()) {}

    ~vod_service() { stop(); }

    /// Wakes long polls, drops pending task steps and callbacks.
    void stop() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stopping_ = true;
        }
        events_changed_.notify_all();
        task_clock_.stop();
        callbacks_.stop();
    }

    /// One API call. `method` is GET or POST (the HTTP layer answers others).
    reply handle(tcvod::http_method method, std::string_view path, std::string_view query, std::string_view body,
                 std::string_view content_type) {
        call c;
        c.method = method;
        reply r = dispatch(c, path, query, body, content_type);
        log_call(c, r);
        return r;
    }

    /// The body for an HTTP-level failure (malformed request, wrong method).
    static std::string transport_error_body(std::string_view reason) {
        return error_body(tcvod::vod_errc::invalid_request_parameters, reason);
    }

private:
    using code = tcvod::vod_errc;

    /// What one call did, for the log line.
    struct call {
        tcvod::http_method method = tcvod::http_method::get;
        std::string action, secret_id, summary;
        int code = 0;
    };

    reply dispatch(call& c, std::string_view path, std::string_view query, std::string_view body,
                   std::string_view content_type) {
        if (path != config_.path) return fail(c, code::invalid_request_parameters, "no API at this path", 404);
        std::string_view input = query;
        if (c.method == tcvod::http_method::post) {
            // The API reads POST parameters from the form body only.
            if (!is_form(content_type))
                return fail(c, code::invalid_request_parameters, "POST body must be application/x-www-form-urlencoded");
            input = body;
        }
        tcvod::query_parameters params;
        tcvod::diagnostics diag;
        if (!params.parse(input, decode_options_, diag))
            return fail(c, code::invalid_request_parameters, describe(diag));
        summarize(params, c);

        // Authentication first: nothing unauthenticated touches the Nonce memory or the quotas.
        auto secret_id = params.find("SecretId");
        if (!secret_id || secret_id->empty()) return fail(c, code::authentication_failed, "SecretId: is required");
        if (*secret_id != config_.secret_id) return fail(c, code::secret_id_not_found, "SecretId does not exist");
        tcvod::endpoint where{c.method, config_.sign_host, config_.path};
        switch (params.verify(signer_, where)) {
        case tcvod::errc::ok: break;
        case tcvod::errc::missing_signature: return fail(c, code::authentication_failed, "Signature: is required");
        default: return fail(c, code::authentication_failed, "signature does not match");
        }

        auto timestamp = read_int(params, "Timestamp");
        auto nonce = read_int(params, "Nonce");
        if (!timestamp)
            return fail(c, code::invalid_request_parameters, "Timestamp: is required and must be an integer");
        if (!nonce) return fail(c, code::invalid_request_parameters, "Nonce: is required and must be an integer");
        auto now = steady_clock::now();
        auto action = params.find("Action").value_or(std::string_view());
        {
            std::lock_guard<std::mutex> lock(mutex_);
            switch (replay_.check(c.secret_id, *timestamp, *nonce, unix_now(), now)) {
            case replay_guard::verdict::fresh: break;
            case replay_guard::verdict::stale_timestamp:
                return fail(c, code::replay_attack, "Timestamp is outside the accepted window");
            case replay_guard::verdict::reused_nonce: return fail(c, code::replay_attack, "Nonce has been used before");
            }
            bool event_api = action == "PullEvent" || action == "ConfirmEvent";
            if (action == "RunProcedure" && !run_procedure_rate_.admit(c.secret_id, now))
                return fail(c, code::quota_exceeded, "RunProcedure request rate exceeds the quota");
            if (event_api && !event_api_rate_.admit(c.secret_id, now))
                return fail(c, code::quota_exceeded, "event API request rate exceeds the quota");
        }
        if (action == "RunProcedure") return run_procedure(c, params);
        if (action == "PullEvent") return pull_event(c, params);
        if (action == "ConfirmEvent") return confirm_event(c, params);
        if (action.empty()) return fail(c, code::invalid_request_parameters, "Action: is required");
        return fail(c, code::invalid_request_parameters, "Action: is not an action of this API");
    }

    reply run_procedure(call& c, const tcvod::query_parameters& params) {
        tcvod::decoded_request<tcvod::run_procedure_request> decoded;
        tcvod::diagnostics diag;
        if (!tcvod::decode_request(params, decoded, decode_options_, diag))
            return fail(c, code::invalid_request_parameters, describe(diag));
        const auto& request = decoded.request;
        if (auto unknown = first_unknown_file(request))
            return fail(c, code::file_not_found, std::string(unknown->view()) + ": file does not exist");

        auto now = steady_clock::now();
        auto flow = std::make_shared<task_flow>();
        {
            std::lock_guard<std::mutex> lock(mutex_);
            std::string key = duplicate_key(c.secret_id, request);
            forget_old_submissions(now);
            if (recent_submissions_.count(key))
                return fail(c, code::procedure_task_exists,
                            "a task with the same procedure on the same input already exists");
            recent_submissions_[key] = now;
            // SingleFile works on its file; clips, concatenations and pulls make a new one.
            std::string file_id = request.type == tcvod::input_type::single_file
                                      ? request.file->id
                                      : "52858907" + std::to_string(800000000000ull + ++files_made_);
            *flow = plan_task(request, "procedure-" + random_hex(32), std::move(file_id));
        }
        schedule(flow, now);
        c.summary += " -> vodTaskId=" + flow->vod_task_id;
        tcvod::response r;
        r.code = 0;
        r.code_desc = "Success";
        r.vod_task_id = flow->vod_task_id;
        return encode(r);
    }

    /// Returns the available events at once, else waits up to pull_wait
    /// for one (a long poll), then answers with an empty eventList.
    reply pull_event(call& c, const tcvod::query_parameters& params) {
        tcvod::decoded_request<tcvod::pull_event_request> decoded;
        tcvod::diagnostics diag;
        if (!tcvod::decode_request(params, decoded, decode_options_, diag))
            return fail(c, code::invalid_request_parameters, describe(diag));
        tcvod::pull_event_response r;
        r.code = 0;
        r.code_desc = "Success";
        auto deadline = steady_clock::now() + config_.pull_wait;
        std::unique_lock<std::mutex> lock(mutex_);
        for (;;) {
            auto now = steady_clock::now();
            for (const auto& leased : events_.lease(config_.max_events_per_pull, now))
                r.events.push_back(tcvod::pulled_event{leased.handle, *leased.event});
            if (!r.events.empty() || now >= deadline || stopping_) break;
            // Wake when an event arrives, a handle expires, or the poll ends.
            auto wake = std::min(deadline, events_.next_expiry(now).value_or(deadline));
            events_changed_.wait_until(lock, wake);
        }
        lock.unlock();
        c.summary += " -> " + std::to_string(r.events.size()) + " event(s)";
        std::string body;
        tcvod::encode_pull_event_response(r, body);
        return reply{200, std::move(body)};
    }

    /// Confirms every live handle; an unknown or expired one is error 4000
    /// (as the API documents), after the live ones are confirmed.
    reply confirm_event(call& c, const tcvod::query_parameters& params) {
        tcvod::decoded_request<tcvod::confirm_event_request> decoded;
        tcvod::diagnostics diag;
        if (!tcvod::decode_request(params, decoded, decode_options_, diag))
            return fail(c, code::invalid_request_parameters, describe(diag));
        const auto& handles = decoded.request.msg_handles;
        std::optional<std::size_t> first_dead;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            auto now = steady_clock::now();
            for (std::size_t i = 0; i < handles.size(); ++i)
                if (!events_.confirm(handles[i], now) && !first_dead) first_dead = i;
        }
        c.summary += " -> " + std::to_string(handles.size()) + " handle(s)";
        if (first_dead)
            return fail(c, code::invalid_request_parameters,
                        "msgHandle." + std::to_string(*first_dead) + ": is unknown or has expired");
        tcvod::response r;
        r.code_desc = "Success";
        return encode(r);
    }

    // ---- tasks and events ----

    /// Sub-task k finishes at step k+1.
    void schedule(const std::shared_ptr<task_flow>& flow, steady_clock::time_point start) {
        for (std::size_t k = 0; k < flow->state.process_tasks.size(); ++k) {
            auto due = start + config_.task_step * static_cast<long>(k + 1);
            task_clock_.at(due, [this, flow, k] { advance(*flow, k); });
        }
    }

    /// Runs on the task clock: one sub-task finishes; its event (if
    /// notifyMode asks for one) goes to the PullEvent queue and the callback.
    void advance(task_flow& flow, std::size_t k) {
        auto e = finish_sub_task(flow, k);
        if (!e) return;
        std::string status(tcvod::to_string(e->procedure_state->status));
        std::string body;
        tcvod::encode_event(*e, body);
        bool kept_all = true;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            kept_all = events_.push(std::move(*e));
        }
        events_changed_.notify_all();
        if (!kept_all) log_("event queue full: the oldest unconfirmed event was dropped");
        log_("event " + flow.vod_task_id + " " + status + " (" + std::to_string(k + 1) + "/" +
             std::to_string(flow.state.process_tasks.size()) + " sub-tasks done): queued for PullEvent");
        if (send_callback_)
            callbacks_.at(steady_clock::now(), [this, body = std::move(body), id = flow.vod_task_id, status] {
                auto pause = [this](std::chrono::milliseconds d) { return callbacks_.sleep_for(d); };
                log_("callback " + id + " " + status + ": " + send_callback_(body, pause));
            });
    }

    // ---- helpers ----

    /// API errors come with HTTP 200, as the real API's do (the SDKs treat
    /// any other status as a transport failure).
    static reply fail(call& c, tcvod::vod_errc error, std::string_view message, int http_status = 200) {
        c.code = static_cast<int>(error);
        return reply{http_status, error_body(error, message)};
    }

    static std::string error_body(tcvod::vod_errc code, std::string_view message) {
        tcvod::response r;
        r.code = static_cast<int>(code);
        r.message.assign(message.data(), message.size());
        r.code_desc = code_desc(code);
        return encode(r).body;
    }

    static reply encode(const tcvod::response& r) {
        reply out;
        tcvod::encode_response(r, out.body);
        return out;
    }

    /// The codeDesc values real API 2.0 answers are known to carry.
    static std::optional<std::string> code_desc(tcvod::vod_errc code) {
        switch (code) {
        case tcvod::vod_errc::authentication_failed: return "AuthFailure";
        case tcvod::vod_errc::invalid_request_parameters: return "InvalidParameter";
        default: return std::nullopt;
        }
    }

    /// Up to three problems, each `path: reason` (never a value).
    static std::string describe(const tcvod::diagnostics& diag) {
        std::string text;
        std::size_t shown = 0;
        for (const auto& e : diag) {
            if (shown == 3) break;
            if (shown++) text += "; ";
            text += e.message();
        }
        if (diag.size() > shown) text += "; and " + std::to_string(diag.size() - shown) + " more";
        return text;
    }

    static bool is_form(std::string_view content_type) {
        std::string_view expected = "application/x-www-form-urlencoded";
        if (content_type.size() < expected.size()) return false;
        for (std::size_t i = 0; i < expected.size(); ++i)
            if (std::tolower(static_cast<unsigned char>(content_type[i])) != expected[i]) return false;
        return content_type.size() == expected.size() || content_type[expected.size()] == ';' ||
               content_type[expected.size()] == ' ';
    }

    static std::optional<std::int64_t> read_int(const tcvod::query_parameters& params, std::string_view key) {
        auto text = params.find(key);
        if (!text) return std::nullopt;
        return tcvod::parse_int64(*text);
    }

    static std::int64_t unix_now() { return static_cast<std::int64_t>(std::time(nullptr)); }

    static std::optional<tcvod::field_path> first_unknown_file(const tcvod::run_procedure_request& r) {
        auto known = [](const std::string& id) {
            const auto& ids = known_file_ids();
            return std::find(ids.begin(), ids.end(), id) != ids.end();
        };
        if (r.type == tcvod::input_type::single_file && !known(r.file->id)) return tcvod::field_path("file.id");
        if (r.type == tcvod::input_type::multi_file)
            for (std::size_t i = 0; i < r.file_list.size(); ++i)
                if (!known(r.file_list[i].id)) return tcvod::field_path("fileList.").append_index(i).append(".id");
        return std::nullopt;
    }

    /// The procedure and the input, as the library flattens them (notifyMode
    /// and priority do not make a task different).
    static std::string duplicate_key(const std::string& secret_id, const tcvod::run_procedure_request& r) {
        std::string key = secret_id;
        tcvod::visit_action_parameters(r, [&](std::string_view k, std::string_view v) {
            if (k == "notifyMode" || k == "priority") return;
            key.push_back('\n');
            key.append(k.data(), k.size());
            key.push_back('=');
            key.append(v.data(), v.size());
        });
        return key;
    }

    void forget_old_submissions(steady_clock::time_point now) {
        for (auto it = recent_submissions_.begin(); it != recent_submissions_.end();)
            it = now - it->second >= config_.duplicate_window ? recent_submissions_.erase(it) : std::next(it);
    }

    std::string random_hex(std::size_t digits) {
        static constexpr char hex[] = "0123456789abcdef";
        std::string out;
        while (out.size() < digits) {
            std::uint64_t bits = random_();
            for (int i = 0; i < 16 && out.size() < digits; ++i, bits >>= 4) out.push_back(hex[bits & 15]);
        }
        return out;
    }

    /// Action and SecretId for the log; never Signature or Token.
    static void summarize(const tcvod::query_parameters& params, call& c) {
        c.action = std::string(params.find("Action").value_or("-"));
        c.secret_id = std::string(params.find("SecretId").value_or(""));
        for (const auto& p : params) {
            if (p.key.empty() || !(p.key[0] >= 'a' && p.key[0] <= 'z')) continue;  // action parameters only
            c.summary += ' ';
            c.summary.append(p.key.data(), p.key.size());
            c.summary += '=';
            c.summary.append(p.value.data(), std::min<std::size_t>(p.value.size(), 48));
            if (p.value.size() > 48) c.summary += "...";
        }
    }

    void log_call(const call& c, const reply& r) {
        std::string line = std::string(tcvod::to_string(c.method)) + " Action=" + (c.action.empty() ? "-" : c.action);
        if (!c.secret_id.empty()) tcvod::write_masked_secret_id(std::back_inserter(line += " SecretId="), c.secret_id);
        line += c.summary;
        line += " => HTTP " + std::to_string(r.http_status) + " code " + std::to_string(c.code);
        log_(line);
    }

    service_config config_;
    tcvod::signer signer_;
    callback_sender send_callback_;
    log_sink log_;
    tcvod::decode_options decode_options_{};

    std::mutex mutex_;  // guards everything below except the workers
    std::condition_variable events_changed_;
    bool stopping_ = false;
    replay_guard replay_;
    rate_limiter run_procedure_rate_;
    rate_limiter event_api_rate_;
    std::unordered_map<std::string, steady_clock::time_point> recent_submissions_;
    event_queue<tcvod::event> events_;
    std::mt19937_64 random_;
    std::uint64_t files_made_ = 0;

    timed_worker task_clock_;  // sub-task state changes
    timed_worker callbacks_;   // HTTP callbacks, in order, off the request threads
};

}  // namespace mock_vod

#endif
