// Typed event notifications: the 2.0 layout (`{"version":"4.0",
// "eventType":..., "data":{...}}`) with every ProcedureStateChanged task
// type of the 2.0 documentation, the 3.0 layout (`{"EventType":...,
// "ProcedureStateChangeEvent":{...}}`) with its core fields, and the
// PullEvent response. Owning types; the decoder (events.hpp) reuses their
// capacity. Standard library only.
//
// Field names follow the wire (`processTaskList` -> process_tasks).
// Numbers the documentation types as Int are int64; measurements that
// real payloads may send as fractions (duration, fps, confidence, offsets,
// position) are double. Fields that the documentation marks optional, or
// that appear only in some task types, are std::optional or empty vectors.
#ifndef TCVOD_EVENT_MODEL_HPP
#define TCVOD_EVENT_MODEL_HPP

#include "tcvod/config.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace tcvod {
inline namespace v1 {

/// Which callback layout an event came in.
enum class event_format {
    v2,  // "2.0 format": version, eventType, data
    v3,  // "3.0 format": EventType, <Name>Event (accounts created after 2019)
};

constexpr std::string_view to_string(event_format f) noexcept { return f == event_format::v3 ? "3.0" : "2.0"; }

/// `data.status` of ProcedureStateChanged (and `Status` in 3.0).
enum class procedure_status { processing, finish };

constexpr std::string_view to_string(procedure_status s) noexcept {
    return s == procedure_status::finish ? "FINISH" : "PROCESSING";
}
constexpr std::optional<procedure_status> procedure_status_from_wire(std::string_view text) noexcept {
    if (text == "PROCESSING") return procedure_status::processing;
    if (text == "FINISH") return procedure_status::finish;
    return std::nullopt;
}

/// `status` of one task.
enum class task_status { processing, success, fail };

constexpr std::string_view to_string(task_status s) noexcept {
    switch (s) {
    case task_status::processing: return "PROCESSING";
    case task_status::success: return "SUCCESS";
    case task_status::fail: return "FAIL";
    }
    return "";
}
constexpr std::optional<task_status> task_status_from_wire(std::string_view text) noexcept {
    if (text == "PROCESSING") return task_status::processing;
    if (text == "SUCCESS") return task_status::success;
    if (text == "FAIL") return task_status::fail;
    return std::nullopt;
}

/// `taskType`. Unknown names are kept (task::other_type), not refused.
enum class task_type {
    transcode,                // Transcode
    animated_graphics,        // AnimatedGraphics
    sample_snapshot,          // SampleSnapshot
    snapshot_by_time_offset,  // SnapshotByTimeOffset
    cover_by_snapshot,        // CoverBySnapshot
    pull_file,                // PullFile
    image_sprites,            // ImageSprites (documented)
    image_sprite,             // ImageSprite: the first, withdrawn name (quirk Q12)
    porn,                     // Porn (contentReviewList)
    classification,           // Classification (aIAnalysisList)
    tag,                      // Tag (aIAnalysisList)
    other,                    // any other name
};

constexpr std::string_view to_string(task_type t) noexcept {
    switch (t) {
    case task_type::transcode: return "Transcode";
    case task_type::animated_graphics: return "AnimatedGraphics";
    case task_type::sample_snapshot: return "SampleSnapshot";
    case task_type::snapshot_by_time_offset: return "SnapshotByTimeOffset";
    case task_type::cover_by_snapshot: return "CoverBySnapshot";
    case task_type::pull_file: return "PullFile";
    case task_type::image_sprites: return "ImageSprites";
    case task_type::image_sprite: return "ImageSprite";
    case task_type::porn: return "Porn";
    case task_type::classification: return "Classification";
    case task_type::tag: return "Tag";
    case task_type::other: return "";
    }
    return "";
}
constexpr task_type task_type_from_wire(std::string_view text) noexcept {
    constexpr task_type known[] = {task_type::transcode,
                                   task_type::animated_graphics,
                                   task_type::sample_snapshot,
                                   task_type::snapshot_by_time_offset,
                                   task_type::cover_by_snapshot,
                                   task_type::pull_file,
                                   task_type::image_sprites,
                                   task_type::image_sprite,
                                   task_type::porn,
                                   task_type::classification,
                                   task_type::tag};
    for (task_type t : known)
        if (to_string(t) == text) return t;
    return task_type::other;
}

/// An element of `videoStreamList`.
struct video_stream {
    std::optional<std::int64_t> bitrate;
    std::optional<std::int64_t> height;
    std::optional<std::int64_t> width;
    std::optional<std::string> codec;
    std::optional<double> fps;

    auto members() const { return std::tie(bitrate, height, width, codec, fps); }
    friend bool operator==(const video_stream& a, const video_stream& b) { return a.members() == b.members(); }
    friend bool operator!=(const video_stream& a, const video_stream& b) { return !(a == b); }
};

/// An element of `audioStreamList`.
struct audio_stream {
    std::optional<std::int64_t> bitrate;
    std::optional<std::int64_t> sampling_rate;  // samplingRate
    std::optional<std::string> codec;

    auto members() const { return std::tie(bitrate, sampling_rate, codec); }
    friend bool operator==(const audio_stream& a, const audio_stream& b) { return a.members() == b.members(); }
    friend bool operator!=(const audio_stream& a, const audio_stream& b) { return !(a == b); }
};

/// `data.metaData`, and the media part of a Transcode output.
struct media_info {
    std::optional<std::int64_t> size;  // bytes
    std::optional<std::string> container;
    std::optional<std::int64_t> bitrate;  // "kbps" in the table; the examples look like bps (Q10)
    std::optional<std::int64_t> height;
    std::optional<std::int64_t> width;
    std::optional<std::string> md5;
    std::optional<double> duration;           // seconds
    std::optional<std::int64_t> rotate;       // degrees
    std::vector<video_stream> video_streams;  // videoStreamList
    std::vector<audio_stream> audio_streams;  // audioStreamList

    auto members() const {
        return std::tie(size, container, bitrate, height, width, md5, duration, rotate, video_streams, audio_streams);
    }
    friend bool operator==(const media_info& a, const media_info& b) { return a.members() == b.members(); }
    friend bool operator!=(const media_info& a, const media_info& b) { return !(a == b); }
};

/// An element of a Transcode input's `mosaicList` (positions are strings
/// in the documentation; numbers are accepted and kept as their text).
struct mosaic {
    std::optional<std::string> width;
    std::optional<std::string> height;
    std::optional<std::string> left;
    std::optional<std::string> top;
    std::optional<double> start_time_offset;
    std::optional<double> end_time_offset;

    auto members() const { return std::tie(width, height, left, top, start_time_offset, end_time_offset); }
    friend bool operator==(const mosaic& a, const mosaic& b) { return a.members() == b.members(); }
    friend bool operator!=(const mosaic& a, const mosaic& b) { return !(a == b); }
};

/// A task's `input`: the union of every task type's fields.
struct task_input {
    std::optional<std::int64_t> definition;
    std::optional<std::int64_t> watermark;           // Transcode: 1 or 0
    std::vector<mosaic> mosaic_list;                 // Transcode: mosaicList
    std::optional<std::int64_t> start_time;          // AnimatedGraphics: startTime, seconds
    std::optional<std::int64_t> end_time;            // AnimatedGraphics: endTime, seconds
    std::vector<std::int64_t> watermark_definition;  // snapshots: watermarkDefinition
    std::vector<std::int64_t> time_offset;           // SnapshotByTimeOffset: timeOffset, milliseconds
    std::optional<std::string> position_type;        // CoverBySnapshot: positionType, Time or Percent
    std::optional<double> position;                  // CoverBySnapshot
    std::optional<std::string> url;                  // PullFile
    std::optional<std::string> file_name;            // PullFile: fileName
    std::optional<std::string> md5;                  // PullFile: typed Integer in the table, a hex string (Q10)

    auto members() const {
        return std::tie(definition, watermark, mosaic_list, start_time, end_time, watermark_definition, time_offset,
                        position_type, position, url, file_name, md5);
    }
    friend bool operator==(const task_input& a, const task_input& b) { return a.members() == b.members(); }
    friend bool operator!=(const task_input& a, const task_input& b) { return !(a == b); }
};

/// An element of SnapshotByTimeOffset's `imgInfo`.
struct snapshot_image {
    std::optional<std::int64_t> time_offset;  // timeOffset, milliseconds
    std::optional<std::string> url;

    auto members() const { return std::tie(time_offset, url); }
    friend bool operator==(const snapshot_image& a, const snapshot_image& b) { return a.members() == b.members(); }
    friend bool operator!=(const snapshot_image& a, const snapshot_image& b) { return !(a == b); }
};

/// An element of a Porn review's `segments`.
struct review_segment {
    std::optional<double> start_time_offset;
    std::optional<double> end_time_offset;
    std::optional<double> confidence;       // 0-100
    std::optional<std::string> suggestion;  // pass, review or block
    std::optional<std::string> url;
    std::optional<std::int64_t> pic_url_expire_time_stamp;  // picUrlExpireTimeStamp

    auto members() const {
        return std::tie(start_time_offset, end_time_offset, confidence, suggestion, url, pic_url_expire_time_stamp);
    }
    friend bool operator==(const review_segment& a, const review_segment& b) { return a.members() == b.members(); }
    friend bool operator!=(const review_segment& a, const review_segment& b) { return !(a == b); }
};

/// An element of Classification's `classifications`.
struct classification_result {
    std::string classification;
    std::optional<double> confidence;

    auto members() const { return std::tie(classification, confidence); }
    friend bool operator==(const classification_result& a, const classification_result& b) {
        return a.members() == b.members();
    }
    friend bool operator!=(const classification_result& a, const classification_result& b) { return !(a == b); }
};

/// An element of Tag's `tags`.
struct tag_result {
    std::string tag;
    std::optional<double> confidence;

    auto members() const { return std::tie(tag, confidence); }
    friend bool operator==(const tag_result& a, const tag_result& b) { return a.members() == b.members(); }
    friend bool operator!=(const tag_result& a, const tag_result& b) { return !(a == b); }
};

/// A task's `output` (present on success): the union of every task
/// type's fields.
struct task_output {
    std::optional<std::string> url;        // Transcode, AnimatedGraphics, PullFile
    media_info media;                      // Transcode (and container/height/width of AnimatedGraphics)
    std::optional<double> fps;             // AnimatedGraphics
    std::vector<std::string> image_urls;   // SampleSnapshot (and the withdrawn ImageSprite): imageUrls
    std::vector<snapshot_image> img_info;  // SnapshotByTimeOffset: imgInfo
    /// CoverBySnapshot `imageUrl`: a string in the examples, "Array" in the
    /// table (Q10); both are read into this list. One element is written
    /// back as a string, as in the examples.
    std::vector<std::string> image_url;
    std::optional<std::string> file_id;                  // PullFile: fileId
    std::optional<std::string> file_size;                // PullFile: fileSize, typed String (numbers kept as text)
    std::optional<std::int64_t> total_count;             // ImageSprites: totalCount
    std::vector<std::string> url_list;                   // ImageSprites: urlList
    std::optional<std::string> web_vtt_url;              // ImageSprites: webVttUrl
    std::optional<double> confidence;                    // Porn
    std::optional<std::string> suggestion;               // Porn
    std::vector<review_segment> segments;                // Porn
    std::vector<classification_result> classifications;  // Classification
    std::vector<tag_result> tags;                        // Tag

    auto members() const {
        return std::tie(url, media, fps, image_urls, img_info, image_url, file_id, file_size, total_count, url_list,
                        web_vtt_url, confidence, suggestion, segments, classifications, tags);
    }
    friend bool operator==(const task_output& a, const task_output& b) { return a.members() == b.members(); }
    friend bool operator!=(const task_output& a, const task_output& b) { return !(a == b); }
};

/// An element of processTaskList, contentReviewList or aIAnalysisList.
struct task {
    task_type type = task_type::transcode;
    std::string other_type;  // the wire taskType when type is task_type::other, else empty
    task_status status = task_status::processing;
    std::int64_t err_code = 0;  // errCode: 0 success, 30009 source file, 30010 system; see §7.3
    std::string message;
    std::optional<task_input> input;
    std::optional<task_output> output;

    std::string_view type_name() const noexcept {
        return type == task_type::other ? std::string_view(other_type) : to_string(type);
    }

    auto members() const { return std::tie(type, other_type, status, err_code, message, input, output); }
    friend bool operator==(const task& a, const task& b) { return a.members() == b.members(); }
    friend bool operator!=(const task& a, const task& b) { return !(a == b); }
};

/// `data.drm`.
struct drm_info {
    std::optional<std::int64_t> definition;
    std::optional<std::string> key_source;   // keySource: VodBuildInKMS
    std::optional<std::string> get_key_url;  // getKeyUrl
    std::vector<std::string> edk_list;       // edkList

    auto members() const { return std::tie(definition, key_source, get_key_url, edk_list); }
    friend bool operator==(const drm_info& a, const drm_info& b) { return a.members() == b.members(); }
    friend bool operator!=(const drm_info& a, const drm_info& b) { return !(a == b); }
};

/// `data` of a 2.0 ProcedureStateChanged event.
struct procedure_state_changed {
    std::optional<std::string> vod_task_id;  // vodTaskId: in every example, not in the table (Q11)
    procedure_status status = procedure_status::processing;
    std::int64_t err_code = 0;  // errCode
    std::string message;
    std::string file_id;                  // fileId
    std::optional<media_info> meta_data;  // metaData
    std::optional<drm_info> drm;
    std::vector<task> process_tasks;    // processTaskList
    std::vector<task> content_reviews;  // contentReviewList
    std::vector<task> ai_analyses;      // aIAnalysisList

    auto members() const {
        return std::tie(vod_task_id, status, err_code, message, file_id, meta_data, drm, process_tasks, content_reviews,
                        ai_analyses);
    }
    friend bool operator==(const procedure_state_changed& a, const procedure_state_changed& b) {
        return a.members() == b.members();
    }
    friend bool operator!=(const procedure_state_changed& a, const procedure_state_changed& b) { return !(a == b); }
};

/// The core fields of a 3.0 `ProcedureStateChangeEvent`.
struct procedure_state_change_event {
    std::string task_id;  // TaskId
    procedure_status status = procedure_status::processing;
    std::int64_t err_code = 0;  // ErrCode
    std::string message;        // Message
    std::string file_id;        // FileId
    std::string file_name;      // FileName
    std::string file_url;       // FileUrl

    auto members() const { return std::tie(task_id, status, err_code, message, file_id, file_name, file_url); }
    friend bool operator==(const procedure_state_change_event& a, const procedure_state_change_event& b) {
        return a.members() == b.members();
    }
    friend bool operator!=(const procedure_state_change_event& a, const procedure_state_change_event& b) {
        return !(a == b);
    }
};

inline constexpr std::string_view procedure_state_changed_event_type = "ProcedureStateChanged";

/// One event notification: an HTTP callback body or a PullEvent
/// `eventContent`.
struct event {
    event_format format = event_format::v2;
    /// 2.0 `version`, "4.0"; a number on the wire (Q8) is kept as its text.
    /// Not part of the 3.0 layout (ignored there).
    std::string version = "4.0";
    std::string event_type;  // eventType (2.0) or EventType (3.0)
    /// 2.0 with eventType ProcedureStateChanged: the typed `data`.
    std::optional<procedure_state_changed> procedure_state;
    /// 3.0 with EventType ProcedureStateChanged: the core fields.
    std::optional<procedure_state_change_event> procedure_state_v3;
    /// 2.0 with any other eventType (NewFileUpload, ConcatComplete, ...):
    /// `data` as minified JSON, "" when absent.
    std::string data_json;

    friend bool operator==(const event& a, const event& b) {
        return a.format == b.format && (a.format == event_format::v3 || a.version == b.version) &&
               a.event_type == b.event_type && a.procedure_state == b.procedure_state &&
               a.procedure_state_v3 == b.procedure_state_v3 && a.data_json == b.data_json;
    }
    friend bool operator!=(const event& a, const event& b) { return !(a == b); }
};

/// An element of a PullEvent response's `eventList`.
struct pulled_event {
    std::string msg_handle;  // msgHandle: confirm it with ConfirmEvent within 30 s
    event content;           // eventContent

    friend bool operator==(const pulled_event& a, const pulled_event& b) {
        return a.msg_handle == b.msg_handle && a.content == b.content;
    }
    friend bool operator!=(const pulled_event& a, const pulled_event& b) { return !(a == b); }
};

/// A PullEvent response: the envelope plus `eventList` (empty when the
/// long poll returned nothing or `code` is not 0).
struct pull_event_response {
    std::int64_t code = 0;
    std::string message;
    std::optional<std::string> code_desc;
    std::vector<pulled_event> events;  // eventList

    bool ok() const noexcept { return code == 0; }

    friend bool operator==(const pull_event_response& a, const pull_event_response& b) {
        return a.code == b.code && a.message == b.message && a.code_desc == b.code_desc && a.events == b.events;
    }
    friend bool operator!=(const pull_event_response& a, const pull_event_response& b) { return !(a == b); }
};

}  // namespace v1
}  // namespace tcvod

#endif  // TCVOD_EVENT_MODEL_HPP
