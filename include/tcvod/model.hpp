// The typed request model: common parameters and RunProcedure, as owning
// types (std::string, std::vector) and as views over caller-owned memory.
// Encoding either never allocates. Standard library only.
#ifndef TCVOD_MODEL_HPP
#define TCVOD_MODEL_HPP

#include "tcvod/config.hpp"
#include "tcvod/number.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace tcvod {
inline namespace v1 {

inline constexpr std::string_view default_host = "vod.api.qcloud.com";
inline constexpr std::string_view default_path = "/v2/index.php";

enum class http_method { get, post };

// Sized views, not `const char*`: -Os does not always fold strlen away.
constexpr std::string_view to_string(http_method m) noexcept {
    return m == http_method::get ? std::string_view("GET", 3) : std::string_view("POST", 4);
}

/// HMAC-SHA256 only when SignatureMethod is exactly "HmacSHA256"; anything
/// else (or no parameter at all) means HMAC-SHA1.
enum class signature_method { hmac_sha1, hmac_sha256 };

constexpr std::string_view to_string(signature_method m) noexcept {
    return m == signature_method::hmac_sha256 ? std::string_view("HmacSHA256", 10) : std::string_view("HmacSHA1", 8);
}
constexpr signature_method signature_method_from_wire(std::string_view text) noexcept {
    return text == "HmacSHA256" ? signature_method::hmac_sha256 : signature_method::hmac_sha1;
}

/// How a request holds its strings and lists. `owning_storage` (the
/// default types: std::string, std::vector) is simplest on hosted builds;
/// `view_storage` (std::string_view, list_view) points into memory the
/// caller places (static, stack, an arena), so building and encoding a
/// request needs no heap at all. Validation, flattening and encoding are
/// one template for both.
struct owning_storage {
    using string = std::string;
    template <class T>
    using list = std::vector<T>;
};

/// A read-only view of `size` contiguous `T`s: a pointer and a count, as
/// C++20's std::span<const T>.
template <class T>
class list_view {
public:
    constexpr list_view() noexcept = default;
    constexpr list_view(const T* data, std::size_t size) noexcept : data_(data), size_(size) {}
    template <std::size_t N>
    constexpr list_view(const T (&array)[N]) noexcept
        : data_(array), size_(N) {}  // NOLINT(google-explicit-constructor)
    /// Any contiguous container of T (std::vector, std::array).
    template <class Container, class = std::enable_if_t<
                                   std::is_convertible_v<decltype(std::declval<const Container&>().data()), const T*>>>
    constexpr list_view(const Container& c) noexcept
        : data_(c.data()), size_(c.size()) {}  // NOLINT(google-explicit-constructor)

    constexpr const T* data() const noexcept { return data_; }
    constexpr std::size_t size() const noexcept { return size_; }
    constexpr bool empty() const noexcept { return size_ == 0; }
    constexpr const T& operator[](std::size_t i) const noexcept { return data_[i]; }
    constexpr const T* begin() const noexcept { return data_; }
    constexpr const T* end() const noexcept { return data_ + size_; }

    friend bool operator==(list_view a, list_view b) {
        if (a.size_ != b.size_) return false;
        for (std::size_t i = 0; i < a.size_; ++i)
            if (!(a.data_[i] == b.data_[i])) return false;
        return true;
    }
    friend bool operator!=(list_view a, list_view b) { return !(a == b); }

private:
    const T* data_ = nullptr;
    std::size_t size_ = 0;
};

struct view_storage {
    using string = std::string_view;
    template <class T>
    using list = list_view<T>;
};

/// The parameters every API 2.0 request carries (besides Action and
/// Signature, which the encoder writes itself). The secret key is not here:
/// it lives only inside a signer.
template <class Storage>
struct basic_common_parameters {
    using string_type = typename Storage::string;

    string_type region;          // "gz", "bj", ... or "ap-guangzhou"
    std::int64_t timestamp = 0;  // UNIX seconds, supplied by the caller
    std::int64_t nonce = 0;      // positive, never reused within the timestamp window
    string_type secret_id;
    /// Sent (and signed) only when set; absent means HmacSHA1.
    std::optional<signature_method> method;
    std::optional<string_type> token;        // temporary credentials
    std::optional<std::int64_t> sub_app_id;  // VOD sub-application

    signature_method effective_method() const noexcept { return method.value_or(signature_method::hmac_sha1); }
    friend bool operator==(const basic_common_parameters& a, const basic_common_parameters& b) {
        return a.region == b.region && a.timestamp == b.timestamp && a.nonce == b.nonce && a.secret_id == b.secret_id &&
               a.method == b.method && a.token == b.token && a.sub_app_id == b.sub_app_id;
    }
    friend bool operator!=(const basic_common_parameters& a, const basic_common_parameters& b) { return !(a == b); }
};

using common_parameters = basic_common_parameters<owning_storage>;
/// Over caller-owned strings: no heap.
using common_parameters_view = basic_common_parameters<view_storage>;

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
/// seconds (the API page says Integer, the 2019 revision Float), held as
/// exact fixed point: see time_offset. Whole values go on the wire as
/// `10`, others with the places they need (`10.5`).
template <class Storage>
struct basic_file_clip {
    typename Storage::string id;  // file IDs are 20-digit strings: never numbers
    std::optional<time_offset> start_time_offset;
    std::optional<time_offset> end_time_offset;

    friend bool operator==(const basic_file_clip& a, const basic_file_clip& b) {
        return a.id == b.id && a.start_time_offset == b.start_time_offset && a.end_time_offset == b.end_time_offset;
    }
    friend bool operator!=(const basic_file_clip& a, const basic_file_clip& b) { return !(a == b); }
};

/// A clip of a recorded stream (`stream` and each `streamList.n`).
/// `stream` needs both timestamps (as the API page says); `streamList`
/// entries may omit them (2018 revision).
template <class Storage>
struct basic_stream_clip {
    typename Storage::string stream_id;
    std::optional<std::int64_t> start_time_stamp;
    std::optional<std::int64_t> end_time_stamp;

    friend bool operator==(const basic_stream_clip& a, const basic_stream_clip& b) {
        return a.stream_id == b.stream_id && a.start_time_stamp == b.start_time_stamp &&
               a.end_time_stamp == b.end_time_stamp;
    }
    friend bool operator!=(const basic_stream_clip& a, const basic_stream_clip& b) { return !(a == b); }
};

/// A file for the server to pull (`pull`).
template <class Storage>
struct basic_pull_source {
    typename Storage::string url;
    typename Storage::string file_name;
    std::optional<typename Storage::string> file_md5;
    std::optional<std::int64_t> class_id;

    friend bool operator==(const basic_pull_source& a, const basic_pull_source& b) {
        return a.url == b.url && a.file_name == b.file_name && a.file_md5 == b.file_md5 && a.class_id == b.class_id;
    }
    friend bool operator!=(const basic_pull_source& a, const basic_pull_source& b) { return !(a == b); }
};

/// RunProcedure. Every input object can be present at once, exactly as on
/// the wire, so that validation can name a field that does not belong to
/// the chosen inputType instead of silently dropping it.
template <class Storage>
struct basic_run_procedure_request {
    static constexpr std::string_view action = "RunProcedure";
    using storage = Storage;
    using file_clip_type = basic_file_clip<Storage>;
    using stream_clip_type = basic_stream_clip<Storage>;
    using pull_source_type = basic_pull_source<Storage>;

    input_type type = input_type::single_file;
    std::optional<file_clip_type> file;                             // SingleFile
    typename Storage::template list<file_clip_type> file_list;      // MultiFile
    std::optional<stream_clip_type> stream;                         // Stream
    typename Storage::template list<stream_clip_type> stream_list;  // MultiStream
    std::optional<pull_source_type> pull;                           // PullFile
    typename Storage::string procedure;
    std::optional<notify_mode> notify;     // `notifyMode`
    std::optional<std::int64_t> priority;  // [-10, 10]

    friend bool operator==(const basic_run_procedure_request& a, const basic_run_procedure_request& b) {
        return a.type == b.type && a.file == b.file && a.file_list == b.file_list && a.stream == b.stream &&
               a.stream_list == b.stream_list && a.pull == b.pull && a.procedure == b.procedure &&
               a.notify == b.notify && a.priority == b.priority;
    }
    friend bool operator!=(const basic_run_procedure_request& a, const basic_run_procedure_request& b) {
        return !(a == b);
    }
};

// The owning types: std::string and std::vector, simplest on hosted builds.
using file_clip = basic_file_clip<owning_storage>;
using stream_clip = basic_stream_clip<owning_storage>;
using pull_source = basic_pull_source<owning_storage>;
using run_procedure_request = basic_run_procedure_request<owning_storage>;

// The same over caller-owned memory (string views, list_view over arrays):
// built and encoded without any heap allocation.
using file_clip_view = basic_file_clip<view_storage>;
using stream_clip_view = basic_stream_clip<view_storage>;
using pull_source_view = basic_pull_source<view_storage>;
using run_procedure_request_view = basic_run_procedure_request<view_storage>;

}  // namespace v1
}  // namespace tcvod

#endif  // TCVOD_MODEL_HPP
