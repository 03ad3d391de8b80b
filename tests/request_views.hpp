// The view form (run_procedure_request_view, common_parameters_view) of an
// owning request, over storage the caller keeps alive: lets tests and fuzz
// targets check that both forms validate and encode identically.
#ifndef TCVOD_TESTS_REQUEST_VIEWS_HPP
#define TCVOD_TESTS_REQUEST_VIEWS_HPP

#include "tcvod/model.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace tcvod_test {

inline tcvod::file_clip_view view_of(const tcvod::file_clip& c) {
    return {c.id, c.start_time_offset, c.end_time_offset};
}
inline tcvod::stream_clip_view view_of(const tcvod::stream_clip& c) {
    return {c.stream_id, c.start_time_stamp, c.end_time_stamp};
}
inline tcvod::pull_source_view view_of(const tcvod::pull_source& p) {
    tcvod::pull_source_view v{p.url, p.file_name, std::nullopt, p.class_id};
    if (p.file_md5) v.file_md5 = std::string_view(*p.file_md5);
    return v;
}

inline tcvod::common_parameters_view view_of(const tcvod::common_parameters& c) {
    tcvod::common_parameters_view v{c.region, c.timestamp, c.nonce, c.secret_id, c.method, std::nullopt, c.sub_app_id};
    if (c.token) v.token = std::string_view(*c.token);
    return v;
}

/// Holds the view lists; the owning request must outlive it.
struct request_view_storage {
    std::vector<tcvod::file_clip_view> files;
    std::vector<tcvod::stream_clip_view> streams;
    tcvod::run_procedure_request_view request;

    explicit request_view_storage(const tcvod::run_procedure_request& r) {
        for (const auto& c : r.file_list) files.push_back(view_of(c));
        for (const auto& c : r.stream_list) streams.push_back(view_of(c));
        request.type = r.type;
        if (r.file) request.file = view_of(*r.file);
        request.file_list = files;
        if (r.stream) request.stream = view_of(*r.stream);
        request.stream_list = streams;
        if (r.pull) request.pull = view_of(*r.pull);
        request.procedure = r.procedure;
        request.notify = r.notify;
        request.priority = r.priority;
    }
    request_view_storage(const request_view_storage&) = delete;
    request_view_storage& operator=(const request_view_storage&) = delete;
};

}  // namespace tcvod_test

#endif  // TCVOD_TESTS_REQUEST_VIEWS_HPP
