// tcvod decode-response / decode-event: an HTTP response body, a callback
// body or a PullEvent response on stdin -> one line of JSON per result.
#include "cli.hpp"

#include "tcvod/events.hpp"
#include "tcvod/json_write.hpp"
#include "tcvod/response.hpp"
#include "tcvod/response_encode.hpp"
#include "tcvod/vod_error.hpp"

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

namespace tcvod_cli {
namespace {

using json = tcvod::json_writer<std::string>;

int malformed(const char* command, const tcvod::field_error& e) {
    std::fprintf(stderr, "tcvod %s: %s\n", command, e.message().c_str());
    return exit_invalid;
}

/// code, message, codeDesc / vodTaskId when present, category, retryable.
template <class Response>
void write_status_line(const Response& r, const std::optional<std::string_view>& vod_task_id) {
    std::string line;
    json w(line);
    w.begin_object();
    w.key("code").value(r.code);
    w.key("message").value(std::string_view(r.message));
    if (r.code_desc) w.key("codeDesc").value(std::string_view(*r.code_desc));
    if (vod_task_id) w.key("vodTaskId").value(*vod_task_id);
    w.key("category").value(tcvod::to_string(tcvod::category_of(r.code)));
    w.key("retryable").value(tcvod::is_retryable(r.code));
    w.end_object();
    std::printf("%s\n", line.c_str());
}

}  // namespace

int run_decode_response(bool lenient) {
    tcvod::json_decode_options opts;
    opts.lenient = lenient;
    std::string body = read_stdin();
    tcvod::response_decoder decoder(opts);
    auto decoded = decoder.decode(body);
    if (!decoded) return malformed("decode-response", decoded.error());
    write_status_line(*decoded, decoded->vod_task_id);
    return decoded->ok() ? exit_ok : exit_rejected;
}

int run_decode_event(bool lenient) {
    tcvod::json_decode_options opts;
    opts.lenient = lenient;
    std::string body = read_stdin();
    tcvod::event_decoder decoder(opts);
    tcvod::pull_event_response decoded;
    auto kind = decoder.decode_any(body, decoded);
    if (!kind) return malformed("decode-event", kind.error());
    bool pulled = *kind == tcvod::event_body_kind::pull_event_response;
    if (pulled && !decoded.ok()) {
        write_status_line(decoded, std::nullopt);
        return exit_rejected;
    }
    // One line per event: msgHandle (PullEvent only), the layout, then the
    // event's own members as decoded (normalised, wire names).
    std::string line;
    for (const auto& event : decoded.events) {
        line.clear();
        json w(line);
        w.begin_object();
        if (pulled) w.key("msgHandle").value(std::string_view(event.msg_handle));
        w.key("format").value(tcvod::to_string(event.content.format));
        tcvod::write_event_members(w, event.content);
        w.end_object();
        std::printf("%s\n", line.c_str());
    }
    return exit_ok;
}

}  // namespace tcvod_cli
