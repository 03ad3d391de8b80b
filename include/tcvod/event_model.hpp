// Typed event notifications: the 2.0 layout (`{"version":"4.0",
// "eventType":..., "data":{...}}`) with every ProcedureStateChanged task
// type of the 2.0 documentation, the 3.0 layout (`{"EventType":...,
// "ProcedureStateChangeEvent":{...}}`) with its core fields, and the
// PullEvent response. Standard library only.
//
// Each struct is one template over how it holds strings and lists
// (model.hpp's storages), in two forms:
// - owning (`event`, `pull_event_response`, `task`, ...): std::string and
//   std::vector; the decoder (events.hpp) reuses their capacity;
// - views (`event_view`, `pull_event_response_view`, `task_view`, ...):
//   std::string_view and list_view into the body and the decoder's buffers,
//   valid until that decoder is used again (events.hpp). Decoding into them
//   allocates nothing once the decoder has seen a body of the same shape.
// `assign(owning, view)` and `to_owned(view)` copy a view into the owning form.
//
// Field names follow the wire (`processTaskList` -> process_tasks).
// Numbers the documentation types as Int are int64; measurements that
// real payloads may send as fractions (duration, fps, confidence, offsets,
// position) are double. Fields that the documentation marks optional, or
// that appear only in some task types, are std::optional or empty vectors.
#ifndef TCVOD_EVENT_MODEL_HPP
#define TCVOD_EVENT_MODEL_HPP

#include "tcvod/config.hpp"
#include "tcvod/model.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace tcvod {
inline namespace v1 {

/// Which callback layout an event came in.
enum class event_format {
    v2,  // "2.0 format": version, eventType, data
    v3,  // "3.0 format": EventType, <Name>Event (accounts created after 2019)
};

constexpr std::string_view to_string(event_format f) noexcept { return f == event_format::v3 ? "3.0" : "2.0"; }

/// What basic_event_decoder::decode_any found (events.hpp). Declared before
/// the pull_event_response alias, whose name its enumerator reuses.
enum class event_body_kind {
    callback,             // one event (an HTTP callback body)
    pull_event_response,  // a PullEvent response
};

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
template <class Storage>
struct basic_video_stream {
    std::optional<std::int64_t> bitrate;
    std::optional<std::int64_t> height;
    std::optional<std::int64_t> width;
    std::optional<typename Storage::string> codec;
    std::optional<double> fps;

    template <class Self>
    static auto tie(Self& s) {
        return std::tie(s.bitrate, s.height, s.width, s.codec, s.fps);
    }
    auto members() const { return tie(*this); }
    friend bool operator==(const basic_video_stream& a, const basic_video_stream& b) {
        return a.members() == b.members();
    }
    friend bool operator!=(const basic_video_stream& a, const basic_video_stream& b) { return !(a == b); }
};

/// An element of `audioStreamList`.
template <class Storage>
struct basic_audio_stream {
    std::optional<std::int64_t> bitrate;
    std::optional<std::int64_t> sampling_rate;  // samplingRate
    std::optional<typename Storage::string> codec;

    template <class Self>
    static auto tie(Self& s) {
        return std::tie(s.bitrate, s.sampling_rate, s.codec);
    }
    auto members() const { return tie(*this); }
    friend bool operator==(const basic_audio_stream& a, const basic_audio_stream& b) {
        return a.members() == b.members();
    }
    friend bool operator!=(const basic_audio_stream& a, const basic_audio_stream& b) { return !(a == b); }
};

/// `data.metaData`, and the media part of a Transcode output.
template <class Storage>
struct basic_media_info {
    using string_type = typename Storage::string;
    template <class T>
    using list_type = typename Storage::template list<T>;

    std::optional<std::int64_t> size;  // bytes
    std::optional<string_type> container;
    std::optional<std::int64_t> bitrate;  // "kbps" in the table; the examples look like bps (Q10)
    std::optional<std::int64_t> height;
    std::optional<std::int64_t> width;
    std::optional<string_type> md5;
    std::optional<double> duration;                        // seconds
    std::optional<std::int64_t> rotate;                    // degrees
    list_type<basic_video_stream<Storage>> video_streams;  // videoStreamList
    list_type<basic_audio_stream<Storage>> audio_streams;  // audioStreamList

    template <class Self>
    static auto tie(Self& s) {
        return std::tie(s.size, s.container, s.bitrate, s.height, s.width, s.md5, s.duration, s.rotate, s.video_streams,
                        s.audio_streams);
    }
    auto members() const { return tie(*this); }
    friend bool operator==(const basic_media_info& a, const basic_media_info& b) { return a.members() == b.members(); }
    friend bool operator!=(const basic_media_info& a, const basic_media_info& b) { return !(a == b); }
};

/// An element of a Transcode input's `mosaicList` (positions are strings
/// in the documentation; numbers are accepted and kept as their text).
template <class Storage>
struct basic_mosaic {
    std::optional<typename Storage::string> width;
    std::optional<typename Storage::string> height;
    std::optional<typename Storage::string> left;
    std::optional<typename Storage::string> top;
    std::optional<double> start_time_offset;
    std::optional<double> end_time_offset;

    template <class Self>
    static auto tie(Self& s) {
        return std::tie(s.width, s.height, s.left, s.top, s.start_time_offset, s.end_time_offset);
    }
    auto members() const { return tie(*this); }
    friend bool operator==(const basic_mosaic& a, const basic_mosaic& b) { return a.members() == b.members(); }
    friend bool operator!=(const basic_mosaic& a, const basic_mosaic& b) { return !(a == b); }
};

/// A task's `input`: the union of every task type's fields.
template <class Storage>
struct basic_task_input {
    using string_type = typename Storage::string;
    template <class T>
    using list_type = typename Storage::template list<T>;

    std::optional<std::int64_t> definition;
    std::optional<std::int64_t> watermark;         // Transcode: 1 or 0
    list_type<basic_mosaic<Storage>> mosaic_list;  // Transcode: mosaicList
    std::optional<std::int64_t> start_time;        // AnimatedGraphics: startTime, seconds
    std::optional<std::int64_t> end_time;          // AnimatedGraphics: endTime, seconds
    list_type<std::int64_t> watermark_definition;  // snapshots: watermarkDefinition
    list_type<std::int64_t> time_offset;           // SnapshotByTimeOffset: timeOffset, milliseconds
    std::optional<string_type> position_type;      // CoverBySnapshot: positionType, Time or Percent
    std::optional<double> position;                // CoverBySnapshot
    std::optional<string_type> url;                // PullFile
    std::optional<string_type> file_name;          // PullFile: fileName
    std::optional<string_type> md5;                // PullFile: typed Integer in the table, a hex string (Q10)

    template <class Self>
    static auto tie(Self& s) {
        return std::tie(s.definition, s.watermark, s.mosaic_list, s.start_time, s.end_time, s.watermark_definition,
                        s.time_offset, s.position_type, s.position, s.url, s.file_name, s.md5);
    }
    auto members() const { return tie(*this); }
    friend bool operator==(const basic_task_input& a, const basic_task_input& b) { return a.members() == b.members(); }
    friend bool operator!=(const basic_task_input& a, const basic_task_input& b) { return !(a == b); }
};

/// An element of SnapshotByTimeOffset's `imgInfo`.
template <class Storage>
struct basic_snapshot_image {
    std::optional<std::int64_t> time_offset;  // timeOffset, milliseconds
    std::optional<typename Storage::string> url;

    template <class Self>
    static auto tie(Self& s) {
        return std::tie(s.time_offset, s.url);
    }
    auto members() const { return tie(*this); }
    friend bool operator==(const basic_snapshot_image& a, const basic_snapshot_image& b) {
        return a.members() == b.members();
    }
    friend bool operator!=(const basic_snapshot_image& a, const basic_snapshot_image& b) { return !(a == b); }
};

/// An element of a Porn review's `segments`.
template <class Storage>
struct basic_review_segment {
    std::optional<double> start_time_offset;
    std::optional<double> end_time_offset;
    std::optional<double> confidence;                    // 0-100
    std::optional<typename Storage::string> suggestion;  // pass, review or block
    std::optional<typename Storage::string> url;
    std::optional<std::int64_t> pic_url_expire_time_stamp;  // picUrlExpireTimeStamp

    template <class Self>
    static auto tie(Self& s) {
        return std::tie(s.start_time_offset, s.end_time_offset, s.confidence, s.suggestion, s.url,
                        s.pic_url_expire_time_stamp);
    }
    auto members() const { return tie(*this); }
    friend bool operator==(const basic_review_segment& a, const basic_review_segment& b) {
        return a.members() == b.members();
    }
    friend bool operator!=(const basic_review_segment& a, const basic_review_segment& b) { return !(a == b); }
};

/// An element of Classification's `classifications`.
template <class Storage>
struct basic_classification_result {
    typename Storage::string classification;
    std::optional<double> confidence;

    template <class Self>
    static auto tie(Self& s) {
        return std::tie(s.classification, s.confidence);
    }
    auto members() const { return tie(*this); }
    friend bool operator==(const basic_classification_result& a, const basic_classification_result& b) {
        return a.members() == b.members();
    }
    friend bool operator!=(const basic_classification_result& a, const basic_classification_result& b) {
        return !(a == b);
    }
};

/// An element of Tag's `tags`.
template <class Storage>
struct basic_tag_result {
    typename Storage::string tag;
    std::optional<double> confidence;

    template <class Self>
    static auto tie(Self& s) {
        return std::tie(s.tag, s.confidence);
    }
    auto members() const { return tie(*this); }
    friend bool operator==(const basic_tag_result& a, const basic_tag_result& b) { return a.members() == b.members(); }
    friend bool operator!=(const basic_tag_result& a, const basic_tag_result& b) { return !(a == b); }
};

/// A task's `output` (present on success): the union of every task
/// type's fields.
template <class Storage>
struct basic_task_output {
    using string_type = typename Storage::string;
    template <class T>
    using list_type = typename Storage::template list<T>;

    std::optional<string_type> url;                     // Transcode, AnimatedGraphics, PullFile
    basic_media_info<Storage> media;                    // Transcode (and container/height/width of AnimatedGraphics)
    std::optional<double> fps;                          // AnimatedGraphics
    list_type<string_type> image_urls;                  // SampleSnapshot (and the withdrawn ImageSprite): imageUrls
    list_type<basic_snapshot_image<Storage>> img_info;  // SnapshotByTimeOffset: imgInfo
    /// CoverBySnapshot `imageUrl`: a string in the examples, "Array" in the
    /// table (Q10); both are read into this list. One element is written
    /// back as a string, as in the examples.
    list_type<string_type> image_url;
    std::optional<string_type> file_id;                 // PullFile: fileId
    std::optional<string_type> file_size;               // PullFile: fileSize, typed String (numbers kept as text)
    std::optional<std::int64_t> total_count;            // ImageSprites: totalCount
    list_type<string_type> url_list;                    // ImageSprites: urlList
    std::optional<string_type> web_vtt_url;             // ImageSprites: webVttUrl
    std::optional<double> confidence;                   // Porn
    std::optional<string_type> suggestion;              // Porn
    list_type<basic_review_segment<Storage>> segments;  // Porn
    list_type<basic_classification_result<Storage>> classifications;  // Classification
    list_type<basic_tag_result<Storage>> tags;                        // Tag

    template <class Self>
    static auto tie(Self& s) {
        return std::tie(s.url, s.media, s.fps, s.image_urls, s.img_info, s.image_url, s.file_id, s.file_size,
                        s.total_count, s.url_list, s.web_vtt_url, s.confidence, s.suggestion, s.segments,
                        s.classifications, s.tags);
    }
    auto members() const { return tie(*this); }
    friend bool operator==(const basic_task_output& a, const basic_task_output& b) {
        return a.members() == b.members();
    }
    friend bool operator!=(const basic_task_output& a, const basic_task_output& b) { return !(a == b); }
};

/// An element of processTaskList, contentReviewList or aIAnalysisList.
template <class Storage>
struct basic_task {
    task_type type = task_type::transcode;
    typename Storage::string other_type;  // the wire taskType when type is task_type::other, else empty
    task_status status = task_status::processing;
    std::int64_t err_code = 0;  // errCode: 0 success, 30009 source file, 30010 system; see §7.3
    typename Storage::string message;
    std::optional<basic_task_input<Storage>> input;
    std::optional<basic_task_output<Storage>> output;

    std::string_view type_name() const noexcept {
        return type == task_type::other ? std::string_view(other_type) : to_string(type);
    }

    template <class Self>
    static auto tie(Self& s) {
        return std::tie(s.type, s.other_type, s.status, s.err_code, s.message, s.input, s.output);
    }
    auto members() const { return tie(*this); }
    friend bool operator==(const basic_task& a, const basic_task& b) { return a.members() == b.members(); }
    friend bool operator!=(const basic_task& a, const basic_task& b) { return !(a == b); }
};

/// `data.drm`.
template <class Storage>
struct basic_drm_info {
    std::optional<std::int64_t> definition;
    std::optional<typename Storage::string> key_source;                  // keySource: VodBuildInKMS
    std::optional<typename Storage::string> get_key_url;                 // getKeyUrl
    typename Storage::template list<typename Storage::string> edk_list;  // edkList

    template <class Self>
    static auto tie(Self& s) {
        return std::tie(s.definition, s.key_source, s.get_key_url, s.edk_list);
    }
    auto members() const { return tie(*this); }
    friend bool operator==(const basic_drm_info& a, const basic_drm_info& b) { return a.members() == b.members(); }
    friend bool operator!=(const basic_drm_info& a, const basic_drm_info& b) { return !(a == b); }
};

/// `data` of a 2.0 ProcedureStateChanged event.
template <class Storage>
struct basic_procedure_state_changed {
    using string_type = typename Storage::string;
    using task_list = typename Storage::template list<basic_task<Storage>>;

    std::optional<string_type> vod_task_id;  // vodTaskId: in every example, not in the table (Q11)
    procedure_status status = procedure_status::processing;
    std::int64_t err_code = 0;  // errCode
    string_type message;
    string_type file_id;                                 // fileId
    std::optional<basic_media_info<Storage>> meta_data;  // metaData
    std::optional<basic_drm_info<Storage>> drm;
    task_list process_tasks;    // processTaskList
    task_list content_reviews;  // contentReviewList
    task_list ai_analyses;      // aIAnalysisList

    template <class Self>
    static auto tie(Self& s) {
        return std::tie(s.vod_task_id, s.status, s.err_code, s.message, s.file_id, s.meta_data, s.drm, s.process_tasks,
                        s.content_reviews, s.ai_analyses);
    }
    auto members() const { return tie(*this); }
    friend bool operator==(const basic_procedure_state_changed& a, const basic_procedure_state_changed& b) {
        return a.members() == b.members();
    }
    friend bool operator!=(const basic_procedure_state_changed& a, const basic_procedure_state_changed& b) {
        return !(a == b);
    }
};

/// The core fields of a 3.0 `ProcedureStateChangeEvent`.
template <class Storage>
struct basic_procedure_state_change_event {
    typename Storage::string task_id;  // TaskId
    procedure_status status = procedure_status::processing;
    std::int64_t err_code = 0;           // ErrCode
    typename Storage::string message;    // Message
    typename Storage::string file_id;    // FileId
    typename Storage::string file_name;  // FileName
    typename Storage::string file_url;   // FileUrl

    template <class Self>
    static auto tie(Self& s) {
        return std::tie(s.task_id, s.status, s.err_code, s.message, s.file_id, s.file_name, s.file_url);
    }
    auto members() const { return tie(*this); }
    friend bool operator==(const basic_procedure_state_change_event& a, const basic_procedure_state_change_event& b) {
        return a.members() == b.members();
    }
    friend bool operator!=(const basic_procedure_state_change_event& a, const basic_procedure_state_change_event& b) {
        return !(a == b);
    }
};

inline constexpr std::string_view procedure_state_changed_event_type = "ProcedureStateChanged";

/// One event notification: an HTTP callback body or a PullEvent
/// `eventContent`.
template <class Storage>
struct basic_event {
    using string_type = typename Storage::string;

    event_format format = event_format::v2;
    /// 2.0 `version`, "4.0"; a number on the wire (Q8) is kept as its text.
    /// Not part of the 3.0 layout (ignored there).
    string_type version = "4.0";
    string_type event_type;  // eventType (2.0) or EventType (3.0)
    /// 2.0 with eventType ProcedureStateChanged: the typed `data`.
    std::optional<basic_procedure_state_changed<Storage>> procedure_state;
    /// 3.0 with EventType ProcedureStateChanged: the core fields.
    std::optional<basic_procedure_state_change_event<Storage>> procedure_state_v3;
    /// 2.0 with any other eventType (NewFileUpload, ConcatComplete, ...):
    /// `data` as minified JSON, "" when absent.
    string_type data_json;

    template <class Self>
    static auto tie(Self& s) {
        return std::tie(s.format, s.version, s.event_type, s.procedure_state, s.procedure_state_v3, s.data_json);
    }
    friend bool operator==(const basic_event& a, const basic_event& b) {
        return a.format == b.format && (a.format == event_format::v3 || a.version == b.version) &&
               a.event_type == b.event_type && a.procedure_state == b.procedure_state &&
               a.procedure_state_v3 == b.procedure_state_v3 && a.data_json == b.data_json;
    }
    friend bool operator!=(const basic_event& a, const basic_event& b) { return !(a == b); }
};

/// An element of a PullEvent response's `eventList`.
template <class Storage>
struct basic_pulled_event {
    typename Storage::string msg_handle;  // msgHandle: confirm it with ConfirmEvent within 30 s
    basic_event<Storage> content;         // eventContent

    template <class Self>
    static auto tie(Self& s) {
        return std::tie(s.msg_handle, s.content);
    }
    friend bool operator==(const basic_pulled_event& a, const basic_pulled_event& b) {
        return a.msg_handle == b.msg_handle && a.content == b.content;
    }
    friend bool operator!=(const basic_pulled_event& a, const basic_pulled_event& b) { return !(a == b); }
};

/// A PullEvent response: the envelope plus `eventList` (empty when the
/// long poll returned nothing or `code` is not 0).
template <class Storage>
struct basic_pull_event_response {
    std::int64_t code = 0;
    typename Storage::string message;
    std::optional<typename Storage::string> code_desc;
    typename Storage::template list<basic_pulled_event<Storage>> events;  // eventList

    bool ok() const noexcept { return code == 0; }

    template <class Self>
    static auto tie(Self& s) {
        return std::tie(s.code, s.message, s.code_desc, s.events);
    }
    friend bool operator==(const basic_pull_event_response& a, const basic_pull_event_response& b) {
        return a.code == b.code && a.message == b.message && a.code_desc == b.code_desc && a.events == b.events;
    }
    friend bool operator!=(const basic_pull_event_response& a, const basic_pull_event_response& b) { return !(a == b); }
};

// The owning forms: std::string and std::vector.
using video_stream = basic_video_stream<owning_storage>;
using audio_stream = basic_audio_stream<owning_storage>;
using media_info = basic_media_info<owning_storage>;
using mosaic = basic_mosaic<owning_storage>;
using task_input = basic_task_input<owning_storage>;
using snapshot_image = basic_snapshot_image<owning_storage>;
using review_segment = basic_review_segment<owning_storage>;
using classification_result = basic_classification_result<owning_storage>;
using tag_result = basic_tag_result<owning_storage>;
using task_output = basic_task_output<owning_storage>;
using task = basic_task<owning_storage>;
using drm_info = basic_drm_info<owning_storage>;
using procedure_state_changed = basic_procedure_state_changed<owning_storage>;
using procedure_state_change_event = basic_procedure_state_change_event<owning_storage>;
using event = basic_event<owning_storage>;
using pulled_event = basic_pulled_event<owning_storage>;
using pull_event_response = basic_pull_event_response<owning_storage>;

// The view forms: std::string_view and list_view into the body and the
// decoder's buffers (valid until the decoder is used again; events.hpp).
using video_stream_view = basic_video_stream<view_storage>;
using audio_stream_view = basic_audio_stream<view_storage>;
using media_info_view = basic_media_info<view_storage>;
using mosaic_view = basic_mosaic<view_storage>;
using task_input_view = basic_task_input<view_storage>;
using snapshot_image_view = basic_snapshot_image<view_storage>;
using review_segment_view = basic_review_segment<view_storage>;
using classification_result_view = basic_classification_result<view_storage>;
using tag_result_view = basic_tag_result<view_storage>;
using task_output_view = basic_task_output<view_storage>;
using task_view = basic_task<view_storage>;
using drm_info_view = basic_drm_info<view_storage>;
using procedure_state_changed_view = basic_procedure_state_changed<view_storage>;
using procedure_state_change_event_view = basic_procedure_state_change_event<view_storage>;
using event_view = basic_event<view_storage>;
using pulled_event_view = basic_pulled_event<view_storage>;
using pull_event_response_view = basic_pull_event_response<view_storage>;

namespace detail {

template <class T>
struct is_std_vector : std::false_type {};
template <class T, class A>
struct is_std_vector<std::vector<T, A>> : std::true_type {};
template <class T>
struct is_std_optional : std::false_type {};
template <class T>
struct is_std_optional<std::optional<T>> : std::true_type {};
template <class T, class = void>
struct has_member_tie : std::false_type {};
template <class T>
struct has_member_tie<T, std::void_t<decltype(T::tie(std::declval<T&>()))>> : std::true_type {};

template <class To, class From>
void copy_to_owned(To& to, const From& from);

template <class To, class From, std::size_t... I>
void copy_members_to_owned(const To& to, const From& from, std::index_sequence<I...>) {
    (copy_to_owned(std::get<I>(to), std::get<I>(from)), ...);
}

/// Member by member (through each struct's tie()), reusing the capacity
/// of `to`'s strings and vectors.
template <class To, class From>
void copy_to_owned(To& to, const From& from) {
    if constexpr (std::is_same_v<To, std::string>) {
        to.assign(from.data(), from.size());
    } else if constexpr (is_std_vector<To>::value) {
        to.resize(from.size());
        for (std::size_t i = 0; i < from.size(); ++i) copy_to_owned(to[i], from[i]);
    } else if constexpr (is_std_optional<To>::value) {
        if (!from) {
            to.reset();
            return;
        }
        if (!to) to.emplace();
        copy_to_owned(*to, *from);
    } else if constexpr (has_member_tie<To>::value) {
        auto to_members = To::tie(to);
        auto from_members = From::tie(from);
        copy_members_to_owned(to_members, from_members,
                              std::make_index_sequence<std::tuple_size<decltype(to_members)>::value>());
    } else {
        to = from;
    }
}

}  // namespace detail

/// Copies a view (event_view, pull_event_response_view, task_view, ...)
/// into its owning form, reusing the capacity of `out`'s strings and vectors.
template <template <class> class Model>
void assign(Model<owning_storage>& out, const Model<view_storage>& in) {
    detail::copy_to_owned(out, in);
}

/// The owning copy of a view.
template <template <class> class Model>
Model<owning_storage> to_owned(const Model<view_storage>& in) {
    Model<owning_storage> out;
    detail::copy_to_owned(out, in);
    return out;
}

}  // namespace v1
}  // namespace tcvod

#endif  // TCVOD_EVENT_MODEL_HPP
