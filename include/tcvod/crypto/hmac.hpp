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

template <class Hash>
class hmac {
  // Keyed states are saved and restored by plain copies and wiped as raw bytes.
  static_assert(std::is_trivially_copyable<Hash>::value, "Hash must be trivially copyable");

 public:
  static constexpr std::size_t block_size = Hash::block_size;
  static constexpr std::size_t digest_size = Hash::digest_size;
  using result_type = typename Hash::result_type;

  // Empty key (RFC 2104 allows it; the key is zero-padded like any short key).
  hmac() noexcept { set_key(nullptr, 0); }

  // Keys longer than block_size are hashed first, as RFC 2104 requires.
  hmac(const void* key, std::size_t key_size) noexcept { set_key(key, key_size); }

  hmac(const hmac&) noexcept = default;
  hmac& operator=(const hmac&) noexcept = default;

  ~hmac() {
    secure_wipe(&inner_keyed_, sizeof inner_keyed_);
    secure_wipe(&outer_keyed_, sizeof outer_keyed_);
    secure_wipe(&inner_, sizeof inner_);
  }

  void update(const void* data, std::size_t size) noexcept { inner_.update(data, size); }

  // Finalizes; call reset() before signing the next message with the same key.
  result_type result() noexcept { return finish(outer_keyed_, inner_); }

  // Restores the state right after keying: the key blocks are not hashed again.
  void reset() noexcept { inner_ = inner_keyed_; }

  // One message under a shared, immutable key: a copy of the keyed inner
  // state only (a third of a copy of the hmac), the outer state read from
  // the key at the end. Many sessions may use one key at once; the key
  // must outlive them.
  class session {
   public:
    explicit session(const hmac& key) noexcept : key_(key), inner_(key.inner_keyed_) {}
    session(const session&) = delete;
    session& operator=(const session&) = delete;
    ~session() { secure_wipe(&inner_, sizeof inner_); }

    void update(const void* data, std::size_t size) noexcept { inner_.update(data, size); }
    // Finalizes; a session signs one message.
    result_type result() noexcept { return finish(key_.outer_keyed_, inner_); }

   private:
    const hmac& key_;
    Hash inner_;
  };

  session begin() const noexcept { return session(*this); }

 private:
  static result_type finish(const Hash& outer_keyed, Hash& inner) noexcept {
    result_type inner_digest = inner.result();
    Hash outer = outer_keyed;
    outer.update(inner_digest.bytes, inner_digest.size());
    result_type tag = outer.result();
    secure_wipe(&outer, sizeof outer);
    secure_wipe(&inner_digest, sizeof inner_digest);
    return tag;
  }

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

    inner_ = inner_keyed_;
  }

  Hash inner_keyed_;  // hash state after absorbing K0 ^ ipad
  Hash outer_keyed_;  // hash state after absorbing K0 ^ opad
  Hash inner_;        // inner hash of the message being signed
};

using hmac_sha1 = hmac<sha1>;
using hmac_sha256 = hmac<sha256>;

}  // namespace crypto
}  // namespace v1
}  // namespace tcvod

#endif  // TCVOD_CRYPTO_HMAC_HPP
