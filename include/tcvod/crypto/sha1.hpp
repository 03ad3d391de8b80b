#ifndef TCVOD_CRYPTO_SHA1_HPP
#define TCVOD_CRYPTO_SHA1_HPP

// SHA-1 (FIPS 180-4). `software_sha1` is always available; `sha1` names the
// OpenSSL-backed class instead when TCVOD_CRYPTO_OPENSSL is defined. Define
// that macro the same way in every translation unit of a program.

#include <cstddef>
#include <cstdint>

#include "digest.hpp"

#ifdef TCVOD_CRYPTO_OPENSSL
#include "openssl.hpp"
#endif

namespace tcvod {
inline namespace v1 {
namespace crypto {
namespace detail {

inline constexpr std::uint32_t sha1_initial_state[5] = {0x67452301U, 0xEFCDAB89U, 0x98BADCFEU,
                                                        0x10325476U, 0xC3D2E1F0U};

// One round t of FIPS 180-4 section 6.1.2. Callers rotate the roles of a..e
// instead of moving values, so each round only rewrites b and e.
// w is the 16-word rolling message schedule; rounds 16..79 extend it in place.
template <unsigned Round>
TCVOD_CRYPTO_DETAIL_ALWAYS_INLINE void sha1_round(std::uint32_t a, std::uint32_t& b, std::uint32_t c, std::uint32_t d,
                       std::uint32_t& e, std::uint32_t (&w)[16]) noexcept {
  std::uint32_t word;
  if constexpr (Round < 16) {
    word = w[Round];
  } else {
    word = rotl32(w[(Round + 13) % 16] ^ w[(Round + 8) % 16] ^ w[(Round + 2) % 16] ^ w[Round % 16], 1);
    w[Round % 16] = word;
  }

  std::uint32_t mixed;
  std::uint32_t constant;
  if constexpr (Round < 20) {
    mixed = d ^ (b & (c ^ d));  // Ch(b, c, d) with one operation fewer
    constant = 0x5A827999U;
  } else if constexpr (Round < 40) {
    mixed = b ^ c ^ d;
    constant = 0x6ED9EBA1U;
  } else if constexpr (Round < 60) {
    mixed = (b & c) | (d & (b | c));  // Maj(b, c, d)
    constant = 0x8F1BBCDCU;
  } else {
    mixed = b ^ c ^ d;
    constant = 0xCA62C1D6U;
  }

  e += rotl32(a, 5) + mixed + constant + word;
  b = rotl32(b, 30);
}

// Five rounds bring the roles of a..e back to where they started.
template <unsigned FirstRound>
TCVOD_CRYPTO_DETAIL_ALWAYS_INLINE void sha1_five_rounds(std::uint32_t& a, std::uint32_t& b, std::uint32_t& c, std::uint32_t& d,
                             std::uint32_t& e, std::uint32_t (&w)[16]) noexcept {
  sha1_round<FirstRound + 0>(a, b, c, d, e, w);
  sha1_round<FirstRound + 1>(e, a, b, c, d, w);
  sha1_round<FirstRound + 2>(d, e, a, b, c, w);
  sha1_round<FirstRound + 3>(c, d, e, a, b, w);
  sha1_round<FirstRound + 4>(b, c, d, e, a, w);
}

inline void sha1_compress(std::uint32_t* state, const unsigned char* blocks,
                          std::size_t block_count) noexcept {
  for (; block_count != 0; --block_count, blocks += 64) {
    std::uint32_t w[16];
    for (unsigned i = 0; i < 16; ++i) w[i] = load_be32(blocks + 4 * i);

    std::uint32_t a = state[0];
    std::uint32_t b = state[1];
    std::uint32_t c = state[2];
    std::uint32_t d = state[3];
    std::uint32_t e = state[4];

    sha1_five_rounds<0>(a, b, c, d, e, w);
    sha1_five_rounds<5>(a, b, c, d, e, w);
    sha1_five_rounds<10>(a, b, c, d, e, w);
    sha1_five_rounds<15>(a, b, c, d, e, w);
    sha1_five_rounds<20>(a, b, c, d, e, w);
    sha1_five_rounds<25>(a, b, c, d, e, w);
    sha1_five_rounds<30>(a, b, c, d, e, w);
    sha1_five_rounds<35>(a, b, c, d, e, w);
    sha1_five_rounds<40>(a, b, c, d, e, w);
    sha1_five_rounds<45>(a, b, c, d, e, w);
    sha1_five_rounds<50>(a, b, c, d, e, w);
    sha1_five_rounds<55>(a, b, c, d, e, w);
    sha1_five_rounds<60>(a, b, c, d, e, w);
    sha1_five_rounds<65>(a, b, c, d, e, w);
    sha1_five_rounds<70>(a, b, c, d, e, w);
    sha1_five_rounds<75>(a, b, c, d, e, w);

    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
    state[4] += e;
  }
}

}  // namespace detail

// Portable SHA-1. Trivially copyable: copying snapshots a partial hash.
class software_sha1 {
 public:
  static constexpr std::size_t block_size = 64;
  static constexpr std::size_t digest_size = 20;
  using result_type = digest<digest_size>;

  software_sha1() noexcept { reset(); }

  void update(const void* data, std::size_t size) noexcept { engine_.update(data, size); }

  // Finalizes; call reset() before hashing another message.
  result_type result() noexcept {
    result_type out;
    engine_.finish(out.bytes);
    return out;
  }

  void reset() noexcept { engine_.reset(detail::sha1_initial_state); }

 private:
  detail::md_block_engine<5, &detail::sha1_compress> engine_;
};

#ifdef TCVOD_CRYPTO_OPENSSL
using sha1 = openssl_sha1;
#else
using sha1 = software_sha1;
#endif

}  // namespace crypto
}  // namespace v1
}  // namespace tcvod

#endif  // TCVOD_CRYPTO_SHA1_HPP
