// The one flattener: typed requests -> wire parameters, produced directly
// in the bytewise order the signature needs (no sorting at encode time).
// Keys use dots and 0-based indices (`fileList.0.id`). Standard library only.
#ifndef TCVOD_FLATTEN_HPP
#define TCVOD_FLATTEN_HPP

#include "tcvod/model.hpp"
#include "tcvod/number.hpp"

#include <cstddef>
#include <cstring>
#include <string_view>

namespace tcvod {
inline namespace v1 {
namespace detail {

/// Calls f(i) for i in [0, n) in the order of their decimal strings:
/// 0, 1, 10, 100, 101, ..., 11, ..., 2, ... (what a bytewise key sort does
/// to `fileList.<i>.`). O(n), no allocation.
template <class F>
void for_each_index_in_key_order(std::size_t n, F&& f) {
    if (n == 0) return;
    f(std::size_t{0});
    std::size_t last = n - 1, current = 1;
    for (std::size_t emitted = 0; emitted < last; ++emitted) {
        f(current);
        if (current <= last / 10 && current * 10 <= last) {
            current *= 10;
        } else {
            while (current % 10 == 9 || current + 1 > last) current /= 10;
            ++current;
        }
    }
}

/// A key assembled on the stack: prefix, optional index, field. The
/// prefix and index are written once per object, then each field after them.
class key_builder {
public:
    void start(std::string_view prefix, const std::size_t* index) noexcept {
        size_ = 0;
        put(prefix);
        if (index) {
            size_ += format_int64(static_cast<std::int64_t>(*index), data_ + size_);
            data_[size_++] = '.';
        }
        stem_ = size_;
    }
    std::string_view field(std::string_view name) noexcept {
        size_ = stem_;
        put(name);
        return {data_, size_};
    }

private:
    void put(std::string_view s) noexcept {
        std::memcpy(data_ + size_, s.data(), s.size());
        size_ += s.size();
    }
    // The longest key: "streamList." + a 20-digit index + ".startTimeStamp".
    char data_[48];
    std::size_t size_ = 0;
    std::size_t stem_ = 0;
};

class number_text {
public:
    std::string_view of(std::int64_t v) noexcept { return {data_, format_int64(v, data_)}; }
    std::string_view of_offset(time_offset v) noexcept { return {data_, format_offset(v, data_)}; }

private:
    char data_[max_formatted_number_chars];
};

template <class Storage, class F>
void visit_file_clip(const basic_file_clip<Storage>& clip, std::string_view prefix, const std::size_t* index, F& f) {
    key_builder key;
    number_text number;
    key.start(prefix, index);
    if (clip.end_time_offset) f(key.field("endTimeOffset"), number.of_offset(*clip.end_time_offset));
    f(key.field("id"), std::string_view(clip.id));
    if (clip.start_time_offset) f(key.field("startTimeOffset"), number.of_offset(*clip.start_time_offset));
}

template <class Storage, class F>
void visit_stream_clip(const basic_stream_clip<Storage>& clip, std::string_view prefix, const std::size_t* index,
                       F& f) {
    key_builder key;
    number_text number;
    key.start(prefix, index);
    if (clip.end_time_stamp) f(key.field("endTimeStamp"), number.of(*clip.end_time_stamp));
    if (clip.start_time_stamp) f(key.field("startTimeStamp"), number.of(*clip.start_time_stamp));
    f(key.field("streamId"), std::string_view(clip.stream_id));
}

}  // namespace detail

/// Common parameters, sorted: Action, Nonce, Region, SecretId,
/// SignatureMethod, SubAppId, Timestamp, Token. All start with an upper-case
/// letter, so they all sort before every (lower-case) action parameter.
template <class Storage, class F>
void visit_common_parameters(std::string_view action, const basic_common_parameters<Storage>& common, F&& f) {
    detail::number_text number;
    f(std::string_view("Action"), action);
    f(std::string_view("Nonce"), number.of(common.nonce));
    f(std::string_view("Region"), std::string_view(common.region));
    f(std::string_view("SecretId"), std::string_view(common.secret_id));
    if (common.method) f(std::string_view("SignatureMethod"), to_string(*common.method));
    if (common.sub_app_id) f(std::string_view("SubAppId"), number.of(*common.sub_app_id));
    f(std::string_view("Timestamp"), number.of(common.timestamp));
    if (common.token) f(std::string_view("Token"), std::string_view(*common.token));
}

/// RunProcedure's own parameters, sorted bytewise.
template <class Storage, class F>
void visit_action_parameters(const basic_run_procedure_request<Storage>& r, F&& f) {
    detail::number_text number;
    if (r.file) detail::visit_file_clip(*r.file, "file.", nullptr, f);
    detail::for_each_index_in_key_order(
        r.file_list.size(), [&](std::size_t i) { detail::visit_file_clip(r.file_list[i], "fileList.", &i, f); });
    f(std::string_view("inputType"), to_string(r.type));
    if (r.notify) f(std::string_view("notifyMode"), to_string(*r.notify));
    if (r.priority) f(std::string_view("priority"), number.of(*r.priority));
    f(std::string_view("procedure"), std::string_view(r.procedure));
    if (r.pull) {
        const auto& p = *r.pull;
        if (p.class_id) f(std::string_view("pull.classId"), number.of(*p.class_id));
        if (p.file_md5) f(std::string_view("pull.fileMd5"), std::string_view(*p.file_md5));
        f(std::string_view("pull.fileName"), std::string_view(p.file_name));
        f(std::string_view("pull.url"), std::string_view(p.url));
    }
    if (r.stream) detail::visit_stream_clip(*r.stream, "stream.", nullptr, f);
    detail::for_each_index_in_key_order(r.stream_list.size(), [&](std::size_t i) {
        detail::visit_stream_clip(r.stream_list[i], "streamList.", &i, f);
    });
}

/// Every parameter of a request except Signature, sorted bytewise.
template <class Storage, class Request, class F>
void visit_parameters(const basic_common_parameters<Storage>& common, const Request& request, F&& f) {
    visit_common_parameters(Request::action, common, f);
    visit_action_parameters(request, f);
}

}  // namespace v1
}  // namespace tcvod

#endif  // TCVOD_FLATTEN_HPP
