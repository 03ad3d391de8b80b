// Typed responses and events -> JSON bodies, for mock servers and tests:
// correct escaping (json_write.hpp), minified, wire field names in the
// documentation's order. decode(encode(x)) == x for every x the decoders
// can produce. Output replaces the contents of a caller-owned string and
// reuses its capacity. Standard library only.
#ifndef TCVOD_RESPONSE_ENCODE_HPP
#define TCVOD_RESPONSE_ENCODE_HPP

#include "tcvod/event_model.hpp"
#include "tcvod/json_write.hpp"
#include "tcvod/response_model.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tcvod {
inline namespace v1 {

namespace detail {

template <class String, class T>
void write_optional_text(json_writer<String>& w, std::string_view key, const std::optional<T>& value) {
    if (value) w.key(key).value(std::string_view(*value));
}

template <class String>
void write_optional_int(json_writer<String>& w, std::string_view key, const std::optional<std::int64_t>& value) {
    if (value) w.key(key).value(*value);
}

template <class String>
void write_optional_number(json_writer<String>& w, std::string_view key, const std::optional<double>& value) {
    if (value) w.key(key).number(*value);
}

template <class String>
void write_string_list(json_writer<String>& w, std::string_view key, const std::vector<std::string>& list) {
    if (list.empty()) return;
    w.key(key).begin_array();
    for (const auto& s : list) w.value(std::string_view(s));
    w.end_array();
}

template <class String>
void write_int_list(json_writer<String>& w, std::string_view key, const std::vector<std::int64_t>& list) {
    if (list.empty()) return;
    w.key(key).begin_array();
    for (auto v : list) w.value(v);
    w.end_array();
}

/// `key: [ {...}, ... ]` with `write(w, element)` for each element.
template <class String, class T, class Write>
void write_object_list(json_writer<String>& w, std::string_view key, const std::vector<T>& list, Write write) {
    if (list.empty()) return;
    w.key(key).begin_array();
    for (const auto& element : list) {
        w.begin_object();
        write(w, element);
        w.end_object();
    }
    w.end_array();
}

template <class String>
void write_media_members(json_writer<String>& w, const media_info& m) {
    write_optional_int(w, "size", m.size);
    write_optional_text(w, "container", m.container);
    write_optional_int(w, "bitrate", m.bitrate);
    write_optional_int(w, "height", m.height);
    write_optional_int(w, "width", m.width);
    write_optional_text(w, "md5", m.md5);
    write_optional_number(w, "duration", m.duration);
    write_optional_int(w, "rotate", m.rotate);
    write_object_list(w, "videoStreamList", m.video_streams, [](json_writer<String>& o, const video_stream& s) {
        write_optional_int(o, "bitrate", s.bitrate);
        write_optional_int(o, "height", s.height);
        write_optional_int(o, "width", s.width);
        write_optional_text(o, "codec", s.codec);
        write_optional_number(o, "fps", s.fps);
    });
    write_object_list(w, "audioStreamList", m.audio_streams, [](json_writer<String>& o, const audio_stream& s) {
        write_optional_text(o, "codec", s.codec);
        write_optional_int(o, "samplingRate", s.sampling_rate);
        write_optional_int(o, "bitrate", s.bitrate);
    });
}

template <class String>
void write_task_input(json_writer<String>& w, const task_input& in) {
    w.begin_object();
    write_optional_int(w, "definition", in.definition);
    write_optional_int(w, "watermark", in.watermark);
    write_object_list(w, "mosaicList", in.mosaic_list, [](json_writer<String>& o, const mosaic& m) {
        write_optional_text(o, "width", m.width);
        write_optional_text(o, "height", m.height);
        write_optional_text(o, "left", m.left);
        write_optional_text(o, "top", m.top);
        write_optional_number(o, "startTimeOffset", m.start_time_offset);
        write_optional_number(o, "endTimeOffset", m.end_time_offset);
    });
    write_optional_int(w, "startTime", in.start_time);
    write_optional_int(w, "endTime", in.end_time);
    write_int_list(w, "watermarkDefinition", in.watermark_definition);
    write_int_list(w, "timeOffset", in.time_offset);
    write_optional_text(w, "positionType", in.position_type);
    write_optional_number(w, "position", in.position);
    write_optional_text(w, "url", in.url);
    write_optional_text(w, "fileName", in.file_name);
    write_optional_text(w, "md5", in.md5);
    w.end_object();
}

template <class String>
void write_task_output(json_writer<String>& w, const task_output& out) {
    w.begin_object();
    write_optional_text(w, "url", out.url);
    write_media_members(w, out.media);
    write_optional_number(w, "fps", out.fps);
    write_string_list(w, "imageUrls", out.image_urls);
    write_object_list(w, "imgInfo", out.img_info, [](json_writer<String>& o, const snapshot_image& i) {
        write_optional_int(o, "timeOffset", i.time_offset);
        write_optional_text(o, "url", i.url);
    });
    if (out.image_url.size() == 1)
        w.key("imageUrl").value(std::string_view(out.image_url.front()));
    else
        write_string_list(w, "imageUrl", out.image_url);
    write_optional_text(w, "fileId", out.file_id);
    write_optional_text(w, "fileSize", out.file_size);
    write_optional_int(w, "totalCount", out.total_count);
    write_string_list(w, "urlList", out.url_list);
    write_optional_text(w, "webVttUrl", out.web_vtt_url);
    write_optional_number(w, "confidence", out.confidence);
    write_optional_text(w, "suggestion", out.suggestion);
    write_object_list(w, "segments", out.segments, [](json_writer<String>& o, const review_segment& s) {
        write_optional_number(o, "startTimeOffset", s.start_time_offset);
        write_optional_number(o, "endTimeOffset", s.end_time_offset);
        write_optional_number(o, "confidence", s.confidence);
        write_optional_text(o, "suggestion", s.suggestion);
        write_optional_text(o, "url", s.url);
        write_optional_int(o, "picUrlExpireTimeStamp", s.pic_url_expire_time_stamp);
    });
    write_object_list(w, "classifications", out.classifications,
                      [](json_writer<String>& o, const classification_result& c) {
                          o.key("classification").value(std::string_view(c.classification));
                          write_optional_number(o, "confidence", c.confidence);
                      });
    write_object_list(w, "tags", out.tags, [](json_writer<String>& o, const tag_result& t) {
        o.key("tag").value(std::string_view(t.tag));
        write_optional_number(o, "confidence", t.confidence);
    });
    w.end_object();
}

template <class String>
void write_task_members(json_writer<String>& w, const task& t) {
    w.key("taskType").value(t.type_name());
    w.key("status").value(to_string(t.status));
    w.key("errCode").value(t.err_code);
    w.key("message").value(std::string_view(t.message));
    if (t.input) write_task_input(w.key("input"), *t.input);
    if (t.output) write_task_output(w.key("output"), *t.output);
}

template <class String>
void write_procedure_state(json_writer<String>& w, const procedure_state_changed& d) {
    w.begin_object();
    write_optional_text(w, "vodTaskId", d.vod_task_id);
    w.key("status").value(to_string(d.status));
    w.key("errCode").value(d.err_code);
    w.key("message").value(std::string_view(d.message));
    w.key("fileId").value(std::string_view(d.file_id));
    if (d.meta_data) {
        w.key("metaData").begin_object();
        write_media_members(w, *d.meta_data);
        w.end_object();
    }
    if (d.drm) {
        w.key("drm").begin_object();
        write_optional_int(w, "definition", d.drm->definition);
        write_optional_text(w, "keySource", d.drm->key_source);
        write_optional_text(w, "getKeyUrl", d.drm->get_key_url);
        write_string_list(w, "edkList", d.drm->edk_list);
        w.end_object();
    }
    auto task_writer = [](json_writer<String>& o, const task& t) { write_task_members(o, t); };
    write_object_list(w, "contentReviewList", d.content_reviews, task_writer);
    write_object_list(w, "aIAnalysisList", d.ai_analyses, task_writer);
    write_object_list(w, "processTaskList", d.process_tasks, task_writer);
    w.end_object();
}

}  // namespace detail

/// The response members into an open writer (for embedding).
template <class String, class Response>
void write_response(json_writer<String>& w, const Response& r) {
    w.begin_object();
    w.key("code").value(r.code);
    w.key("message").value(std::string_view(r.message));
    detail::write_optional_text(w, "codeDesc", r.code_desc);
    detail::write_optional_text(w, "vodTaskId", r.vod_task_id);
    w.end_object();
}

/// `{"code":0,"message":"","vodTaskId":"..."}` (response or response_view).
template <class String, class Response>
void encode_response(const Response& r, String& out) {
    out.clear();
    json_writer<String> w(out);
    write_response(w, r);
}

/// The members of one event in its own layout (2.0 or 3.0), without the
/// braces, so a caller can add its own (the CLI adds msgHandle, format).
/// A 2.0 ProcedureStateChanged event needs `procedure_state`; other 2.0
/// events carry `data_json` (valid JSON, as the decoder produces it).
template <class String>
void write_event_members(json_writer<String>& w, const event& e) {
    if (e.format == event_format::v3) {
        w.key("EventType").value(std::string_view(e.event_type));
        if (e.procedure_state_v3) {
            const procedure_state_change_event& p = *e.procedure_state_v3;
            w.key("ProcedureStateChangeEvent").begin_object();
            w.key("TaskId").value(std::string_view(p.task_id));
            w.key("Status").value(to_string(p.status));
            w.key("ErrCode").value(p.err_code);
            w.key("Message").value(std::string_view(p.message));
            w.key("FileId").value(std::string_view(p.file_id));
            w.key("FileName").value(std::string_view(p.file_name));
            w.key("FileUrl").value(std::string_view(p.file_url));
            w.end_object();
        }
        return;
    }
    w.key("version").value(std::string_view(e.version));
    w.key("eventType").value(std::string_view(e.event_type));
    if (e.procedure_state)
        detail::write_procedure_state(w.key("data"), *e.procedure_state);
    else if (!e.data_json.empty())
        w.key("data").raw(e.data_json);
}

/// One event as a JSON object into an open writer.
template <class String>
void write_event(json_writer<String>& w, const event& e) {
    w.begin_object();
    write_event_members(w, e);
    w.end_object();
}

/// An HTTP callback body.
template <class String>
void encode_event(const event& e, String& out) {
    out.clear();
    json_writer<String> w(out);
    write_event(w, e);
}

/// A PullEvent response body. `eventList` is written when code is 0 or
/// there are events.
template <class String>
void write_pull_event_response(json_writer<String>& w, const pull_event_response& r) {
    w.begin_object();
    w.key("code").value(r.code);
    w.key("message").value(std::string_view(r.message));
    detail::write_optional_text(w, "codeDesc", r.code_desc);
    if (r.code == 0 || !r.events.empty()) {
        w.key("eventList").begin_array();
        for (const auto& pulled : r.events) {
            w.begin_object();
            w.key("msgHandle").value(std::string_view(pulled.msg_handle));
            write_event(w.key("eventContent"), pulled.content);
            w.end_object();
        }
        w.end_array();
    }
    w.end_object();
}

template <class String>
void encode_pull_event_response(const pull_event_response& r, String& out) {
    out.clear();
    json_writer<String> w(out);
    write_pull_event_response(w, r);
}

}  // namespace v1
}  // namespace tcvod

#endif  // TCVOD_RESPONSE_ENCODE_HPP
