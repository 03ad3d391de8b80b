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
//
// SHA instructions (cpu.hpp says when each is compiled):
//   hardware_sha1     always the SHA-NI (x86-64) or ARMv8 Cryptography
//                     Extension compression; only where the CPU has them
//   dispatching_sha1  asks the CPU once, when constructed, and uses
//                     hardware_sha1's compression or fast_sha1's
// Where the compile target guarantees the instructions (-msha, -march=
// armv8-a+crypto) `software_sha1` names hardware_sha1; in x86-64 GCC/Clang
// hosted builds it names dispatching_sha1 unless TCVOD_CRYPTO_SMALL or
// TCVOD_CRYPTO_NO_DISPATCH says otherwise (cpu.hpp: TCVOD_CRYPTO_DISPATCH,
// and how the CPU is asked without executing CPUID).

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

#include "cpu.hpp"

namespace tcvod {
inline namespace v1 {
namespace crypto {
namespace detail {

inline constexpr std::uint32_t sha1_initial_state[5] = {0x67452301U, 0xEFCDAB89U, 0x98BADCFEU, 0x10325476U,
                                                        0xC3D2E1F0U};

// W_t for 16 <= t < 80 (FIPS 180-4 section 6.1.2), written over W_{t-16} in
// the 16-word rolling message schedule w, where w[t % 16] holds W_t.
TCVOD_CRYPTO_DETAIL_ALWAYS_INLINE std::uint32_t sha1_extend_schedule(unsigned t, std::uint32_t (&w)[16]) noexcept {
    return w[t % 16] = rotl32(w[(t + 13) % 16] ^ w[(t + 8) % 16] ^ w[(t + 2) % 16] ^ w[t % 16], 1);
}

// f_t(b, c, d) + K_t (FIPS 180-4 sections 4.1.1 and 4.2.1). A constant t
// folds the branches away.
TCVOD_CRYPTO_DETAIL_ALWAYS_INLINE std::uint32_t sha1_mix_plus_constant(unsigned t, std::uint32_t b, std::uint32_t c,
                                                                       std::uint32_t d) noexcept {
    if (t < 20) return (d ^ (b & (c ^ d))) + 0x5A827999U;        // Ch(b, c, d) with one operation fewer
    if (t < 40) return (b ^ c ^ d) + 0x6ED9EBA1U;                // Parity
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
inline void sha1_compress_fast(std::uint32_t* state, const unsigned char* blocks, std::size_t block_count) noexcept {
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
inline void sha1_compress_small(std::uint32_t* state, const unsigned char* blocks, std::size_t block_count) noexcept {
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

#if TCVOD_CRYPTO_X86_SHA

// Four rounds with SHA-NI: e_with_word is E plus the four message words (from
// sha1nexte, or an add in round 0), the next E is the current ABCD. The roles
// of e0/e1 and of the four message registers rotate at compile time.
template <unsigned Group>
TCVOD_CRYPTO_DETAIL_X86_SHA_TARGET TCVOD_CRYPTO_DETAIL_ALWAYS_INLINE void sha1_x86_four_rounds(
    __m128i& abcd, __m128i& e_with_word, __m128i& e_next, __m128i (&m)[4]) noexcept {
    __m128i& current = m[Group % 4];
    e_with_word = Group == 0 ? add_lanes(e_with_word, current) : _mm_sha1nexte_epu32(e_with_word, current);
    e_next = abcd;
    // W[t] = rotl1(W[t-3] ^ W[t-8] ^ W[t-14] ^ W[t-16]) for the group Group + 4,
    // built in three steps over three groups.
    if (Group >= 3 && Group <= 18) m[(Group + 1) % 4] = _mm_sha1msg2_epu32(m[(Group + 1) % 4], current);
    abcd = _mm_sha1rnds4_epu32(abcd, e_with_word, Group / 5);
    if (Group >= 1 && Group <= 16) m[(Group + 3) % 4] = _mm_sha1msg1_epu32(m[(Group + 3) % 4], current);
    if (Group >= 2 && Group <= 17) m[(Group + 2) % 4] = _mm_xor_si128(m[(Group + 2) % 4], current);
}

template <unsigned Group>
TCVOD_CRYPTO_DETAIL_X86_SHA_TARGET TCVOD_CRYPTO_DETAIL_ALWAYS_INLINE void sha1_x86_eight_rounds(
    __m128i& abcd, __m128i& e0, __m128i& e1, __m128i (&m)[4]) noexcept {
    sha1_x86_four_rounds<Group>(abcd, e0, e1, m);
    sha1_x86_four_rounds<Group + 1>(abcd, e1, e0, m);
}

// SHA-NI (Intel SHA extensions). State order in registers: ABCD reversed in
// one register, E in the top lane of another.
TCVOD_CRYPTO_DETAIL_X86_SHA_TARGET inline void sha1_compress_x86_sha(std::uint32_t* state, const unsigned char* blocks,
                                                                     std::size_t block_count) noexcept {
    const __m128i byte_swap = _mm_set_epi64x(0x0001020304050607LL, 0x08090A0B0C0D0E0FLL);
    __m128i abcd = _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(state)), 0x1B);
    __m128i e0 = _mm_set_epi32(static_cast<int>(state[4]), 0, 0, 0);
    for (; block_count != 0; --block_count, blocks += 64) {
        const __m128i abcd_saved = abcd;
        const __m128i e_saved = e0;
        __m128i e1;
        __m128i m[4];
        for (unsigned i = 0; i < 4; ++i) {
            m[i] = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(blocks + 16 * i)), byte_swap);
        }
        sha1_x86_eight_rounds<0>(abcd, e0, e1, m);
        sha1_x86_eight_rounds<2>(abcd, e0, e1, m);
        sha1_x86_eight_rounds<4>(abcd, e0, e1, m);
        sha1_x86_eight_rounds<6>(abcd, e0, e1, m);
        sha1_x86_eight_rounds<8>(abcd, e0, e1, m);
        sha1_x86_eight_rounds<10>(abcd, e0, e1, m);
        sha1_x86_eight_rounds<12>(abcd, e0, e1, m);
        sha1_x86_eight_rounds<14>(abcd, e0, e1, m);
        sha1_x86_eight_rounds<16>(abcd, e0, e1, m);
        sha1_x86_eight_rounds<18>(abcd, e0, e1, m);
        e0 = _mm_sha1nexte_epu32(e0, e_saved);
        abcd = add_lanes(abcd, abcd_saved);
    }
    _mm_storeu_si128(reinterpret_cast<__m128i*>(state), _mm_shuffle_epi32(abcd, 0x1B));
    state[4] = static_cast<std::uint32_t>(_mm_extract_epi32(e0, 3));
}

inline constexpr compress_function sha1_compress_hardware = &sha1_compress_x86_sha;

#elif TCVOD_CRYPTO_ARMV8_SHA

// Four rounds with the ARMv8 SHA-1 instructions; also extends the message
// schedule by one group (W[t] for the group Group + 4) while it is needed.
template <unsigned Group>
TCVOD_CRYPTO_DETAIL_ALWAYS_INLINE void sha1_armv8_four_rounds(uint32x4_t& abcd, std::uint32_t& e,
                                                              uint32x4_t (&m)[4]) noexcept {
    constexpr std::uint32_t constants[4] = {0x5A827999U, 0x6ED9EBA1U, 0x8F1BBCDCU, 0xCA62C1D6U};
    uint32x4_t& current = m[Group % 4];
    const uint32x4_t constant_plus_words = vaddq_u32(current, vdupq_n_u32(constants[Group / 5]));
    if (Group < 16) {
        current = vsha1su1q_u32(vsha1su0q_u32(current, m[(Group + 1) % 4], m[(Group + 2) % 4]), m[(Group + 3) % 4]);
    }
    const std::uint32_t next_e = vsha1h_u32(vgetq_lane_u32(abcd, 0));
    if (Group < 5) {
        abcd = vsha1cq_u32(abcd, e, constant_plus_words);  // Ch
    } else if (Group >= 10 && Group < 15) {
        abcd = vsha1mq_u32(abcd, e, constant_plus_words);  // Maj
    } else {
        abcd = vsha1pq_u32(abcd, e, constant_plus_words);  // Parity
    }
    e = next_e;
}

template <unsigned Group>
TCVOD_CRYPTO_DETAIL_ALWAYS_INLINE void sha1_armv8_twenty_rounds(uint32x4_t& abcd, std::uint32_t& e,
                                                                uint32x4_t (&m)[4]) noexcept {
    sha1_armv8_four_rounds<Group>(abcd, e, m);
    sha1_armv8_four_rounds<Group + 1>(abcd, e, m);
    sha1_armv8_four_rounds<Group + 2>(abcd, e, m);
    sha1_armv8_four_rounds<Group + 3>(abcd, e, m);
    sha1_armv8_four_rounds<Group + 4>(abcd, e, m);
}

// ARMv8 Cryptography Extensions.
inline void sha1_compress_armv8(std::uint32_t* state, const unsigned char* blocks, std::size_t block_count) noexcept {
    uint32x4_t abcd = vld1q_u32(state);
    std::uint32_t e = state[4];
    for (; block_count != 0; --block_count, blocks += 64) {
        const uint32x4_t abcd_saved = abcd;
        const std::uint32_t e_saved = e;
        uint32x4_t m[4];
        for (unsigned i = 0; i < 4; ++i) m[i] = vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(blocks + 16 * i)));
        sha1_armv8_twenty_rounds<0>(abcd, e, m);
        sha1_armv8_twenty_rounds<5>(abcd, e, m);
        sha1_armv8_twenty_rounds<10>(abcd, e, m);
        sha1_armv8_twenty_rounds<15>(abcd, e, m);
        abcd = vaddq_u32(abcd, abcd_saved);
        e += e_saved;
    }
    vst1q_u32(state, abcd);
    state[4] = e;
}

inline constexpr compress_function sha1_compress_hardware = &sha1_compress_armv8;

#endif

}  // namespace detail

// Portable SHA-1 over the block function Compress.
template <detail::compress_function Compress>
using basic_software_sha1 = detail::md_hash<5, detail::sha1_initial_state, Compress>;

using fast_sha1 = basic_software_sha1<&detail::sha1_compress_fast>;
using small_sha1 = basic_software_sha1<&detail::sha1_compress_small>;

#if TCVOD_CRYPTO_HARDWARE_SHA

// SHA-1 that uses the SHA instructions when the CPU has them and Portable
// otherwise (see detail::md_dispatching_hash).
template <detail::compress_function Hardware, detail::compress_function Portable>
using basic_dispatching_sha1 =
    detail::md_dispatching_hash<5, detail::sha1_initial_state, Hardware, Portable, &detail::cpu_has_sha_instructions>;

// Only where detail::cpu_has_sha_instructions() is true.
using hardware_sha1 = basic_software_sha1<detail::sha1_compress_hardware>;
using dispatching_sha1 = basic_dispatching_sha1<detail::sha1_compress_hardware, &detail::sha1_compress_fast>;

#endif

// The SHA instructions win on both size and speed where the target has them.
#if TCVOD_CRYPTO_HARDWARE_SHA_ALWAYS
using software_sha1 = hardware_sha1;
#elif TCVOD_CRYPTO_SMALL
using software_sha1 = small_sha1;
#elif TCVOD_CRYPTO_DISPATCH
using software_sha1 = dispatching_sha1;
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
