// The typed API response (`code`, `message`, `codeDesc`, `vodTaskId`), as
// a view and as an owning copy. Standard library only: the decoder
// (response.hpp) needs simdjson, the encoder (response_encode.hpp) does not.
#ifndef TCVOD_RESPONSE_MODEL_HPP
#define TCVOD_RESPONSE_MODEL_HPP

#include "tcvod/vod_error.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

namespace tcvod {
inline namespace v1 {

/// A decoded response whose strings view the body or the decoder (valid
/// until the decoder is used again; see response.hpp).
struct response_view {
    std::int64_t code = 0;
    std::string_view message;
    std::optional<std::string_view> code_desc;    // `codeDesc`: "Success", "AuthFailure", ...
    std::optional<std::string_view> vod_task_id;  // `vodTaskId` (RunProcedure)

    bool ok() const noexcept { return code == 0; }
    std::error_code error_code() const noexcept { return make_vod_error_code(code); }
};

/// A decoded response that owns its strings.
struct response {
    std::int64_t code = 0;
    std::string message;
    std::optional<std::string> code_desc;
    std::optional<std::string> vod_task_id;

    bool ok() const noexcept { return code == 0; }
    std::error_code error_code() const noexcept { return make_vod_error_code(code); }

    friend bool operator==(const response& a, const response& b) {
        return a.code == b.code && a.message == b.message && a.code_desc == b.code_desc &&
               a.vod_task_id == b.vod_task_id;
    }
    friend bool operator!=(const response& a, const response& b) { return !(a == b); }
};

/// Copies a view into `out`, reusing its strings' capacity.
inline void assign(response& out, const response_view& in) {
    out.code = in.code;
    out.message.assign(in.message.data(), in.message.size());
    auto copy = [](std::optional<std::string>& to, const std::optional<std::string_view>& from) {
        if (!from) {
            to.reset();
            return;
        }
        if (!to) to.emplace();
        to->assign(from->data(), from->size());
    };
    copy(out.code_desc, in.code_desc);
    copy(out.vod_task_id, in.vod_task_id);
}

inline response to_owned(const response_view& in) {
    response out;
    assign(out, in);
    return out;
}

}  // namespace v1
}  // namespace tcvod

#endif  // TCVOD_RESPONSE_MODEL_HPP
