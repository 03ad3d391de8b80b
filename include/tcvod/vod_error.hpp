// The API's own error codes: every RunProcedure code of the API page and
// every common API 2.0 code (4000-6200), each with its meaning, a category
// and whether a retry can help; a std::error_category so that
// `ec == tcvod::vod_errc::file_not_found` reads naturally; the module code
// some messages carry (`(100004)projectId不正确`). Unknown codes keep their
// integer value. Standard library only.
#ifndef TCVOD_VOD_ERROR_HPP
#define TCVOD_VOD_ERROR_HPP

#include "tcvod/config.hpp"

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>

namespace tcvod {
inline namespace v1 {

/// A `code` the VOD API returns, named. The value is the wire code.
enum class vod_errc : int {
    // RunProcedure (API page); 1000, 1001 and 2000 also for PullEvent and ConfirmEvent
    internal_error = 1,
    invalid_parameter = 1000,
    internal_error_1001 = 1001,
    internal_error_1003 = 1003,
    internal_error_2000 = 2000,
    file_not_found = 10008,
    internal_error_10022 = 10022,
    procedure_task_exists = 50005,
    procedure_task_creation_failed = 50006,
    invalid_procedure_parameter = 50007,
    // API 2.0 common codes ("4000-7000")
    invalid_request_parameters = 4000,
    authentication_failed = 4100,
    api_not_authorized = 4101,
    resource_not_authorized = 4102,
    api_resource_not_authorized = 4103,
    secret_id_not_found = 4104,
    token_error = 4105,
    mfa_check_failed = 4106,
    cam_authentication_failed = 4110,
    request_expired = 4200,  // older tables only
    access_denied = 4300,
    quota_exceeded = 4400,
    replay_attack = 4500,
    protocol_not_supported = 4600,
    resource_not_found = 5000,
    resource_operation_failed = 5100,
    resource_purchase_failed = 5200,
    insufficient_balance = 5300,
    partial_success = 5400,
    qualification_review_failed = 5500,
    server_error = 6000,
    version_not_supported = 6100,
    api_unavailable = 6200,
};

/// What kind of failure a code is, for deciding what to do about it.
enum class vod_category {
    success,          // code 0
    invalid_request,  // fix the request (parameters, procedure, protocol, host)
    authentication,   // signature, key, token, timestamp, nonce, or CAM: the caller may not do this
    quota,            // rate limit: back off and retry
    not_found,        // the file or resource does not exist
    conflict,         // the same task already exists
    billing,          // balance or purchase
    partial_success,  // a batch partly succeeded (see `detail`)
    server_error,     // the service failed: retry later
    unknown,          // a code this catalogue does not know
};

constexpr std::string_view to_string(vod_category c) noexcept {
    switch (c) {
    case vod_category::success: return "success";
    case vod_category::invalid_request: return "invalid_request";
    case vod_category::authentication: return "authentication";
    case vod_category::quota: return "quota";
    case vod_category::not_found: return "not_found";
    case vod_category::conflict: return "conflict";
    case vod_category::billing: return "billing";
    case vod_category::partial_success: return "partial_success";
    case vod_category::server_error: return "server_error";
    case vod_category::unknown: return "unknown";
    }
    return "unknown";
}

/// One row of the catalogue. `retryable` means that sending the request
/// again, re-signed with a fresh Timestamp and Nonce and after a pause, can
/// succeed without changing anything else.
struct vod_error_info {
    std::int64_t code;
    std::string_view name;     // the vod_errc enumerator
    std::string_view meaning;  // English meaning from the API documentation
    vod_category category;
    bool retryable;
};

namespace detail {

inline constexpr vod_error_info vod_error_table[] = {
    {0, "success", "Success", vod_category::success, false},
    {1, "internal_error", "Internal error", vod_category::server_error, true},
    {1000, "invalid_parameter", "Invalid parameter", vod_category::invalid_request, false},
    {1001, "internal_error_1001", "Internal error", vod_category::server_error, true},
    {1003, "internal_error_1003", "Internal error", vod_category::server_error, true},
    {2000, "internal_error_2000", "Internal error", vod_category::server_error, true},
    {4000, "invalid_request_parameters", "Invalid request parameters (missing, malformed, or an expired msgHandle)",
     vod_category::invalid_request, false},
    {4100, "authentication_failed", "Authentication failed (usually a wrong signature)", vod_category::authentication,
     false},
    {4101, "api_not_authorized", "No access to this API (sub-account not authorised)", vod_category::authentication,
     false},
    {4102, "resource_not_authorized", "No access to the resource (sub-account not authorised)",
     vod_category::authentication, false},
    {4103, "api_resource_not_authorized", "No access to the resource this API operates on",
     vod_category::authentication, false},
    {4104, "secret_id_not_found", "SecretId does not exist or is disabled", vod_category::authentication, false},
    {4105, "token_error", "Token error", vod_category::authentication, false},
    {4106, "mfa_check_failed", "MFA check failed", vod_category::authentication, false},
    {4110, "cam_authentication_failed", "Authentication failed (other CAM permission failure)",
     vod_category::authentication, false},
    {4200, "request_expired", "Request expired (Timestamp too old)", vod_category::authentication, true},
    {4300, "access_denied", "Access denied (account blocked or not eligible)", vod_category::authentication, false},
    {4400, "quota_exceeded", "Quota exceeded (rate limit)", vod_category::quota, true},
    {4500, "replay_attack", "Replay attack (Nonce reused or Timestamp skew too large)", vod_category::authentication,
     true},
    {4600, "protocol_not_supported", "Protocol not supported (use HTTPS)", vod_category::invalid_request, false},
    {5000, "resource_not_found", "Resource does not exist", vod_category::not_found, false},
    {5100, "resource_operation_failed", "Resource operation failed", vod_category::server_error, true},
    {5200, "resource_purchase_failed", "Resource purchase failed", vod_category::billing, false},
    {5300, "insufficient_balance", "Insufficient balance", vod_category::billing, false},
    {5400, "partial_success", "Partial success", vod_category::partial_success, false},
    {5500, "qualification_review_failed", "User qualification review failed", vod_category::authentication, false},
    {6000, "server_error", "Server error", vod_category::server_error, true},
    {6100, "version_not_supported", "Version not supported (or wrong host for the module)",
     vod_category::invalid_request, false},
    {6200, "api_unavailable", "API temporarily unavailable (maintenance)", vod_category::server_error, true},
    {10008, "file_not_found", "File does not exist", vod_category::not_found, false},
    {10022, "internal_error_10022", "Internal error", vod_category::server_error, true},
    {50005, "procedure_task_exists", "A task with the same procedure already exists", vod_category::conflict, false},
    {50006, "procedure_task_creation_failed", "Failed to create the procedure task", vod_category::server_error, true},
    {50007, "invalid_procedure_parameter", "Invalid procedure parameter", vod_category::invalid_request, false},
};

}  // namespace detail

/// The catalogue row of `code` (code 0 included), or nullptr when unknown.
constexpr const vod_error_info* find_vod_error(std::int64_t code) noexcept {
    for (const auto& row : detail::vod_error_table)
        if (row.code == code) return &row;
    return nullptr;
}

/// Every row, for tests and documentation.
constexpr const vod_error_info* vod_error_begin() noexcept { return std::begin(detail::vod_error_table); }
constexpr const vod_error_info* vod_error_end() noexcept { return std::end(detail::vod_error_table); }

/// `unknown` for a code the catalogue does not list.
constexpr vod_category category_of(std::int64_t code) noexcept {
    const vod_error_info* row = find_vod_error(code);
    return row ? row->category : vod_category::unknown;
}

/// False for unknown codes: without knowing the failure, retrying blindly
/// could repeat a side effect.
constexpr bool is_retryable(std::int64_t code) noexcept {
    const vod_error_info* row = find_vod_error(code);
    return row ? row->retryable : false;
}

namespace detail {

class vod_error_category_impl final : public std::error_category {
public:
    const char* name() const noexcept override { return "tcvod.vod"; }
    std::string message(int value) const override {
        const vod_error_info* row = find_vod_error(value);
        return row ? std::string(row->meaning) : "unknown VOD API error code " + std::to_string(value);
    }
};

}  // namespace detail

/// The category of the API's codes (`vod_errc` and any other code the API
/// returns). A function-local static: no global constructor.
inline const std::error_category& vod_error_category() noexcept {
    static const detail::vod_error_category_impl category;
    return category;
}

inline std::error_code make_error_code(vod_errc code) noexcept {
    return {static_cast<int>(code), vod_error_category()};
}

/// Any wire code as an error_code of vod_error_category(): 0 is "no error",
/// unknown codes keep their value. Codes outside the range of int (never
/// seen, but `code` is int64 on the wire) saturate to INT_MIN / INT_MAX;
/// the exact value stays in the decoded response.
inline std::error_code make_vod_error_code(std::int64_t code) noexcept {
    constexpr std::int64_t lo = std::numeric_limits<int>::min(), hi = std::numeric_limits<int>::max();
    int value = static_cast<int>(code < lo ? lo : code > hi ? hi : code);
    return {value, vod_error_category()};
}

/// A message of the form `(100004)projectId不正确`: the module code in
/// parentheses (ASCII or full-width), then the text.
struct module_message {
    std::int64_t module_code = 0;
    std::string_view text;  // after the closing parenthesis
};

/// Splits off a leading module code; nullopt when the message has none.
/// `text` views `message`.
inline std::optional<module_message> split_module_code(std::string_view message) noexcept {
    static constexpr std::string_view opens[] = {"(", "\xEF\xBC\x88"};   // ( and U+FF08
    static constexpr std::string_view closes[] = {")", "\xEF\xBC\x89"};  // ) and U+FF09
    for (std::size_t kind = 0; kind < 2; ++kind) {
        if (message.substr(0, opens[kind].size()) != opens[kind]) continue;
        std::string_view rest = message.substr(opens[kind].size());
        bool negative = !rest.empty() && rest[0] == '-';
        std::size_t i = negative ? 1 : 0, digits = 0;
        std::int64_t value = 0;
        while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') {
            if (++digits > 18) return std::nullopt;  // not a module code: too long
            value = value * 10 + (rest[i] - '0');
            ++i;
        }
        if (digits == 0 || rest.substr(i, closes[kind].size()) != closes[kind]) return std::nullopt;
        return module_message{negative ? -value : value, rest.substr(i + closes[kind].size())};
    }
    return std::nullopt;
}

}  // namespace v1
}  // namespace tcvod

template <>
struct std::is_error_code_enum<tcvod::vod_errc> : std::true_type {};

#endif  // TCVOD_VOD_ERROR_HPP
