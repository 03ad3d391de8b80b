// Decoded requests as one line of JSON, keyed by wire names, for
// `tcvod verify`. The SecretKey is never part of a request; Signature is
// left out (it is a MAC, not data).
#ifndef TCVOD_TOOLS_REQUEST_JSON_HPP
#define TCVOD_TOOLS_REQUEST_JSON_HPP

#include "tcvod/json_write.hpp"
#include "tcvod/model.hpp"

#include <string>

namespace tcvod_cli {

using json = tcvod::json_writer<std::string>;

inline void write_common_members(json& w, std::string_view action, const tcvod::common_parameters& c) {
    w.key("Action").value(action);
    w.key("Region").value(c.region);
    w.key("Timestamp").value(c.timestamp);
    w.key("Nonce").value(c.nonce);
    w.key("SecretId").value(c.secret_id);
    if (c.method) w.key("SignatureMethod").value(tcvod::to_string(*c.method));
    if (c.sub_app_id) w.key("SubAppId").value(*c.sub_app_id);
    if (c.token) w.key("Token").value(*c.token);
}

/// An offset as its exact decimal text (a JSON number: `10`, `10.5`).
inline void write_offset(json& w, std::string_view key, tcvod::time_offset offset) {
    char text[tcvod::max_number_chars];
    w.key(key).raw(std::string_view(text, tcvod::format_offset(offset, text)));
}

inline void write_file_clip(json& w, const tcvod::file_clip& f) {
    w.begin_object();
    w.key("id").value(f.id);
    if (f.start_time_offset) write_offset(w, "startTimeOffset", *f.start_time_offset);
    if (f.end_time_offset) write_offset(w, "endTimeOffset", *f.end_time_offset);
    w.end_object();
}

inline void write_stream_clip(json& w, const tcvod::stream_clip& s) {
    w.begin_object();
    w.key("streamId").value(s.stream_id);
    if (s.start_time_stamp) w.key("startTimeStamp").value(*s.start_time_stamp);
    if (s.end_time_stamp) w.key("endTimeStamp").value(*s.end_time_stamp);
    w.end_object();
}

inline std::string to_json(const tcvod::common_parameters& c, const tcvod::run_procedure_request& r) {
    std::string out;
    json w(out);
    w.begin_object();
    write_common_members(w, tcvod::run_procedure_request::action, c);
    w.key("inputType").value(tcvod::to_string(r.type));
    if (r.file) write_file_clip(w.key("file"), *r.file);
    if (!r.file_list.empty()) {
        w.key("fileList").begin_array();
        for (const auto& f : r.file_list) write_file_clip(w, f);
        w.end_array();
    }
    if (r.stream) write_stream_clip(w.key("stream"), *r.stream);
    if (!r.stream_list.empty()) {
        w.key("streamList").begin_array();
        for (const auto& s : r.stream_list) write_stream_clip(w, s);
        w.end_array();
    }
    if (r.pull) {
        w.key("pull").begin_object();
        w.key("url").value(r.pull->url);
        w.key("fileName").value(r.pull->file_name);
        if (r.pull->file_md5) w.key("fileMd5").value(*r.pull->file_md5);
        if (r.pull->class_id) w.key("classId").value(*r.pull->class_id);
        w.end_object();
    }
    w.key("procedure").value(r.procedure);
    if (r.notify) w.key("notifyMode").value(tcvod::to_string(*r.notify));
    if (r.priority) w.key("priority").value(*r.priority);
    w.end_object();
    return out;
}

}  // namespace tcvod_cli

#endif
