// Errors as values: an error enum with a std::error_category, a field error
// that names the wire field (`fileList.3.id`), a bounded list of them, and a
// result type. Standard library only.
#ifndef TCVOD_ERROR_HPP
#define TCVOD_ERROR_HPP

#include "tcvod/config.hpp"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>

namespace tcvod {
inline namespace v1 {

/// Every failure the codec can report. Values are stable: they appear in
/// logs and in the CLI's output, so new codes are only ever appended.
enum class errc : int {
    ok = 0,
    // request structure and values
    missing_field = 1,     // a required field is absent
    unexpected_field = 2,  // a field that does not belong to this inputType
    empty_value = 3,       // a string that must not be empty is empty
    invalid_value = 4,     // a value outside its enumeration or grammar
    out_of_range = 5,      // a number outside its documented range
    bad_order = 6,         // end before start
    invalid_url = 7,       // pull.url is not an absolute http(s) URL with a host
    invalid_md5 = 8,       // pull.fileMd5 is not 32 hex digits
    invalid_number = 9,    // a number that does not parse as decimal text
    invalid_key = 10,      // a key tcvod never emits (e.g. contains '_')
    // query decoding
    bad_percent_escape = 20,   // '%' not followed by two hex digits
    duplicate_key = 21,        // the same key appears twice
    unknown_key = 22,          // a key this action does not define
    bad_index = 23,            // list index with leading zero, too large, or not a number
    index_gap = 24,            // list indices are not contiguous from 0
    too_long = 25,             // input exceeds the configured byte limit
    too_many_parameters = 26,  // more key=value pairs than the configured limit
    too_many_entries = 27,     // a list longer than the configured limit
    invalid_character = 28,    // a byte that cannot appear in a query string
    // signing and verification
    missing_signature = 40,
    signature_mismatch = 41,
    invalid_signature_method = 42,
    buffer_too_small = 43,
    unknown_action = 44,
    // JSON bodies (responses and events; response.hpp, events.hpp)
    invalid_json = 60,    // not well-formed JSON (truncated, bad literal, bad escape, ...)
    wrong_type = 61,      // a field has a JSON type its format does not allow
    too_deep = 62,        // nesting deeper than the configured limit
    invalid_utf8 = 63,    // the body is not valid UTF-8
    trailing_comma = 64,  // a comma before '}' or ']' (only the lenient mode accepts it)
    empty_input = 65,     // nothing but whitespace
};

namespace detail {

inline const char* errc_message(errc code) noexcept {
    switch (code) {
    case errc::ok: return "success";
    case errc::missing_field: return "required field is missing";
    case errc::unexpected_field: return "field is not valid for this request";
    case errc::empty_value: return "value must not be empty";
    case errc::invalid_value: return "invalid value";
    case errc::out_of_range: return "value is out of range";
    case errc::bad_order: return "end is before start";
    case errc::invalid_url: return "not an absolute http or https URL with a host";
    case errc::invalid_md5: return "not an MD5 digest of 32 hex digits";
    case errc::invalid_number: return "not a decimal number";
    case errc::invalid_key: return "invalid parameter name";
    case errc::bad_percent_escape: return "malformed percent escape";
    case errc::duplicate_key: return "duplicate parameter";
    case errc::unknown_key: return "unknown parameter";
    case errc::bad_index: return "invalid list index";
    case errc::index_gap: return "list indices are not contiguous from 0";
    case errc::too_long: return "input is too long";
    case errc::too_many_parameters: return "too many parameters";
    case errc::too_many_entries: return "list has too many entries";
    case errc::invalid_character: return "invalid character in query";
    case errc::missing_signature: return "Signature is missing";
    case errc::signature_mismatch: return "signature does not match";
    case errc::invalid_signature_method: return "invalid SignatureMethod";
    case errc::buffer_too_small: return "output buffer is too small";
    case errc::unknown_action: return "unknown Action";
    case errc::invalid_json: return "not well-formed JSON";
    case errc::wrong_type: return "wrong JSON type";
    case errc::too_deep: return "nesting is too deep";
    case errc::invalid_utf8: return "not valid UTF-8";
    case errc::trailing_comma: return "trailing comma (not JSON)";
    case errc::empty_input: return "empty input";
    }
    return "unknown tcvod error";
}

class error_category_impl final : public std::error_category {
public:
    const char* name() const noexcept override { return "tcvod"; }
    std::string message(int value) const override { return errc_message(static_cast<errc>(value)); }
};

}  // namespace detail

/// The category of tcvod::errc. A function-local static: no global
/// constructor runs before main.
inline const std::error_category& error_category() noexcept {
    static const detail::error_category_impl category;
    return category;
}

inline std::error_code make_error_code(errc code) noexcept { return {static_cast<int>(code), error_category()}; }

inline const char* to_string(errc code) noexcept { return detail::errc_message(code); }

/// A wire field path such as `fileList.12.startTimeOffset`, stored inline so
/// errors never allocate. Longer paths are truncated (a path this long can
/// only come from hostile input).
class field_path {
public:
    static constexpr std::size_t capacity = 95;

    constexpr field_path() noexcept = default;
    field_path(std::string_view text) noexcept { append(text); }                   // NOLINT: implicit by design
    field_path(const char* text) noexcept : field_path(std::string_view(text)) {}  // NOLINT: implicit by design

    field_path& append(std::string_view text) noexcept {
        std::size_t n = text.size() < capacity - size_ ? text.size() : capacity - size_;
        if (n == 0) return *this;  // an empty view may have a null data(): memcpy(_, nullptr, 0) is UB
        std::memcpy(data_ + size_, text.data(), n);
        size_ = static_cast<unsigned char>(size_ + n);
        return *this;
    }
    field_path& append_index(std::size_t index) noexcept {
        char digits[24];
        std::size_t n = 0;
        do {
            digits[n++] = static_cast<char>('0' + index % 10);
            index /= 10;
        } while (index != 0);
        char reversed[24];
        for (std::size_t i = 0; i < n; ++i) reversed[i] = digits[n - 1 - i];
        return append(std::string_view(reversed, n));
    }

    std::string_view view() const noexcept { return {data_, size_}; }
    bool empty() const noexcept { return size_ == 0; }
    void clear() noexcept { size_ = 0; }
    friend bool operator==(const field_path& a, const field_path& b) noexcept { return a.view() == b.view(); }
    friend bool operator!=(const field_path& a, const field_path& b) noexcept { return !(a == b); }

private:
    char data_[capacity] = {};
    unsigned char size_ = 0;
};

/// One problem with one field. `reason` is a static string that never
/// contains a value from the request, so messages cannot leak secrets.
struct field_error {
    errc code = errc::ok;
    field_path path;
    const char* reason = nullptr;  // static storage; null means "use the errc message"

    std::error_code error_code() const noexcept { return make_error_code(code); }
    const char* reason_text() const noexcept { return reason ? reason : to_string(code); }

    /// Writes `path: reason` (or just the reason when there is no path).
    std::string message() const {
        std::string text(path.view());
        if (!text.empty()) text += ": ";
        text += reason_text();
        return text;
    }
};

/// A bounded list of field errors: validation reports every problem it can
/// find, up to `capacity`, without allocating.
template <std::size_t Capacity>
class basic_diagnostics {
    static_assert(Capacity > 0, "room for at least the first problem");

public:
    static constexpr std::size_t capacity = Capacity;

    void add(errc code, const field_path& path, const char* reason = nullptr) noexcept {
        if (field_path* slot = add_empty(code, reason)) *slot = path;
    }
    void add(errc code, std::string_view path, const char* reason = nullptr) noexcept {
        if (field_path* slot = add_empty(code, reason)) slot->append(path);
    }
    /// A literal path; `{}` (null) is an empty one.
    void add(errc code, const char* path, const char* reason = nullptr) noexcept {
        add(code, path ? std::string_view(path) : std::string_view(), reason);
    }
    /// Adds a problem with an empty path and returns the path to be built in
    /// place (no field_path temporary on the caller's stack), or nullptr
    /// when the list is full (the problem is counted as dropped).
    field_path* add_empty(errc code, const char* reason = nullptr) noexcept {
        if (count_ == capacity) {
            ++dropped_;
            return nullptr;
        }
        field_error& e = items_[count_++];
        e.code = code;
        e.path.clear();
        e.reason = reason;
        return &e.path;
    }
    void clear() noexcept { count_ = dropped_ = 0; }

    bool empty() const noexcept { return count_ == 0; }
    explicit operator bool() const noexcept { return count_ != 0; }
    std::size_t size() const noexcept { return count_; }
    std::size_t dropped() const noexcept { return dropped_; }
    const field_error& operator[](std::size_t i) const noexcept { return items_[i]; }
    const field_error* begin() const noexcept { return items_; }
    const field_error* end() const noexcept { return items_ + count_; }
    /// The first error, or an `ok` error when there is none.
    field_error first() const noexcept {
        field_error e;
        if (count_ != 0) e = items_[0];
        return e;
    }

private:
    field_error items_[capacity];
    std::size_t count_ = 0;
    std::size_t dropped_ = 0;
};

/// Room for 32 problems (about 3.5 KB). Code that reports only the first
/// one (encode_to) keeps a basic_diagnostics<1> on its stack instead.
using diagnostics = basic_diagnostics<32>;

#if TCVOD_HAS_EXCEPTIONS
/// Thrown only by the optional throwing accessors (`result::value()`).
class error : public std::system_error {
public:
    explicit error(const field_error& e) : std::system_error(e.error_code(), e.message()), field_(e) {}
    const field_error& field() const noexcept { return field_; }

private:
    field_error field_;
};
#endif

/// Either a value or a field_error. Check it before use: `value()` throws
/// when exceptions are enabled and aborts otherwise.
template <class T>
class [[nodiscard]] result {
public:
    result(T value) noexcept(std::is_nothrow_move_constructible<T>::value)  // NOLINT: implicit by design
        : value_(std::move(value)) {}
    result(field_error e) noexcept : error_(e) {}  // NOLINT: implicit by design
    result(errc code, field_path path = {}, const char* reason = nullptr) noexcept : error_{code, path, reason} {}

    bool has_value() const noexcept { return error_.code == errc::ok; }
    bool has_error() const noexcept { return !has_value(); }
    explicit operator bool() const noexcept { return has_value(); }

    const field_error& error() const noexcept { return error_; }
    std::error_code error_code() const noexcept { return error_.error_code(); }

    T& value() & {
        check();
        return value_;
    }
    const T& value() const& {
        check();
        return value_;
    }
    T&& value() && {
        check();
        return std::move(value_);
    }
    T& operator*() noexcept { return value_; }
    const T& operator*() const noexcept { return value_; }
    T* operator->() noexcept { return &value_; }
    const T* operator->() const noexcept { return &value_; }

private:
    void check() const {
        if (has_value()) return;
#if TCVOD_HAS_EXCEPTIONS
        throw tcvod::error(error_);
#else
        std::abort();
#endif
    }

    T value_{};
    field_error error_{};
};

}  // namespace v1
}  // namespace tcvod

template <>
struct std::is_error_code_enum<tcvod::errc> : std::true_type {};

#endif  // TCVOD_ERROR_HPP
