// Validation per inputType: one piece of code, used by the encoder (it
// refuses to emit an invalid request) and by the server-side decoder.
// Needs Boost.URL (for pull.url).
#ifndef TCVOD_VALIDATE_HPP
#define TCVOD_VALIDATE_HPP

#include "tcvod/error.hpp"
#include "tcvod/model.hpp"
#include "tcvod/number.hpp"

#include <boost/url/decode_view.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/scheme.hpp>

#include <cmath>
#include <cstddef>
#include <string>
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

inline field_path path_of(std::string_view prefix, const std::size_t* index, std::string_view field) noexcept {
    field_path p(prefix);
    if (index) p.append_index(*index).append(".");
    return p.append(field);
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

/// An absolute http or https URL with a non-empty host, checked by
/// Boost.URL. Raw spaces and non-ASCII bytes, which people paste, are
/// accepted: they are percent-encoded for the check (and on the wire anyway).
inline bool is_pull_url(std::string_view text) {
    char local[1024];
    std::string heap;  // only for URLs over ~340 bytes of unsafe chars
    std::size_t needed = 0;
    for (char ch : text) {
        auto c = static_cast<unsigned char>(ch);
        needed += (c == ' ' || c >= 0x80) ? 3 : 1;
    }
    char* out = local;
    if (needed > sizeof local) {
        heap.resize(needed);
        out = &heap[0];
    }
    char* p = out;
    static constexpr char hex[] = "0123456789ABCDEF";
    for (char ch : text) {
        auto c = static_cast<unsigned char>(ch);
        if (c == ' ' || c >= 0x80) {
            *p++ = '%';
            *p++ = hex[c >> 4];
            *p++ = hex[c & 15];
        } else {
            *p++ = ch;
        }
    }
    auto parsed = boost::urls::parse_uri(boost::urls::string_view(out, needed));
    if (!parsed) return false;
    auto scheme = parsed->scheme_id();
    if (scheme != boost::urls::scheme::http && scheme != boost::urls::scheme::https) return false;
    if (!parsed->has_authority() || parsed->encoded_host().empty()) return false;
    // The pre-encoding above lets a pasted space through; in a host it is
    // never right, nor is any other control or space character.
    for (char c : *parsed->encoded_host())
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) return false;
    return true;
}

namespace detail {

inline void check_offset(const std::optional<double>& offset, std::string_view prefix, const std::size_t* index,
                         std::string_view field, diagnostics& diag) {
    if (!offset) return;
    char scratch[max_number_chars];
    if (!std::isfinite(*offset) || std::fabs(*offset) > max_offset_magnitude)
        diag.add(errc::invalid_number, path_of(prefix, index, field), "must be a finite number of at most 2^53");
    else if (static_cast<double>(static_cast<std::int64_t>(*offset)) != *offset &&  // whole numbers always format
             format_offset(*offset, scratch) == 0)
        diag.add(errc::invalid_number, path_of(prefix, index, field), "has too many decimal digits");
}

inline void check_file_clip(const file_clip& clip, std::string_view prefix, const std::size_t* index, input_type t,
                            const validation_options& opts, diagnostics& diag) {
    if (clip.id.empty()) diag.add(errc::missing_field, path_of(prefix, index, "id"), required_for(t));
    check_offset(clip.start_time_offset, prefix, index, "startTimeOffset", diag);
    check_offset(clip.end_time_offset, prefix, index, "endTimeOffset", diag);
    if (!opts.lenient && clip.start_time_offset && clip.end_time_offset &&
        *clip.end_time_offset < *clip.start_time_offset)
        diag.add(errc::bad_order, path_of(prefix, index, "endTimeOffset"), "must not be less than startTimeOffset");
}

inline void check_stream_clip(const stream_clip& clip, std::string_view prefix, const std::size_t* index,
                              input_type t, bool timestamps_required, const validation_options& opts,
                              diagnostics& diag) {
    if (clip.stream_id.empty()) diag.add(errc::missing_field, path_of(prefix, index, "streamId"), required_for(t));
    if (timestamps_required && !clip.start_time_stamp)
        diag.add(errc::missing_field, path_of(prefix, index, "startTimeStamp"), required_for(t));
    if (timestamps_required && !clip.end_time_stamp)
        diag.add(errc::missing_field, path_of(prefix, index, "endTimeStamp"), required_for(t));
    if (opts.lenient) return;
    if (clip.start_time_stamp && *clip.start_time_stamp < 0)
        diag.add(errc::out_of_range, path_of(prefix, index, "startTimeStamp"), "must not be negative");
    if (clip.end_time_stamp && *clip.end_time_stamp < 0)
        diag.add(errc::out_of_range, path_of(prefix, index, "endTimeStamp"), "must not be negative");
    if (clip.start_time_stamp && clip.end_time_stamp && *clip.end_time_stamp < *clip.start_time_stamp)
        diag.add(errc::bad_order, path_of(prefix, index, "endTimeStamp"), "must not be less than startTimeStamp");
}

/// The first field that is set, to name a foreign object precisely.
inline field_path first_field(std::string_view prefix, const file_clip& c) {
    if (!c.id.empty()) return path_of(prefix, nullptr, "id");
    if (c.start_time_offset) return path_of(prefix, nullptr, "startTimeOffset");
    if (c.end_time_offset) return path_of(prefix, nullptr, "endTimeOffset");
    return field_path(prefix.substr(0, prefix.size() - 1));
}
inline field_path first_field(std::string_view prefix, const stream_clip& c) {
    if (!c.stream_id.empty()) return path_of(prefix, nullptr, "streamId");
    if (c.start_time_stamp) return path_of(prefix, nullptr, "startTimeStamp");
    if (c.end_time_stamp) return path_of(prefix, nullptr, "endTimeStamp");
    return field_path(prefix.substr(0, prefix.size() - 1));
}

inline field_path first_field(const pull_source& p) {
    if (!p.url.empty()) return "pull.url";
    if (!p.file_name.empty()) return "pull.fileName";
    if (p.file_md5) return "pull.fileMd5";
    if (p.class_id) return "pull.classId";
    return "pull";
}

}  // namespace detail

/// Common parameters (Action and Signature are the encoder's own).
inline void validate(const common_parameters& c, const validation_options& opts, diagnostics& diag) {
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
inline void validate(const run_procedure_request& r, const validation_options& opts, diagnostics& diag) {
    const input_type t = r.type;
    using detail::foreign_for;
    using detail::required_for;

    // Objects of other inputTypes.
    if (r.file && t != input_type::single_file) diag.add(errc::unexpected_field, detail::first_field("file.", *r.file), foreign_for(t));
    if (!r.file_list.empty() && t != input_type::multi_file) diag.add(errc::unexpected_field, "fileList", foreign_for(t));
    if (r.stream && t != input_type::stream) diag.add(errc::unexpected_field, detail::first_field("stream.", *r.stream), foreign_for(t));
    if (!r.stream_list.empty() && t != input_type::multi_stream) diag.add(errc::unexpected_field, "streamList", foreign_for(t));
    if (r.pull && t != input_type::pull_file) diag.add(errc::unexpected_field, detail::first_field(*r.pull), foreign_for(t));

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
template <class Request>
void validate(const common_parameters& c, const Request& r, const validation_options& opts, diagnostics& diag) {
    validate(c, opts, diag);
    validate(r, opts, diag);
}

}  // namespace v1
}  // namespace tcvod

#endif  // TCVOD_VALIDATE_HPP
