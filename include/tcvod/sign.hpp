// The API 2.0 "v1" signature: HMAC (SHA-1, or SHA-256 when SignatureMethod
// is exactly HmacSHA256) over
//     METHOD + host + path + "?" + k1=v1&k2=v2...
// with keys sorted bytewise, raw UTF-8 values and Signature left out; then
// Base64. Standard library and the built-in crypto core only.
#ifndef TCVOD_SIGN_HPP
#define TCVOD_SIGN_HPP

#include "tcvod/crypto/base64.hpp"
#include "tcvod/crypto/digest.hpp"
#include "tcvod/crypto/hmac.hpp"
#include "tcvod/crypto/sha1.hpp"
#include "tcvod/crypto/sha256.hpp"
#include "tcvod/crypto/wipe.hpp"
#include "tcvod/model.hpp"

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <string_view>

namespace tcvod {
inline namespace v1 {

/// One key=value pair, as views. Values are raw (not percent-encoded).
struct parameter {
    std::string_view key;
    std::string_view value;
};

/// Sorts by key, bytewise (memcmp order), as the signature requires:
/// `.` < digits < upper case < `_` < lower case, and `fileList.10` before
/// `fileList.2`.
inline void sort_parameters(parameter* first, parameter* last) noexcept {
    std::sort(first, last, [](const parameter& a, const parameter& b) { return a.key < b.key; });
}

class signature_text;
namespace detail {
template <class Mac>
signature_text finish_signature(Mac& mac) noexcept;
}

/// A Base64 signature: 28 chars for SHA-1, 44 for SHA-256.
class signature_text {
public:
    static constexpr std::size_t capacity = 44;
    std::string_view view() const noexcept { return {data_, size_}; }
    /// In constant time for equal lengths (the length only tells the hash).
    friend bool operator==(const signature_text& a, const signature_text& b) noexcept {
        return a.size_ == b.size_ && crypto::constant_time_equal(a.data_, b.data_, a.size_);
    }
    friend bool operator!=(const signature_text& a, const signature_text& b) noexcept { return !(a == b); }

private:
    template <class Mac>
    friend signature_text detail::finish_signature(Mac& mac) noexcept;
    char data_[capacity] = {};
    std::size_t size_ = 0;
};

/// Holds the keyed HMAC states for one SecretKey, computed once, so each
/// request only pays for hashing its own bytes. Immutable after
/// construction: one signer can serve many threads. The secret itself is
/// not kept, only the keyed states, and those are wiped on destruction.
class signer {
public:
    explicit signer(std::string_view secret_key) noexcept
        : sha1_(secret_key.data(), secret_key.size()), sha256_(secret_key.data(), secret_key.size()) {}

    const crypto::hmac_sha1& keyed_sha1() const noexcept { return sha1_; }
    const crypto::hmac_sha256& keyed_sha256() const noexcept { return sha256_; }

private:
    crypto::hmac_sha1 sha1_;
    crypto::hmac_sha256 sha256_;
};

/// Where a request goes; host and path are part of the string to sign.
struct endpoint {
    http_method method = http_method::get;
    std::string_view host = default_host;
    std::string_view path = default_path;
};

namespace detail {

template <class Mac>
signature_text finish_signature(Mac& mac) noexcept {
    auto digest = mac.result();
    signature_text out;
    out.size_ = crypto::base64_encode(digest.data(), digest.size(), out.data_);
    crypto::secure_wipe(&digest, sizeof digest);
    return out;
}

/// Feeds a MAC through a small buffer: one update() per few hundred bytes
/// instead of four per parameter, whose fixed cost dominated signing.
template <class Mac>
class staged_mac {
public:
    explicit staged_mac(Mac& mac) noexcept : mac_(mac) {}
    staged_mac(const staged_mac&) = delete;
    staged_mac& operator=(const staged_mac&) = delete;

    void feed(std::string_view bytes) noexcept {
        if (bytes.size() > capacity - size_) {
            flush();
            if (bytes.size() > capacity) {
                mac_.update(bytes.data(), bytes.size());
                return;
            }
        }
        std::memcpy(buffer_ + size_, bytes.data(), bytes.size());
        size_ += bytes.size();
    }
    void feed(char c) noexcept {
        if (size_ == capacity) flush();
        buffer_[size_++] = c;
    }
    /// Hands the buffered bytes to the MAC; call before finishing it.
    void flush() noexcept {
        if (size_ != 0) mac_.update(buffer_, size_);
        size_ = 0;
    }

private:
    static constexpr std::size_t capacity = 512;
    Mac& mac_;
    std::size_t size_ = 0;
    char buffer_[capacity];
};

template <class Mac>
void feed_request_line(staged_mac<Mac>& stage, const endpoint& where) noexcept {
    stage.feed(to_string(where.method));
    stage.feed(where.host);
    stage.feed(where.path);
    stage.feed('?');
}

template <class Mac, class Visit>
signature_text sign_sorted_with(Mac mac, const endpoint& where, Visit& visit) {
    staged_mac<Mac> stage(mac);
    feed_request_line(stage, where);
    bool first = true;
    visit([&](std::string_view key, std::string_view value) {
        if (!first) stage.feed('&');
        first = false;
        stage.feed(key);
        stage.feed('=');
        stage.feed(value);
    });
    stage.flush();
    return finish_signature(mac);
}

}  // namespace detail

/// Signs the parameters that `visit(f)` produces: it must call
/// f(key, value) for every parameter except Signature, sorted bytewise.
template <class Visit>
signature_text sign_sorted(const signer& s, signature_method method, const endpoint& where, Visit&& visit) {
    if (method == signature_method::hmac_sha256) return detail::sign_sorted_with(s.keyed_sha256(), where, visit);
    return detail::sign_sorted_with(s.keyed_sha1(), where, visit);
}

/// Signs an arbitrary set of parameters (common ones included, as raw
/// text). Sorts the caller's array in place; skips any `Signature` entry;
/// picks the hash from the `SignatureMethod` entry, as the server does.
inline signature_text sign_parameters(const signer& s, const endpoint& where, parameter* params, std::size_t count) {
    sort_parameters(params, params + count);
    signature_method method = signature_method::hmac_sha1;
    for (std::size_t i = 0; i < count; ++i)
        if (params[i].key == "SignatureMethod") method = signature_method_from_wire(params[i].value);
    return sign_sorted(s, method, where, [&](auto&& f) {
        for (std::size_t i = 0; i < count; ++i)
            if (params[i].key != "Signature") f(params[i].key, params[i].value);
    });
}

/// The string to sign for parameters produced in sorted order (for
/// diagnostics and tests: signing itself never materialises it).
template <class String, class Visit>
void write_string_to_sign(const endpoint& where, Visit&& visit, String& out) {
    out.clear();
    out.append(to_string(where.method).data(), to_string(where.method).size());
    out.append(where.host.data(), where.host.size());
    out.append(where.path.data(), where.path.size());
    out.push_back('?');
    bool first = true;
    visit([&](std::string_view key, std::string_view value) {
        if (!first) out.push_back('&');
        first = false;
        out.append(key.data(), key.size());
        out.push_back('=');
        out.append(value.data(), value.size());
    });
}

/// Compares a received signature with the expected one in time that does
/// not depend on where they differ.
inline bool signature_matches(const signature_text& expected, std::string_view received) noexcept {
    if (received.size() != expected.view().size()) return false;
    return crypto::constant_time_equal(expected.view().data(), received.data(), received.size());
}

}  // namespace v1
}  // namespace tcvod

#endif  // TCVOD_SIGN_HPP
