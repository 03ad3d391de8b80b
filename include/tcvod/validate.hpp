// Validation per inputType: one piece of code, used by the encoder (it
// refuses to emit an invalid request) and by the server-side decoder, for
// owning and view requests alike. Standard library only (pull.url is
// checked by url_check.hpp; TCVOD_USE_BOOST_URL checks it with Boost.URL).
#ifndef TCVOD_VALIDATE_HPP
#define TCVOD_VALIDATE_HPP

#include "tcvod/error.hpp"
#include "tcvod/model.hpp"
#include "tcvod/number.hpp"
#include "tcvod/url_check.hpp"

#include <cstddef>
#include <optional>
#include <string_view>

namespace tcvod {
inline namespace v1 {

struct validation_options {
    /// Skips the semantic checks (number ranges, end >= start, Nonce > 0).
    /// Structural checks (required and foreign fields, enumerations, number
    /// grammar, URL and MD5 formats) always run.
    bool lenient = false;
};

inline constexpr std::int64_t min_priority = -10;
inline constexpr std::int64_t max_priority = 10;

namespace detail {

inline constexpr const char* required_reason[] = {
    "is required when inputType is SingleFile", "is required when inputType is MultiFile",
    "is required when inputType is Stream",     "is required when inputType is MultiStream",
    "is required when inputType is PullFile",
};
inline constexpr const char* foreign_reason[] = {
    "is not valid when inputType is SingleFile", "is not valid when inputType is MultiFile",
    "is not valid when inputType is Stream",     "is not valid when inputType is MultiStream",
    "is not valid when inputType is PullFile",
};

inline const char* required_for(input_type t) noexcept { return required_reason[static_cast<int>(t)]; }
inline const char* foreign_for(input_type t) noexcept { return foreign_reason[static_cast<int>(t)]; }

/// Reports `prefix[index.]field`, building the path in its slot: no
/// field_path temporaries on the validator's stack.
template <class Diagnostics>
void add_at(Diagnostics& diag, errc code, std::string_view prefix, const std::size_t* index, std::string_view field,
            const char* reason) noexcept {
    if (field_path* path = diag.add_empty(code, reason)) {
        path->append(prefix);
        if (index) path->append_index(*index).append(".");
        path->append(field);
    }
}

inline bool is_hex_digit(char c) noexcept {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

}  // namespace detail

/// 32 hex digits (either case).
inline bool is_md5_hex(std::string_view text) noexcept {
    if (text.size() != 32) return false;
    for (char c : text)
        if (!detail::is_hex_digit(c)) return false;
    return true;
}

namespace detail {

template <class Diagnostics>
void check_offset(const std::optional<time_offset>& offset, std::string_view prefix, const std::size_t* index,
                  std::string_view field, Diagnostics& diag) {
    if (offset && !offset->valid())
        add_at(diag, errc::invalid_number, prefix, index, field,
               "must be seconds with at most 6 decimal places, within +-9223372036854 s");
}

template <class Storage, class Diagnostics>
void check_file_clip(const basic_file_clip<Storage>& clip, std::string_view prefix, const std::size_t* index,
                     input_type t, const validation_options& opts, Diagnostics& diag) {
    if (clip.id.empty()) add_at(diag, errc::missing_field, prefix, index, "id", required_for(t));
    check_offset(clip.start_time_offset, prefix, index, "startTimeOffset", diag);
    check_offset(clip.end_time_offset, prefix, index, "endTimeOffset", diag);
    if (!opts.lenient && clip.start_time_offset && clip.end_time_offset && clip.start_time_offset->valid() &&
        clip.end_time_offset->valid() && *clip.end_time_offset < *clip.start_time_offset)
        add_at(diag, errc::bad_order, prefix, index, "endTimeOffset", "must not be less than startTimeOffset");
}

template <class Storage, class Diagnostics>
void check_stream_clip(const basic_stream_clip<Storage>& clip, std::string_view prefix, const std::size_t* index,
                       input_type t, bool timestamps_required, const validation_options& opts, Diagnostics& diag) {
    if (clip.stream_id.empty()) add_at(diag, errc::missing_field, prefix, index, "streamId", required_for(t));
    if (timestamps_required && !clip.start_time_stamp)
        add_at(diag, errc::missing_field, prefix, index, "startTimeStamp", required_for(t));
    if (timestamps_required && !clip.end_time_stamp)
        add_at(diag, errc::missing_field, prefix, index, "endTimeStamp", required_for(t));
    if (opts.lenient) return;
    if (clip.start_time_stamp && *clip.start_time_stamp < 0)
        add_at(diag, errc::out_of_range, prefix, index, "startTimeStamp", "must not be negative");
    if (clip.end_time_stamp && *clip.end_time_stamp < 0)
        add_at(diag, errc::out_of_range, prefix, index, "endTimeStamp", "must not be negative");
    if (clip.start_time_stamp && clip.end_time_stamp && *clip.end_time_stamp < *clip.start_time_stamp)
        add_at(diag, errc::bad_order, prefix, index, "endTimeStamp", "must not be less than startTimeStamp");
}

/// The first field that is set, to name a foreign object precisely
/// (empty: the object has none, and is named alone).
template <class Storage>
std::string_view first_field(const basic_file_clip<Storage>& c) noexcept {
    if (!c.id.empty()) return "id";
    if (c.start_time_offset) return "startTimeOffset";
    if (c.end_time_offset) return "endTimeOffset";
    return {};
}
template <class Storage>
std::string_view first_field(const basic_stream_clip<Storage>& c) noexcept {
    if (!c.stream_id.empty()) return "streamId";
    if (c.start_time_stamp) return "startTimeStamp";
    if (c.end_time_stamp) return "endTimeStamp";
    return {};
}
template <class Storage>
std::string_view first_field(const basic_pull_source<Storage>& p) noexcept {
    if (!p.url.empty()) return "url";
    if (!p.file_name.empty()) return "fileName";
    if (p.file_md5) return "fileMd5";
    if (p.class_id) return "classId";
    return {};
}

/// `object.field` for the first field set, or `object` alone (`object`
/// comes with its dot: "file.").
template <class Diagnostics, class Object>
void add_foreign(Diagnostics& diag, std::string_view object, const Object& o, input_type t) noexcept {
    const std::string_view field = first_field(o);
    if (field.empty())
        diag.add(errc::unexpected_field, std::string_view(object.data(), object.size() - 1), foreign_for(t));
    else
        add_at(diag, errc::unexpected_field, object, nullptr, field, foreign_for(t));
}

}  // namespace detail

/// Common parameters (Action and Signature are the encoder's own).
template <class Storage, std::size_t Capacity>
void validate(const basic_common_parameters<Storage>& c, const validation_options& opts,
              basic_diagnostics<Capacity>& diag) {
    if (c.region.empty()) diag.add(errc::missing_field, "Region", "is required");
    if (c.secret_id.empty()) diag.add(errc::missing_field, "SecretId", "is required");
    if (c.token && c.token->empty()) diag.add(errc::empty_value, "Token", "must not be empty when present");
    if (opts.lenient) return;
    if (c.timestamp < 0) diag.add(errc::out_of_range, "Timestamp", "must not be negative");
    if (c.nonce <= 0) diag.add(errc::out_of_range, "Nonce", "must be a positive integer");
    if (c.sub_app_id && *c.sub_app_id <= 0) diag.add(errc::out_of_range, "SubAppId", "must be a positive integer");
}

/// RunProcedure: what each inputType requires, what it forbids, and the
/// value rules. Reports every problem (up to diagnostics::capacity).
template <class Storage, std::size_t Capacity>
void validate(const basic_run_procedure_request<Storage>& r, const validation_options& opts,
              basic_diagnostics<Capacity>& diag) {
    const input_type t = r.type;
    using detail::foreign_for;
    using detail::required_for;

    // Objects of other inputTypes.
    if (r.file && t != input_type::single_file) detail::add_foreign(diag, "file.", *r.file, t);
    if (!r.file_list.empty() && t != input_type::multi_file)
        diag.add(errc::unexpected_field, "fileList", foreign_for(t));
    if (r.stream && t != input_type::stream) detail::add_foreign(diag, "stream.", *r.stream, t);
    if (!r.stream_list.empty() && t != input_type::multi_stream)
        diag.add(errc::unexpected_field, "streamList", foreign_for(t));
    if (r.pull && t != input_type::pull_file) detail::add_foreign(diag, "pull.", *r.pull, t);

    switch (t) {
    case input_type::single_file:
        if (!r.file)
            diag.add(errc::missing_field, "file.id", required_for(t));
        else
            detail::check_file_clip(*r.file, "file.", nullptr, t, opts, diag);
        break;
    case input_type::multi_file:
        if (r.file_list.empty()) diag.add(errc::missing_field, "fileList.0.id", required_for(t));
        for (std::size_t i = 0; i < r.file_list.size(); ++i)
            detail::check_file_clip(r.file_list[i], "fileList.", &i, t, opts, diag);
        break;
    case input_type::stream:
        if (!r.stream) {
            diag.add(errc::missing_field, "stream.streamId", required_for(t));
            diag.add(errc::missing_field, "stream.startTimeStamp", required_for(t));
            diag.add(errc::missing_field, "stream.endTimeStamp", required_for(t));
        } else {
            detail::check_stream_clip(*r.stream, "stream.", nullptr, t, true, opts, diag);
        }
        break;
    case input_type::multi_stream:
        if (r.stream_list.empty()) diag.add(errc::missing_field, "streamList.0.streamId", required_for(t));
        for (std::size_t i = 0; i < r.stream_list.size(); ++i)
            detail::check_stream_clip(r.stream_list[i], "streamList.", &i, t, false, opts, diag);
        break;
    case input_type::pull_file:
        if (!r.pull) {
            diag.add(errc::missing_field, "pull.url", required_for(t));
            diag.add(errc::missing_field, "pull.fileName", required_for(t));
            break;
        }
        if (r.pull->url.empty())
            diag.add(errc::missing_field, "pull.url", required_for(t));
        else if (!is_pull_url(r.pull->url))
            diag.add(errc::invalid_url, "pull.url", "must be an absolute http or https URL with a host");
        if (r.pull->file_name.empty()) diag.add(errc::missing_field, "pull.fileName", required_for(t));
        if (r.pull->file_md5 && !is_md5_hex(*r.pull->file_md5))
            diag.add(errc::invalid_md5, "pull.fileMd5", "must be 32 hex digits");
        if (!opts.lenient && r.pull->class_id && *r.pull->class_id < 0)
            diag.add(errc::out_of_range, "pull.classId", "must not be negative");
        break;
    }

    if (r.procedure.empty()) diag.add(errc::missing_field, "procedure", "is required and must not be empty");
    if (!opts.lenient && r.priority && (*r.priority < min_priority || *r.priority > max_priority))
        diag.add(errc::out_of_range, "priority", "must be between -10 and 10");
}

/// Both, in wire order of importance: common first.
template <class Storage, class Request, std::size_t Capacity>
void validate(const basic_common_parameters<Storage>& c, const Request& r, const validation_options& opts,
              basic_diagnostics<Capacity>& diag) {
    validate(c, opts, diag);
    validate(r, opts, diag);
}

}  // namespace v1
}  // namespace tcvod

#endif  // TCVOD_VALIDATE_HPP
