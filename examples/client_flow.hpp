// The client side of the examples, whatever the HTTP stack: submit
// RunProcedure for every inputType, decode each answer, then follow the
// tasks' ProcedureStateChanged events (HTTP callbacks, when a receiver
// runs, and PullEvent), confirm what was pulled, and print a trace.
// Everything protocol-shaped goes through tcvod; the stack only moves bytes.
#ifndef TCVOD_EXAMPLES_CLIENT_FLOW_HPP
#define TCVOD_EXAMPLES_CLIENT_FLOW_HPP

#include "support/loopback_url.hpp"

#include <tcvod/encode.hpp>
#include <tcvod/event_requests.hpp>
#include <tcvod/events.hpp>
#include <tcvod/response.hpp>
#include <tcvod/vod_error.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace client_flow {

/// What a transport returns: an error text, or the HTTP status and body.
struct http_result {
    std::string error;
    unsigned status = 0;
    std::string body;
};

/// One HTTP stack. `send` must GET `<url>?<query>` or POST `<url>` with a
/// form body, and return within its own timeout (PullEvent waits up to 5 s).
class transport {
public:
    virtual ~transport() = default;
    virtual http_result send(tcvod::http_method method, const std::string& query_or_body) = 0;
};

struct options {
    examples::loopback_url url;                  // where requests go (plain HTTP on loopback)
    std::string sign_host{tcvod::default_host};  // what the signature covers
    std::string sign_path{tcvod::default_path};
    std::string secret_id = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA";
    std::string region = "gz";
    std::string procedure = "SomeProcedure";
    std::optional<tcvod::notify_mode> notify;  // default: per request, see requests()
    std::chrono::milliseconds timeout{30000};  // for the whole event phase
    bool show_error = true;                    // also send a request the server refuses
    bool expect_callbacks = false;             // a receiver runs: wait for callbacks too
};

/// Flags both clients share. Returns an error text, or "" when `flag` was
/// consumed (with `value`), or "unknown" when it is not a shared flag.
inline std::string take_flag(const std::string& flag, const std::string& value, options& o) {
    if (flag == "--url") {
        std::string problem;
        auto url = examples::parse_loopback_url(value, problem);
        if (!url) return "--url: " + problem;
        if (url->target.find('?') != std::string::npos) return "--url: must not have a query";
        o.url = *url;
    } else if (flag == "--sign-host") {
        o.sign_host = value;
    } else if (flag == "--secret-id") {
        o.secret_id = value;
    } else if (flag == "--region") {
        o.region = value;
    } else if (flag == "--procedure") {
        o.procedure = value;
    } else if (flag == "--notify-mode") {
        auto mode = tcvod::notify_mode_from_wire(value);
        if (!mode) return "--notify-mode: must be Finish, Change or None";
        o.notify = *mode;
    } else if (flag == "--timeout-ms") {
        char* end = nullptr;
        long long ms = std::strtoll(value.c_str(), &end, 10);
        if (*end || ms <= 0) return "--timeout-ms: must be a positive number";
        o.timeout = std::chrono::milliseconds(ms);
    } else if (flag == "--no-error-demo") {
        o.show_error = false;
    } else {
        return "unknown";
    }
    return "";
}

inline constexpr const char* shared_usage =
    "  --url URL            the mock's endpoint, e.g. http://127.0.0.1:PORT/v2/index.php (required;\n"
    "                       plain HTTP on a loopback address: the examples never leave this machine)\n"
    "  --sign-host HOST     the host the signature covers (default vod.api.qcloud.com: the mock\n"
    "                       checks signatures as the real API would)\n"
    "  --secret-id ID       default: the API docs' example AKIDz8krbs...; the key is TCVOD_SECRET_KEY\n"
    "  --region R           default gz\n"
    "  --procedure NAME     default SomeProcedure\n"
    "  --notify-mode MODE   Finish, Change or None for every request (default: Finish, Change for\n"
    "                       MultiFile and PullFile)\n"
    "  --timeout-ms MS      give up waiting for events after this (default 30000)\n"
    "  --no-error-demo      skip the request the server refuses (unknown file ID)\n";

/// Bookkeeping of the event phase, shared with a callback receiver thread.
class event_log {
public:
    void expect(const std::string& task_id, tcvod::notify_mode mode) {
        std::lock_guard<std::mutex> lock(mutex_);
        tasks_[task_id].mode = mode;
    }

    /// Records an event; returns false when it is for an unknown task.
    bool record(const tcvod::event& e, bool via_callback) {
        if (!e.procedure_state || !e.procedure_state->vod_task_id) return false;
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = tasks_.find(*e.procedure_state->vod_task_id);
        if (it == tasks_.end()) return false;
        auto& t = it->second;
        bool finished = e.procedure_state->status == tcvod::procedure_status::finish;
        (via_callback ? t.callbacks : t.pulled) += 1;
        if (finished) (via_callback ? t.finished_by_callback : t.finished_by_pull) = true;
        changed_.notify_all();
        return true;
    }

    /// Every task that notifies finished, by every channel that is expected.
    bool complete(bool need_callbacks) const {
        std::lock_guard<std::mutex> lock(mutex_);
        return complete_locked(need_callbacks);
    }

    bool wait_for_callbacks(std::chrono::steady_clock::time_point deadline) {
        std::unique_lock<std::mutex> lock(mutex_);
        return changed_.wait_until(lock, deadline, [&] {
            for (const auto& [id, t] : tasks_)
                if (t.mode != tcvod::notify_mode::none && !t.finished_by_callback) return false;
            return true;
        });
    }

    void print_summary(const char* stack) const {
        std::lock_guard<std::mutex> lock(mutex_);
        for (const auto& [id, t] : tasks_)
            std::printf("  %s notifyMode %-6s: %d callback(s), %d pulled, finished: %s\n", id.c_str(),
                        std::string(tcvod::to_string(t.mode)).c_str(), t.callbacks, t.pulled,
                        t.mode == tcvod::notify_mode::none ? "(not notified)" : (t.finished_by_pull ? "yes" : "no"));
        (void)stack;
    }

private:
    struct task_state {
        tcvod::notify_mode mode = tcvod::notify_mode::finish;
        int callbacks = 0, pulled = 0;
        bool finished_by_callback = false, finished_by_pull = false;
    };

    bool complete_locked(bool need_callbacks) const {
        for (const auto& [id, t] : tasks_) {
            if (t.mode == tcvod::notify_mode::none) continue;
            if (!t.finished_by_pull || (need_callbacks && !t.finished_by_callback)) return false;
        }
        return true;
    }

    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::map<std::string, task_state> tasks_;
};

/// One line for an event: task, status, and what each sub-task did.
inline std::string describe_event(const tcvod::event& e) {
    if (!e.procedure_state) return e.event_type + " (not a 2.0 ProcedureStateChanged event)";
    const auto& s = *e.procedure_state;
    std::string line =
        s.vod_task_id.value_or("?") + " " + std::string(tcvod::to_string(s.status)) + " fileId " + s.file_id + " [";
    for (std::size_t i = 0; i < s.process_tasks.size(); ++i) {
        if (i) line += ", ";
        const auto& t = s.process_tasks[i];
        line += std::string(t.type_name()) + " " + std::string(tcvod::to_string(t.status));
    }
    return line + "]";
}

/// The RunProcedure requests of the demo: one per inputType, GET and POST,
/// HmacSHA1 and HmacSHA256, on file IDs the mock knows.
struct planned_request {
    tcvod::run_procedure_request request;
    tcvod::http_method method;
    std::optional<tcvod::signature_method> signature;
};

inline std::vector<planned_request> requests(const options& o) {
    using namespace tcvod;
    std::vector<planned_request> out;
    auto add = [&](run_procedure_request r, http_method m, std::optional<signature_method> s, notify_mode mode) {
        r.procedure = o.procedure;
        r.notify = o.notify.value_or(mode);
        out.push_back({std::move(r), m, s});
    };
    run_procedure_request single;
    single.type = input_type::single_file;
    single.file = file_clip{"14508071098244959037", 10.0, 25.5};
    add(single, http_method::get, std::nullopt, notify_mode::finish);

    run_procedure_request multi;
    multi.type = input_type::multi_file;
    multi.file_list = {{"14508071098244959037", 30.0, 100.0}, {"14508071098244966759", 300.5, 400.0}};
    add(multi, http_method::post, signature_method::hmac_sha256, notify_mode::change);

    run_procedure_request stream;
    stream.type = input_type::stream;
    stream.stream = stream_clip{"12345", 1502087538, 1502087638};
    add(stream, http_method::get, signature_method::hmac_sha256, notify_mode::finish);

    run_procedure_request multi_stream;
    multi_stream.type = input_type::multi_stream;
    multi_stream.stream_list = {{"12345", std::nullopt, std::nullopt}, {"23456", 1502087538, 1502087638}};
    add(multi_stream, http_method::post, std::nullopt, notify_mode::finish);

    run_procedure_request pull;
    pull.type = input_type::pull_file;
    pull.pull = pull_source{"https://example.invalid/videos/sample video.mp4", "sample & test", std::nullopt, 3};
    add(pull, http_method::get, std::nullopt, notify_mode::change);
    return out;
}

class runner {
public:
    runner(options o, std::string_view secret_key, transport& t, const char* stack)
        : o_(std::move(o)),
          signer_(secret_key),
          transport_(t),
          stack_(stack),
          nonce_(std::uniform_int_distribution<std::int64_t>(1, 1 << 30)(random_engine())) {}

    event_log& events() noexcept { return log_; }

    /// The whole flow; returns the process exit status (0: everything as expected).
    int run() {
        std::printf("[%s] endpoint %s (signed as host %s)\n", stack_, o_.url.text.c_str(), o_.sign_host.c_str());
        int submitted = 0, accepted = 0;
        for (const auto& planned : requests(o_)) {
            ++submitted;
            if (submit(planned)) ++accepted;
        }
        bool error_demo_ok = !o_.show_error || submit_unknown_file();
        step("waiting for the events of %d task(s)%s", accepted,
             o_.expect_callbacks ? " (callbacks and PullEvent)" : " (PullEvent)");
        bool events_ok = follow_events();
        step("summary");
        log_.print_summary(stack_);
        bool ok = accepted == submitted && error_demo_ok && events_ok && failures_ == 0;
        std::printf("[%s] %s: %d/%d task(s) accepted, %d event(s) pulled, %d confirmed, %d callback(s)\n", stack_,
                    ok ? "OK" : "FAILED", accepted, submitted, pulled_, confirmed_, callbacks_.load());
        std::fflush(stdout);
        return ok ? 0 : 1;
    }

    /// For a callback receiver: decodes and records one callback body.
    /// Returns false when the body is not a valid event.
    bool on_callback(std::string_view body) {
        tcvod::event_decoder decoder;  // one per call: receivers run on many threads
        tcvod::event e;
        auto error = decoder.decode_event(body, e);
        std::lock_guard<std::mutex> lock(print_mutex_);
        if (error.code != tcvod::errc::ok) {
            std::printf("  callback: undecodable body: %s\n", error.message().c_str());
            ++failures_;
            return false;
        }
        ++callbacks_;
        bool known = log_.record(e, true);
        std::printf("  callback   %s%s\n", describe_event(e).c_str(), known ? "" : " (not one of ours)");
        std::fflush(stdout);
        return true;
    }

private:
    template <class... Args>
    void step(const char* format, Args... args) {
        std::lock_guard<std::mutex> lock(print_mutex_);
        std::printf("\n[%s] ", stack_);
        std::printf(format, args...);
        std::printf("\n");
        std::fflush(stdout);
    }

    static std::mt19937_64& random_engine() {
        static std::mt19937_64 engine(std::random_device{}());
        return engine;
    }

    tcvod::common_parameters common(std::optional<tcvod::signature_method> method = std::nullopt) {
        tcvod::common_parameters c;
        c.region = o_.region;
        c.secret_id = o_.secret_id;
        c.timestamp = static_cast<std::int64_t>(std::time(nullptr));
        c.nonce = ++nonce_;  // never reused within the timestamp window
        c.method = method;
        return c;
    }

    /// Encodes (validates, signs) through tcvod and sends. Returns the
    /// encoded request's problems as an HTTP error when it is invalid.
    template <class Request>
    http_result exchange(const Request& request, tcvod::http_method method,
                         std::optional<tcvod::signature_method> signature = std::nullopt) {
        tcvod::encode_options opts;
        opts.where = tcvod::endpoint{method, o_.sign_host, o_.sign_path};
        opts.form = method == tcvod::http_method::get ? tcvod::output_form::query : tcvod::output_form::body;
        std::string wire;
        tcvod::diagnostics problems;
        auto signed_ = tcvod::encode(request, common(signature), signer_, opts, wire, problems);
        if (!signed_) {
            http_result invalid;
            for (const auto& p : problems) invalid.error += p.message() + "; ";
            return invalid;
        }
        std::printf("  -> %s %s%s%s\n", std::string(tcvod::to_string(method)).c_str(), o_.url.target.c_str(),
                    method == tcvod::http_method::get ? "?" : " body: ", without_signature(wire).c_str());
        return transport_.send(method, wire);
    }

    /// The Signature is not a secret, but with the other parameters it is a
    /// request anyone could replay within the Timestamp window: keep it out of traces.
    static std::string without_signature(const std::string& wire) {
        auto at = wire.find("Signature=");
        if (at == std::string::npos) return wire;
        auto end = wire.find('&', at);
        return wire.substr(0, at) + "Signature=(elided)" + (end == std::string::npos ? "" : wire.substr(end));
    }

    /// Decodes a response body with tcvod and prints it; nullopt on a
    /// transport or decoding failure.
    std::optional<tcvod::response> decode(const http_result& r) {
        if (!r.error.empty()) {
            std::printf("  !! %s\n", r.error.c_str());
            return std::nullopt;
        }
        std::printf("  <- HTTP %u %s\n", r.status, r.body.c_str());
        tcvod::response out;
        auto error = responses_.decode(r.body, out);
        if (error.code != tcvod::errc::ok) {
            std::printf("  !! undecodable response: %s\n", error.message().c_str());
            return std::nullopt;
        }
        const auto* info = tcvod::find_vod_error(out.code);
        std::printf("     code %lld (%s, %s%s)%s%s\n", static_cast<long long>(out.code),
                    info ? std::string(info->meaning).c_str() : "unknown code",
                    std::string(tcvod::to_string(tcvod::category_of(out.code))).c_str(),
                    tcvod::is_retryable(out.code) ? ", retryable" : "", out.vod_task_id ? ", vodTaskId " : "",
                    out.vod_task_id ? out.vod_task_id->c_str() : "");
        return out;
    }

    bool submit(const planned_request& p) {
        const auto& r = p.request;
        step("RunProcedure %s over %s, %s, notifyMode %s", std::string(tcvod::to_string(r.type)).c_str(),
             std::string(tcvod::to_string(p.method)).c_str(),
             std::string(tcvod::to_string(p.signature.value_or(tcvod::signature_method::hmac_sha1))).c_str(),
             std::string(tcvod::to_string(*r.notify)).c_str());
        auto answer = decode(exchange(r, p.method, p.signature));
        if (!answer || !answer->ok() || !answer->vod_task_id) {
            ++failures_;
            return false;
        }
        log_.expect(*answer->vod_task_id, *r.notify);
        return true;
    }

    /// A request the server must refuse with 10008, decoded with the catalogue.
    bool submit_unknown_file() {
        step("RunProcedure on a file the server does not have (expect 10008)");
        tcvod::run_procedure_request r;
        r.type = tcvod::input_type::single_file;
        r.file = tcvod::file_clip{"99999999999999999999", std::nullopt, std::nullopt};
        r.procedure = o_.procedure;
        auto answer = decode(exchange(r, tcvod::http_method::get));
        bool ok = answer && answer->error_code() == tcvod::vod_errc::file_not_found;
        if (!ok) ++failures_;
        return ok;
    }

    /// PullEvent until every task finished (and, with a receiver, its
    /// callbacks arrived), confirming each batch.
    bool follow_events() {
        auto deadline = std::chrono::steady_clock::now() + o_.timeout;
        while (!log_.complete(false)) {
            if (std::chrono::steady_clock::now() >= deadline) {
                std::printf("  !! timed out waiting for events\n");
                return false;
            }
            std::printf("  PullEvent\n");
            auto answer = exchange(tcvod::pull_event_request{}, tcvod::http_method::get);
            if (!answer.error.empty()) {
                std::printf("  !! %s\n", answer.error.c_str());
                ++failures_;
                return false;
            }
            tcvod::pull_event_response pulled;
            auto error = events_.decode_pull_event_response(answer.body, pulled);
            if (error.code != tcvod::errc::ok || !pulled.ok()) {
                std::printf("  !! PullEvent failed: %s\n",
                            error.code != tcvod::errc::ok ? error.message().c_str() : pulled.message.c_str());
                ++failures_;
                return false;
            }
            std::printf("  <- HTTP %u, %zu event(s)\n", answer.status, pulled.events.size());
            tcvod::confirm_event_request confirm;
            for (const auto& e : pulled.events) {
                ++pulled_;
                bool known = log_.record(e.content, false);
                std::printf("  pulled     %s%s\n", describe_event(e.content).c_str(),
                            known ? "" : " (not one of ours)");
                confirm.msg_handles.push_back(e.msg_handle);
            }
            if (confirm.msg_handles.empty()) continue;
            std::printf("  ConfirmEvent %zu handle(s)\n", confirm.msg_handles.size());
            auto confirmed = decode(exchange(confirm, tcvod::http_method::post));
            if (!confirmed || !confirmed->ok()) {
                ++failures_;
                return false;
            }
            confirmed_ += static_cast<int>(confirm.msg_handles.size());
        }
        if (o_.expect_callbacks && !log_.wait_for_callbacks(deadline)) {
            std::printf("  !! timed out waiting for callbacks\n");
            return false;
        }
        return true;
    }

    options o_;
    tcvod::signer signer_;
    transport& transport_;
    const char* stack_;
    std::int64_t nonce_;
    tcvod::response_decoder responses_;
    tcvod::event_decoder events_;
    event_log log_;
    std::mutex print_mutex_;
    int pulled_ = 0, confirmed_ = 0;
    std::atomic<int> callbacks_{0}, failures_{0};  // the receiver thread counts too
};

}  // namespace client_flow

#endif
