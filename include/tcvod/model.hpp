// The typed request model: common parameters and RunProcedure. Owning
// types; encoding them never allocates. Standard library only.
#ifndef TCVOD_MODEL_HPP
#define TCVOD_MODEL_HPP

#include "tcvod/config.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tcvod {
inline namespace v1 {

inline constexpr std::string_view default_host = "vod.api.qcloud.com";
inline constexpr std::string_view default_path = "/v2/index.php";

enum class http_method { get, post };

constexpr std::string_view to_string(http_method m) noexcept { return m == http_method::get ? "GET" : "POST"; }

/// HMAC-SHA256 only when SignatureMethod is exactly "HmacSHA256"; anything
/// else (or no parameter at all) means HMAC-SHA1.
enum class signature_method { hmac_sha1, hmac_sha256 };

constexpr std::string_view to_string(signature_method m) noexcept {
    return m == signature_method::hmac_sha256 ? "HmacSHA256" : "HmacSHA1";
}
constexpr signature_method signature_method_from_wire(std::string_view text) noexcept {
    return text == "HmacSHA256" ? signature_method::hmac_sha256 : signature_method::hmac_sha1;
}

/// The parameters every API 2.0 request carries (besides Action and
/// Signature, which the encoder writes itself). The secret key is not here:
/// it lives only inside a `signer`.
struct common_parameters {
    std::string region;  // "gz", "bj", ... or "ap-guangzhou"
    std::int64_t timestamp = 0;  // UNIX seconds, supplied by the caller
    std::int64_t nonce = 0;      // positive, never reused within the timestamp window
    std::string secret_id;
    /// Sent (and signed) only when set; absent means HmacSHA1.
    std::optional<signature_method> method;
    std::optional<std::string> token;           // temporary credentials
    std::optional<std::int64_t> sub_app_id;     // VOD sub-application

    signature_method effective_method() const noexcept { return method.value_or(signature_method::hmac_sha1); }
    friend bool operator==(const common_parameters& a, const common_parameters& b) {
        return a.region == b.region && a.timestamp == b.timestamp && a.nonce == b.nonce &&
               a.secret_id == b.secret_id && a.method == b.method && a.token == b.token &&
               a.sub_app_id == b.sub_app_id;
    }
    friend bool operator!=(const common_parameters& a, const common_parameters& b) { return !(a == b); }
};

/// The shortest SecretId that is shown in part: 4 + 3 characters shown,
/// at least 5 hidden.
inline constexpr std::size_t min_partly_shown_secret_id = 12;

/// For logs: `AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA` -> `AKID****ESA`; an id
/// shorter than min_partly_shown_secret_id -> `****`. Writes to any output
/// iterator (fmt's, or std::back_inserter of a string); fmt.hpp's
/// formatters use it.
template <class OutputIt>
OutputIt write_masked_secret_id(OutputIt out, std::string_view secret_id) {
    if (secret_id.size() >= min_partly_shown_secret_id) {
        for (char c : secret_id.substr(0, 4)) *out++ = c;
        for (char c : std::string_view("****")) *out++ = c;
        for (char c : secret_id.substr(secret_id.size() - 3)) *out++ = c;
        return out;
    }
    for (char c : std::string_view("****")) *out++ = c;
    return out;
}

enum class input_type { single_file, multi_file, stream, multi_stream, pull_file };

constexpr std::string_view to_string(input_type t) noexcept {
    switch (t) {
    case input_type::single_file: return "SingleFile";
    case input_type::multi_file: return "MultiFile";
    case input_type::stream: return "Stream";
    case input_type::multi_stream: return "MultiStream";
    case input_type::pull_file: return "PullFile";
    }
    return "";
}
constexpr std::optional<input_type> input_type_from_wire(std::string_view text) noexcept {
    if (text == "SingleFile") return input_type::single_file;
    if (text == "MultiFile") return input_type::multi_file;
    if (text == "Stream") return input_type::stream;
    if (text == "MultiStream") return input_type::multi_stream;
    if (text == "PullFile") return input_type::pull_file;
    return std::nullopt;
}

enum class notify_mode { finish, change, none };

constexpr std::string_view to_string(notify_mode m) noexcept {
    switch (m) {
    case notify_mode::finish: return "Finish";
    case notify_mode::change: return "Change";
    case notify_mode::none: return "None";
    }
    return "";
}
constexpr std::optional<notify_mode> notify_mode_from_wire(std::string_view text) noexcept {
    if (text == "Finish") return notify_mode::finish;
    if (text == "Change") return notify_mode::change;
    if (text == "None") return notify_mode::none;
    return std::nullopt;
}

/// A clip of a stored file (`file` and each `fileList.n`). Offsets are
/// seconds; the API page says Integer, the 2019 revision Float. Integral
/// values go on the wire as `10`, fractional ones in shortest round-trip
/// fixed notation (`10.5`).
struct file_clip {
    std::string id;  // file IDs are 20-digit strings: never numbers
    std::optional<double> start_time_offset;
    std::optional<double> end_time_offset;

    friend bool operator==(const file_clip& a, const file_clip& b) {
        return a.id == b.id && a.start_time_offset == b.start_time_offset && a.end_time_offset == b.end_time_offset;
    }
    friend bool operator!=(const file_clip& a, const file_clip& b) { return !(a == b); }
};

/// A clip of a recorded stream (`stream` and each `streamList.n`).
/// `stream` needs both timestamps (as the API page says); `streamList`
/// entries may omit them (2018 revision).
struct stream_clip {
    std::string stream_id;
    std::optional<std::int64_t> start_time_stamp;
    std::optional<std::int64_t> end_time_stamp;

    friend bool operator==(const stream_clip& a, const stream_clip& b) {
        return a.stream_id == b.stream_id && a.start_time_stamp == b.start_time_stamp &&
               a.end_time_stamp == b.end_time_stamp;
    }
    friend bool operator!=(const stream_clip& a, const stream_clip& b) { return !(a == b); }
};

/// A file for the server to pull (`pull`).
struct pull_source {
    std::string url;
    std::string file_name;
    std::optional<std::string> file_md5;
    std::optional<std::int64_t> class_id;

    friend bool operator==(const pull_source& a, const pull_source& b) {
        return a.url == b.url && a.file_name == b.file_name && a.file_md5 == b.file_md5 && a.class_id == b.class_id;
    }
    friend bool operator!=(const pull_source& a, const pull_source& b) { return !(a == b); }
};

/// RunProcedure. Every input object can be present at once, exactly as on
/// the wire, so that validation can name a field that does not belong to
/// the chosen inputType instead of silently dropping it.
struct run_procedure_request {
    static constexpr std::string_view action = "RunProcedure";

    input_type type = input_type::single_file;
    std::optional<file_clip> file;         // SingleFile
    std::vector<file_clip> file_list;      // MultiFile
    std::optional<stream_clip> stream;     // Stream
    std::vector<stream_clip> stream_list;  // MultiStream
    std::optional<pull_source> pull;       // PullFile
    std::string procedure;
    std::optional<notify_mode> notify;      // `notifyMode`
    std::optional<std::int64_t> priority;   // [-10, 10]

    friend bool operator==(const run_procedure_request& a, const run_procedure_request& b) {
        return a.type == b.type && a.file == b.file && a.file_list == b.file_list && a.stream == b.stream &&
               a.stream_list == b.stream_list && a.pull == b.pull && a.procedure == b.procedure &&
               a.notify == b.notify && a.priority == b.priority;
    }
    friend bool operator!=(const run_procedure_request& a, const run_procedure_request& b) { return !(a == b); }
};

}  // namespace v1
}  // namespace tcvod

#endif  // TCVOD_MODEL_HPP
