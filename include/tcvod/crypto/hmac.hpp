#ifndef TCVOD_CRYPTO_HMAC_HPP
#define TCVOD_CRYPTO_HMAC_HPP

// HMAC (RFC 2104) over any hash with the sha1/sha256 interface.

#include <cstddef>
#include <cstring>
#include <type_traits>

#include "sha1.hpp"
#include "sha256.hpp"
#include "wipe.hpp"

namespace tcvod {
inline namespace v1 {
namespace crypto {

// A key, prepared: the hash states after absorbing K0 ^ ipad and K0 ^ opad.
// Immutable, so one key serves many messages at once (a session each), and
// two states, not three, so a signer kept on a firmware stack stays small.
template <class Hash>
class hmac_key {
    // Keyed states are saved and restored by plain copies and wiped as raw bytes.
    static_assert(std::is_trivially_copyable<Hash>::value, "Hash must be trivially copyable");

public:
    static constexpr std::size_t block_size = Hash::block_size;
    static constexpr std::size_t digest_size = Hash::digest_size;
    using result_type = typename Hash::result_type;

    // Empty key (RFC 2104 allows it; the key is zero-padded like any short key).
    hmac_key() noexcept { set_key(nullptr, 0); }

    // Keys longer than block_size are hashed first, as RFC 2104 requires.
    hmac_key(const void* key, std::size_t key_size) noexcept { set_key(key, key_size); }

    hmac_key(const hmac_key&) noexcept = default;
    hmac_key& operator=(const hmac_key&) noexcept = default;

    ~hmac_key() {
        secure_wipe(&inner_keyed_, sizeof inner_keyed_);
        secure_wipe(&outer_keyed_, sizeof outer_keyed_);
    }

    // One message under this key: a copy of the keyed inner state, the
    // outer state read from the key at the end. The key must outlive it.
    class session {
    public:
        explicit session(const hmac_key& key) noexcept : key_(key), inner_(key.inner_keyed_) {}
        session(const session&) = delete;
        session& operator=(const session&) = delete;
        ~session() { secure_wipe(&inner_, sizeof inner_); }

        void update(const void* data, std::size_t size) noexcept { inner_.update(data, size); }
        // Finalizes; a session signs one message.
        result_type result() noexcept { return key_.finish(inner_); }

    private:
        const hmac_key& key_;
        Hash inner_;
    };

    session begin() const noexcept { return session(*this); }

    // The inner hash of an empty message under this key.
    const Hash& inner_keyed() const noexcept { return inner_keyed_; }

    // HMAC = H(K0 ^ opad || H(K0 ^ ipad || message)), given the inner hash.
    result_type finish(Hash& inner) const noexcept {
        result_type inner_digest = inner.result();
        Hash outer = outer_keyed_;
        outer.update(inner_digest.bytes, inner_digest.size());
        result_type tag = outer.result();
        secure_wipe(&outer, sizeof outer);
        secure_wipe(&inner_digest, sizeof inner_digest);
        return tag;
    }

private:
    void set_key(const void* key, std::size_t key_size) noexcept {
        // K0 from RFC 2104: the key (or its hash) zero-padded to one block.
        unsigned char padded_key[block_size] = {};
        if (key_size > block_size) {
            Hash key_hash;
            key_hash.update(key, key_size);
            result_type hashed_key = key_hash.result();
            static_assert(sizeof hashed_key.bytes <= block_size, "digest must fit in one block");
            std::memcpy(padded_key, hashed_key.bytes, sizeof hashed_key.bytes);
            secure_wipe(&hashed_key, sizeof hashed_key);
            secure_wipe(&key_hash, sizeof key_hash);
        } else if (key_size != 0) {
            std::memcpy(padded_key, key, key_size);
        }

        for (unsigned char& byte : padded_key) byte ^= 0x36;  // ipad
        inner_keyed_.update(padded_key, block_size);
        for (unsigned char& byte : padded_key) byte ^= 0x36 ^ 0x5C;  // ipad -> opad
        outer_keyed_.update(padded_key, block_size);
        secure_wipe(padded_key, sizeof padded_key);
        burn_stack();  // the compressions of the key blocks left key-derived words behind
    }

    Hash inner_keyed_;  // hash state after absorbing K0 ^ ipad
    Hash outer_keyed_;  // hash state after absorbing K0 ^ opad
};

// The streaming interface: a key and the message being signed; reset()
// starts the next message without hashing the key blocks again.
template <class Hash>
class hmac {
public:
    static constexpr std::size_t block_size = Hash::block_size;
    static constexpr std::size_t digest_size = Hash::digest_size;
    using result_type = typename Hash::result_type;
    using session = typename hmac_key<Hash>::session;

    hmac() noexcept : inner_(key_.inner_keyed()) {}
    hmac(const void* key, std::size_t key_size) noexcept : key_(key, key_size), inner_(key_.inner_keyed()) {}

    hmac(const hmac&) noexcept = default;
    hmac& operator=(const hmac&) noexcept = default;

    ~hmac() { secure_wipe(&inner_, sizeof inner_); }

    void update(const void* data, std::size_t size) noexcept { inner_.update(data, size); }

    // Finalizes; call reset() before signing the next message with the same key.
    result_type result() noexcept { return key_.finish(inner_); }

    // Restores the state right after keying: the key blocks are not hashed again.
    void reset() noexcept { inner_ = key_.inner_keyed(); }

    // A session over this hmac's key (see hmac_key::session).
    session begin() const noexcept { return key_.begin(); }
    const hmac_key<Hash>& key() const noexcept { return key_; }

private:
    hmac_key<Hash> key_;
    Hash inner_;  // inner hash of the message being signed
};

using hmac_sha1 = hmac<sha1>;
using hmac_sha256 = hmac<sha256>;
using hmac_sha1_key = hmac_key<sha1>;
using hmac_sha256_key = hmac_key<sha256>;

}  // namespace crypto
}  // namespace v1
}  // namespace tcvod

#endif  // TCVOD_CRYPTO_HMAC_HPP
