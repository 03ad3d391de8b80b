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

#include <cstddef>
#include <cstring>
#include <string_view>
#include <type_traits>

#if defined(__GNUC__) || defined(__clang__)
#define TCVOD_DETAIL_NOINLINE __attribute__((noinline))
#elif defined(_MSC_VER)
#define TCVOD_DETAIL_NOINLINE __declspec(noinline)
#else
#define TCVOD_DETAIL_NOINLINE
#endif

namespace tcvod {
inline namespace v1 {

/// One key=value pair, as views. Values are raw (not percent-encoded).
struct parameter {
    std::string_view key;
    std::string_view value;
};

/// Sorts by key, bytewise (memcmp order), as the signature requires:
/// `.` < digits < upper case < `_` < lower case, and `fileList.10` before
/// `fileList.2`. A heapsort: O(n log n) even for hostile input, no
/// recursion (std::sort's introsort recurses, so its stack depth cannot be
/// bounded statically for firmware), no allocation, a few hundred bytes of code.
inline void sort_parameters(parameter* first, parameter* last) noexcept {
    const auto n = static_cast<std::size_t>(last - first);
    auto sift_down = [first](std::size_t root, std::size_t end) noexcept {
        parameter moving = first[root];
        for (std::size_t child; (child = 2 * root + 1) < end; root = child) {
            if (child + 1 < end && first[child].key < first[child + 1].key) ++child;
            if (!(moving.key < first[child].key)) break;
            first[root] = first[child];
        }
        first[root] = moving;
    };
    for (std::size_t i = n / 2; i-- > 0;) sift_down(i, n);
    for (std::size_t end = n; end > 1;) {
        --end;
        const parameter top = first[0];
        first[0] = first[end];
        first[end] = top;
        sift_down(0, end);
    }
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

namespace detail {
/// Stands in for the HMAC a one-hash signer leaves out: no state, no code.
struct no_mac {
    constexpr no_mac(const void*, std::size_t) noexcept {}
};
}  // namespace detail

/// Holds the keyed HMAC states for one SecretKey, computed once, so each
/// request only pays for hashing its own bytes. Immutable after
/// construction: one signer can serve many threads. The secret itself is
/// not kept, only the keyed states, and those are wiped on destruction.
///
/// `signer` holds both HMAC-SHA1 and HMAC-SHA256 and serves any
/// SignatureMethod. `sha1_signer` and `sha256_signer` key and link one hash
/// only (firmware that always sends one method saves the other's code and
/// state); asked for the other method they sign nothing: encode() reports
/// errc::invalid_signature_method, verify() returns it.
///
/// Sha1 and Sha256 are the hash classes, by default the build's
/// (crypto::sha1/sha256: the built-in core, or OpenSSL's with
/// TCVOD_CRYPTO_OPENSSL). Naming them lets one program sign with two
/// backends, as the benchmarks do (crypto::software_sha1 next to
/// crypto::openssl_sha1).
template <bool WithSha1, bool WithSha256, class Sha1 = crypto::sha1, class Sha256 = crypto::sha256>
class basic_signer {
    static_assert(WithSha1 || WithSha256, "a signer holds at least one hash");

public:
    static constexpr bool has_sha1 = WithSha1;
    static constexpr bool has_sha256 = WithSha256;
    using sha1_key = crypto::hmac_key<Sha1>;
    using sha256_key = crypto::hmac_key<Sha256>;

    explicit basic_signer(std::string_view secret_key) noexcept
        : sha1_(secret_key.data(), secret_key.size()), sha256_(secret_key.data(), secret_key.size()) {}

    static constexpr bool supports(signature_method m) noexcept {
        return m == signature_method::hmac_sha256 ? has_sha256 : has_sha1;
    }

    template <bool Enabled = WithSha1, std::enable_if_t<Enabled, int> = 0>
    const sha1_key& keyed_sha1() const noexcept {
        return sha1_;
    }
    template <bool Enabled = WithSha256, std::enable_if_t<Enabled, int> = 0>
    const sha256_key& keyed_sha256() const noexcept {
        return sha256_;
    }

private:
    std::conditional_t<WithSha1, sha1_key, detail::no_mac> sha1_;
    std::conditional_t<WithSha256, sha256_key, detail::no_mac> sha256_;
};

using signer = basic_signer<true, true>;
using sha1_signer = basic_signer<true, false>;
using sha256_signer = basic_signer<false, true>;

/// For code that supports releases before the one-hash signers.
#define TCVOD_HAS_ONE_HASH_SIGNERS 1

/// Where a request goes; host and path are part of the string to sign.
struct endpoint {
    http_method method = http_method::get;
    std::string_view host = default_host;
    std::string_view path = default_path;
};

namespace detail {

/// Noinline: its digests and outer hash state then never sit on the
/// stack under the parameter walk that precedes it.
template <class Mac>
TCVOD_DETAIL_NOINLINE signature_text finish_signature(Mac& mac) noexcept {
    auto digest = mac.result();
    signature_text out;
    out.size_ = crypto::base64_encode(digest.data(), digest.size(), out.data_);
    crypto::secure_wipe(&digest, sizeof digest);
    return out;
}

#ifndef TCVOD_SIGN_STAGE_BYTES
#ifdef __OPTIMIZE_SIZE__
#define TCVOD_SIGN_STAGE_BYTES 128  // firmware: stack over speed
#else
#define TCVOD_SIGN_STAGE_BYTES 512
#endif
#endif

/// Feeds a MAC through a small buffer: one update() per few hundred bytes
/// instead of four per parameter, whose fixed cost dominated signing. The
/// MAC is reached through a function pointer, called once per buffer, so
/// the code that walks the parameters is compiled once for every hash.
/// update_mac is the only place that calls through it (noinline): a stack
/// analysis (scripts/stack_depth.py) then knows the call's possible targets.
class staged_mac {
public:
    template <class Mac>
    explicit staged_mac(Mac& mac) noexcept
        : mac_(&mac), update_([](void* m, const char* bytes, std::size_t size) noexcept {
              static_cast<Mac*>(m)->update(bytes, size);
          }) {}
    staged_mac(const staged_mac&) = delete;
    staged_mac& operator=(const staged_mac&) = delete;

    void feed(std::string_view bytes) noexcept {
        if (bytes.size() > capacity - size_) {
            flush();
            if (bytes.size() > capacity) {
                update_mac(bytes.data(), bytes.size());
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
        if (size_ != 0) update_mac(buffer_, size_);
        size_ = 0;
    }

private:
    TCVOD_DETAIL_NOINLINE void update_mac(const char* bytes, std::size_t size) noexcept { update_(mac_, bytes, size); }

    static constexpr std::size_t capacity = TCVOD_SIGN_STAGE_BYTES;
    void* mac_;
    void (*update_)(void*, const char*, std::size_t) noexcept;
    std::size_t size_ = 0;
    char buffer_[capacity];
};

inline void feed_request_line(staged_mac& stage, const endpoint& where) noexcept {
    stage.feed(to_string(where.method));
    stage.feed(where.host);
    stage.feed(where.path);
    stage.feed('?');
}

/// The string to sign after the request line: k=v&k=v...
template <class Visit>
void feed_parameters(staged_mac& stage, Visit& visit) {
    bool first = true;
    visit([&](std::string_view key, std::string_view value) {
        if (!first) stage.feed('&');
        first = false;
        stage.feed(key);
        stage.feed('=');
        stage.feed(value);
    });
    stage.flush();
}

/// Noinline: a caller that can sign with either hash (sign_sorted) then
/// holds one hash's state on the stack at a time, not both.
template <class KeyedMac, class Visit>
TCVOD_DETAIL_NOINLINE signature_text sign_sorted_with(const KeyedMac& key, const endpoint& where, Visit& visit) {
    auto mac = key.begin();
    staged_mac stage(mac);
    feed_request_line(stage, where);
    feed_parameters(stage, visit);
    return finish_signature(mac);
}

}  // namespace detail

/// Signs the parameters that `visit(f)` produces: it must call
/// f(key, value) for every parameter except Signature, sorted bytewise.
/// An empty signature when the signer does not hold the method's hash.
template <class Signer, class Visit>
signature_text sign_sorted(const Signer& s, signature_method method, const endpoint& where, Visit&& visit) {
    if (method == signature_method::hmac_sha256) {
        if constexpr (Signer::has_sha256) return detail::sign_sorted_with(s.keyed_sha256(), where, visit);
        return signature_text{};
    }
    if constexpr (Signer::has_sha1) return detail::sign_sorted_with(s.keyed_sha1(), where, visit);
    return signature_text{};
}

/// Signs an arbitrary set of parameters (common ones included, as raw
/// text). Sorts the caller's array in place; skips any `Signature` entry;
/// picks the hash from the `SignatureMethod` entry, as the server does.
namespace detail {
// As constants, so comparing with them needs no strlen at run time (-Os
// does not always fold string_view's constructor).
inline constexpr std::string_view signature_method_key = "SignatureMethod";
inline constexpr std::string_view signature_key = "Signature";
}  // namespace detail

template <class Signer>
signature_text sign_parameters(const Signer& s, const endpoint& where, parameter* params, std::size_t count) {
    sort_parameters(params, params + count);
    signature_method method = signature_method::hmac_sha1;
    for (std::size_t i = 0; i < count; ++i)
        if (params[i].key == detail::signature_method_key) method = signature_method_from_wire(params[i].value);
    return sign_sorted(s, method, where, [&](auto&& f) {
        for (std::size_t i = 0; i < count; ++i)
            if (params[i].key != detail::signature_key) f(params[i].key, params[i].value);
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
