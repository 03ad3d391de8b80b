#ifndef TCVOD_CRYPTO_SHA1_HPP
#define TCVOD_CRYPTO_SHA1_HPP

// SHA-1 (FIPS 180-4). `software_sha1` is always available; `sha1` names the
// OpenSSL-backed class instead when TCVOD_CRYPTO_OPENSSL is defined. Define
// that macro the same way in every translation unit of a program.
//
// The portable code comes in two sizes, always both available:
//   fast_sha1   rounds unrolled: about 3.7 KB of Cortex-M4 code at -Os
//   small_sha1  rounds in a loop: about 0.4 KB, about half the speed
// `software_sha1` names one of them, chosen by TCVOD_CRYPTO_SMALL:
//   defined to 1  small_sha1
//   defined to 0  fast_sha1
//   not defined   small_sha1 when the compiler optimizes for size (-Os, -Oz:
//                 __OPTIMIZE_SIZE__), fast_sha1 otherwise
// sha256.hpp reads the same macro. Like TCVOD_CRYPTO_OPENSSL it must mean the
// same in every translation unit, so a program that builds some files with
// -Os and others without should define it explicitly.

#include <cstddef>
#include <cstdint>

#include "digest.hpp"

#ifdef TCVOD_CRYPTO_OPENSSL
#include "openssl.hpp"
#endif

// The same lines are in sha256.hpp: whichever header comes first decides.
#ifndef TCVOD_CRYPTO_SMALL
#ifdef __OPTIMIZE_SIZE__
#define TCVOD_CRYPTO_SMALL 1
#else
#define TCVOD_CRYPTO_SMALL 0
#endif
#endif
#if TCVOD_CRYPTO_SMALL != 0 && TCVOD_CRYPTO_SMALL != 1
#error "TCVOD_CRYPTO_SMALL must be 0 or 1"
#endif

namespace tcvod {
inline namespace v1 {
namespace crypto {
namespace detail {

inline constexpr std::uint32_t sha1_initial_state[5] = {0x67452301U, 0xEFCDAB89U, 0x98BADCFEU,
                                                        0x10325476U, 0xC3D2E1F0U};

// W_t for 16 <= t < 80 (FIPS 180-4 section 6.1.2), written over W_{t-16} in
// the 16-word rolling message schedule w, where w[t % 16] holds W_t.
TCVOD_CRYPTO_DETAIL_ALWAYS_INLINE std::uint32_t sha1_extend_schedule(unsigned t, std::uint32_t (&w)[16]) noexcept {
  return w[t % 16] = rotl32(w[(t + 13) % 16] ^ w[(t + 8) % 16] ^ w[(t + 2) % 16] ^ w[t % 16], 1);
}

// f_t(b, c, d) + K_t (FIPS 180-4 sections 4.1.1 and 4.2.1). A constant t
// folds the branches away.
TCVOD_CRYPTO_DETAIL_ALWAYS_INLINE std::uint32_t sha1_mix_plus_constant(unsigned t, std::uint32_t b, std::uint32_t c,
                                                                       std::uint32_t d) noexcept {
  if (t < 20) return (d ^ (b & (c ^ d))) + 0x5A827999U;       // Ch(b, c, d) with one operation fewer
  if (t < 40) return (b ^ c ^ d) + 0x6ED9EBA1U;               // Parity
  if (t < 60) return ((b & c) | (d & (b | c))) + 0x8F1BBCDCU;  // Maj(b, c, d)
  return (b ^ c ^ d) + 0xCA62C1D6U;                            // Parity
}

// Round t with message word `word`. Only b and e change: e becomes the next a,
// b the next c; the callers rotate the roles of a..e.
TCVOD_CRYPTO_DETAIL_ALWAYS_INLINE void sha1_round_function(unsigned t, std::uint32_t a, std::uint32_t& b,
                                                           std::uint32_t c, std::uint32_t d, std::uint32_t& e,
                                                           std::uint32_t word) noexcept {
  e += rotl32(a, 5) + sha1_mix_plus_constant(t, b, c, d) + word;
  b = rotl32(b, 30);
}

template <unsigned Round>
TCVOD_CRYPTO_DETAIL_ALWAYS_INLINE void sha1_round(std::uint32_t a, std::uint32_t& b, std::uint32_t c, std::uint32_t d,
                                                  std::uint32_t& e, std::uint32_t (&w)[16]) noexcept {
  const std::uint32_t word = Round < 16 ? w[Round] : sha1_extend_schedule(Round, w);
  sha1_round_function(Round, a, b, c, d, e, word);
}

// Five rounds bring the roles of a..e back to where they started.
template <unsigned FirstRound>
TCVOD_CRYPTO_DETAIL_ALWAYS_INLINE void sha1_five_rounds(std::uint32_t& a, std::uint32_t& b, std::uint32_t& c,
                                                        std::uint32_t& d, std::uint32_t& e,
                                                        std::uint32_t (&w)[16]) noexcept {
  sha1_round<FirstRound + 0>(a, b, c, d, e, w);
  sha1_round<FirstRound + 1>(e, a, b, c, d, w);
  sha1_round<FirstRound + 2>(d, e, a, b, c, w);
  sha1_round<FirstRound + 3>(c, d, e, a, b, w);
  sha1_round<FirstRound + 4>(b, c, d, e, a, w);
}

// Unrolled: every round has constant indices and its own code, and the roles
// of a..e rotate at compile time instead of values moving.
inline void sha1_compress_fast(std::uint32_t* state, const unsigned char* blocks,
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

// For flash size: one loop over the 80 rounds, the values of a..e moved after
// each round instead of the roles rotating.
inline void sha1_compress_small(std::uint32_t* state, const unsigned char* blocks,
                                std::size_t block_count) noexcept {
  for (; block_count != 0; --block_count, blocks += 64) {
    std::uint32_t w[16];
    std::uint32_t a = state[0];
    std::uint32_t b = state[1];
    std::uint32_t c = state[2];
    std::uint32_t d = state[3];
    std::uint32_t e = state[4];

    for (unsigned t = 0; t < 80; ++t) {
      const std::uint32_t word = t < 16 ? (w[t] = load_be32(blocks + 4 * t)) : sha1_extend_schedule(t, w);
      sha1_round_function(t, a, b, c, d, e, word);
      const std::uint32_t next_a = e;
      e = d;
      d = c;
      c = b;
      b = a;
      a = next_a;
    }

    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
    state[4] += e;
  }
}

}  // namespace detail

// Portable SHA-1 over the block function Compress. Trivially copyable:
// copying snapshots a partial hash.
template <void (*Compress)(std::uint32_t*, const unsigned char*, std::size_t) noexcept>
class basic_software_sha1 {
 public:
  static constexpr std::size_t block_size = 64;
  static constexpr std::size_t digest_size = 20;
  using result_type = digest<digest_size>;

  basic_software_sha1() noexcept { reset(); }

  void update(const void* data, std::size_t size) noexcept { engine_.update(data, size); }

  // Finalizes; call reset() before hashing another message.
  result_type result() noexcept {
    result_type out;
    engine_.finish(out.bytes);
    return out;
  }

  void reset() noexcept { engine_.reset(detail::sha1_initial_state); }

 private:
  detail::md_block_engine<5, Compress> engine_;
};

using fast_sha1 = basic_software_sha1<&detail::sha1_compress_fast>;
using small_sha1 = basic_software_sha1<&detail::sha1_compress_small>;

#if TCVOD_CRYPTO_SMALL
using software_sha1 = small_sha1;
#else
using software_sha1 = fast_sha1;
#endif

#ifdef TCVOD_CRYPTO_OPENSSL
using sha1 = openssl_sha1;
#else
using sha1 = software_sha1;
#endif

}  // namespace crypto
}  // namespace v1
}  // namespace tcvod

#endif  // TCVOD_CRYPTO_SHA1_HPP
