#ifndef TCVOD_CRYPTO_SHA256_HPP
#define TCVOD_CRYPTO_SHA256_HPP

// SHA-256 (FIPS 180-4). `software_sha256` is always available; `sha256` names
// the OpenSSL-backed class instead when TCVOD_CRYPTO_OPENSSL is defined. Define
// that macro the same way in every translation unit of a program.
//
// The portable code comes in two sizes, always both available:
//   fast_sha256   rounds unrolled: about 7.5 KB of Cortex-M4 code at -Os
//   small_sha256  rounds in a loop: about 0.4 KB, about 0.75 times the speed
//                 (both also use the 256-byte table of round constants)
// `software_sha256` names one of them, chosen by TCVOD_CRYPTO_SMALL:
//   defined to 1  small_sha256
//   defined to 0  fast_sha256
//   not defined   small_sha256 when the compiler optimizes for size (-Os, -Oz:
//                 __OPTIMIZE_SIZE__), fast_sha256 otherwise
// sha1.hpp reads the same macro. Like TCVOD_CRYPTO_OPENSSL it must mean the
// same in every translation unit, so a program that builds some files with
// -Os and others without should define it explicitly.
//
// SHA instructions (cpu.hpp says when each is compiled):
//   hardware_sha256     always the SHA-NI (x86-64) or ARMv8 Cryptography
//                       Extension compression; only where the CPU has them
//   dispatching_sha256  asks the CPU once, when constructed, and uses
//                       hardware_sha256's compression or fast_sha256's
// Where the compile target guarantees the instructions (-msha, -march=
// armv8-a+crypto) `software_sha256` names hardware_sha256; in x86-64
// GCC/Clang hosted builds it names dispatching_sha256 unless
// TCVOD_CRYPTO_SMALL or TCVOD_CRYPTO_NO_DISPATCH says otherwise (cpu.hpp:
// TCVOD_CRYPTO_DISPATCH, and how the CPU is asked without executing CPUID).

#include <cstddef>
#include <cstdint>

#include "digest.hpp"

#ifdef TCVOD_CRYPTO_OPENSSL
#include "openssl.hpp"
#endif

// The same lines are in sha1.hpp: whichever header comes first decides.
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

inline constexpr std::uint32_t sha256_initial_state[8] = {0x6A09E667U, 0xBB67AE85U, 0x3C6EF372U, 0xA54FF53AU,
                                                          0x510E527FU, 0x9B05688CU, 0x1F83D9ABU, 0x5BE0CD19U};

inline constexpr std::uint32_t sha256_round_constants[64] = {
    0x428A2F98U, 0x71374491U, 0xB5C0FBCFU, 0xE9B5DBA5U, 0x3956C25BU, 0x59F111F1U, 0x923F82A4U, 0xAB1C5ED5U,
    0xD807AA98U, 0x12835B01U, 0x243185BEU, 0x550C7DC3U, 0x72BE5D74U, 0x80DEB1FEU, 0x9BDC06A7U, 0xC19BF174U,
    0xE49B69C1U, 0xEFBE4786U, 0x0FC19DC6U, 0x240CA1CCU, 0x2DE92C6FU, 0x4A7484AAU, 0x5CB0A9DCU, 0x76F988DAU,
    0x983E5152U, 0xA831C66DU, 0xB00327C8U, 0xBF597FC7U, 0xC6E00BF3U, 0xD5A79147U, 0x06CA6351U, 0x14292967U,
    0x27B70A85U, 0x2E1B2138U, 0x4D2C6DFCU, 0x53380D13U, 0x650A7354U, 0x766A0ABBU, 0x81C2C92EU, 0x92722C85U,
    0xA2BFE8A1U, 0xA81A664BU, 0xC24B8B70U, 0xC76C51A3U, 0xD192E819U, 0xD6990624U, 0xF40E3585U, 0x106AA070U,
    0x19A4C116U, 0x1E376C08U, 0x2748774CU, 0x34B0BCB5U, 0x391C0CB3U, 0x4ED8AA4AU, 0x5B9CCA4FU, 0x682E6FF3U,
    0x748F82EEU, 0x78A5636FU, 0x84C87814U, 0x8CC70208U, 0x90BEFFFAU, 0xA4506CEBU, 0xBEF9A3F7U, 0xC67178F2U};

// W_t for 16 <= t < 64 (FIPS 180-4 section 6.2.2), written over W_{t-16} in
// the 16-word rolling message schedule w, where w[t % 16] holds W_t.
TCVOD_CRYPTO_DETAIL_ALWAYS_INLINE std::uint32_t sha256_extend_schedule(unsigned t, std::uint32_t (&w)[16]) noexcept {
    const std::uint32_t w15 = w[(t + 1) % 16];
    const std::uint32_t w2 = w[(t + 14) % 16];
    const std::uint32_t sigma0 = rotr32(w15, 7) ^ rotr32(w15, 18) ^ (w15 >> 3);
    const std::uint32_t sigma1 = rotr32(w2, 17) ^ rotr32(w2, 19) ^ (w2 >> 10);
    return w[t % 16] += sigma0 + w[(t + 9) % 16] + sigma1;
}

// One round, given K_t + W_t. Only d and h change: h becomes the next a, d
// the next e; the callers rotate the roles of a..h.
TCVOD_CRYPTO_DETAIL_ALWAYS_INLINE void sha256_round_function(std::uint32_t a, std::uint32_t b, std::uint32_t c,
                                                             std::uint32_t& d, std::uint32_t e, std::uint32_t f,
                                                             std::uint32_t g, std::uint32_t& h,
                                                             std::uint32_t constant_plus_word) noexcept {
    const std::uint32_t big_sigma1 = rotr32(e, 6) ^ rotr32(e, 11) ^ rotr32(e, 25);
    const std::uint32_t choose = g ^ (e & (f ^ g));
    const std::uint32_t t1 = h + big_sigma1 + choose + constant_plus_word;
    const std::uint32_t big_sigma0 = rotr32(a, 2) ^ rotr32(a, 13) ^ rotr32(a, 22);
    const std::uint32_t majority = (a & b) | (c & (a | b));
    d += t1;
    h = t1 + big_sigma0 + majority;
}

template <unsigned Round>
TCVOD_CRYPTO_DETAIL_ALWAYS_INLINE void sha256_round(std::uint32_t a, std::uint32_t b, std::uint32_t c, std::uint32_t& d,
                                                    std::uint32_t e, std::uint32_t f, std::uint32_t g, std::uint32_t& h,
                                                    std::uint32_t (&w)[16]) noexcept {
    const std::uint32_t word = Round < 16 ? w[Round] : sha256_extend_schedule(Round, w);
    sha256_round_function(a, b, c, d, e, f, g, h, sha256_round_constants[Round] + word);
}

// Eight rounds bring the roles of a..h back to where they started.
template <unsigned FirstRound>
TCVOD_CRYPTO_DETAIL_ALWAYS_INLINE void sha256_eight_rounds(std::uint32_t (&s)[8], std::uint32_t (&w)[16]) noexcept {
    sha256_round<FirstRound + 0>(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], w);
    sha256_round<FirstRound + 1>(s[7], s[0], s[1], s[2], s[3], s[4], s[5], s[6], w);
    sha256_round<FirstRound + 2>(s[6], s[7], s[0], s[1], s[2], s[3], s[4], s[5], w);
    sha256_round<FirstRound + 3>(s[5], s[6], s[7], s[0], s[1], s[2], s[3], s[4], w);
    sha256_round<FirstRound + 4>(s[4], s[5], s[6], s[7], s[0], s[1], s[2], s[3], w);
    sha256_round<FirstRound + 5>(s[3], s[4], s[5], s[6], s[7], s[0], s[1], s[2], w);
    sha256_round<FirstRound + 6>(s[2], s[3], s[4], s[5], s[6], s[7], s[0], s[1], w);
    sha256_round<FirstRound + 7>(s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[0], w);
}

// Unrolled: every round has constant indices and its own code, and the roles
// of a..h rotate at compile time instead of values moving.
inline void sha256_compress_fast(std::uint32_t* state, const unsigned char* blocks, std::size_t block_count) noexcept {
    for (; block_count != 0; --block_count, blocks += 64) {
        std::uint32_t w[16];
        for (unsigned i = 0; i < 16; ++i) w[i] = load_be32(blocks + 4 * i);

        // A local array with constant indices only: the optimizer keeps it in registers.
        std::uint32_t s[8];
        for (unsigned i = 0; i < 8; ++i) s[i] = state[i];

        sha256_eight_rounds<0>(s, w);
        sha256_eight_rounds<8>(s, w);
        sha256_eight_rounds<16>(s, w);
        sha256_eight_rounds<24>(s, w);
        sha256_eight_rounds<32>(s, w);
        sha256_eight_rounds<40>(s, w);
        sha256_eight_rounds<48>(s, w);
        sha256_eight_rounds<56>(s, w);

        for (unsigned i = 0; i < 8; ++i) state[i] += s[i];
    }
}

// For flash size: one loop over the 64 rounds, the values of a..h moved after
// each round instead of the roles rotating. A state array shifted per round
// saves about 60 bytes more but runs at half the speed: GCC moves it with a
// memmove call per round.
inline void sha256_compress_small(std::uint32_t* state, const unsigned char* blocks, std::size_t block_count) noexcept {
    for (; block_count != 0; --block_count, blocks += 64) {
        std::uint32_t w[16];
        std::uint32_t a = state[0];
        std::uint32_t b = state[1];
        std::uint32_t c = state[2];
        std::uint32_t d = state[3];
        std::uint32_t e = state[4];
        std::uint32_t f = state[5];
        std::uint32_t g = state[6];
        std::uint32_t h = state[7];

        for (unsigned t = 0; t < 64; ++t) {
            const std::uint32_t word = t < 16 ? (w[t] = load_be32(blocks + 4 * t)) : sha256_extend_schedule(t, w);
            sha256_round_function(a, b, c, d, e, f, g, h, sha256_round_constants[t] + word);
            const std::uint32_t next_a = h;
            h = g;
            g = f;
            f = e;
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
        state[5] += f;
        state[6] += g;
        state[7] += h;
    }
}

#if TCVOD_CRYPTO_X86_SHA

// Four rounds with SHA-NI (two sha256rnds2), and the message schedule for
// the group Group + 4 built in steps over three groups. The four message
// registers rotate their roles at compile time.
template <unsigned Group>
TCVOD_CRYPTO_DETAIL_X86_SHA_TARGET TCVOD_CRYPTO_DETAIL_ALWAYS_INLINE void sha256_x86_four_rounds(
    __m128i& abef, __m128i& cdgh, __m128i (&m)[4]) noexcept {
    const __m128i& current = m[Group % 4];
    __m128i constant_plus_words =
        add_lanes(current, _mm_loadu_si128(reinterpret_cast<const __m128i*>(sha256_round_constants + 4 * Group)));
    cdgh = _mm_sha256rnds2_epu32(cdgh, abef, constant_plus_words);
    if (Group >= 3 && Group <= 14) {
        __m128i& next = m[(Group + 1) % 4];
        next = add_lanes(next, _mm_alignr_epi8(current, m[(Group + 3) % 4], 4));
        next = _mm_sha256msg2_epu32(next, current);
    }
    constant_plus_words = _mm_shuffle_epi32(constant_plus_words, 0x0E);
    abef = _mm_sha256rnds2_epu32(abef, cdgh, constant_plus_words);
    if (Group >= 1 && Group <= 12) m[(Group + 3) % 4] = _mm_sha256msg1_epu32(m[(Group + 3) % 4], current);
}

template <unsigned Group>
TCVOD_CRYPTO_DETAIL_X86_SHA_TARGET TCVOD_CRYPTO_DETAIL_ALWAYS_INLINE void sha256_x86_sixteen_rounds(
    __m128i& abef, __m128i& cdgh, __m128i (&m)[4]) noexcept {
    sha256_x86_four_rounds<Group>(abef, cdgh, m);
    sha256_x86_four_rounds<Group + 1>(abef, cdgh, m);
    sha256_x86_four_rounds<Group + 2>(abef, cdgh, m);
    sha256_x86_four_rounds<Group + 3>(abef, cdgh, m);
}

// SHA-NI (Intel SHA extensions). sha256rnds2 wants the state as ABEF and CDGH.
TCVOD_CRYPTO_DETAIL_X86_SHA_TARGET inline void sha256_compress_x86_sha(std::uint32_t* state,
                                                                       const unsigned char* blocks,
                                                                       std::size_t block_count) noexcept {
    const __m128i byte_swap = _mm_set_epi64x(0x0C0D0E0F08090A0BLL, 0x0405060700010203LL);
    const __m128i badc = _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(state)), 0xB1);
    const __m128i hgfe = _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(state + 4)), 0x1B);
    __m128i abef = _mm_alignr_epi8(badc, hgfe, 8);
    __m128i cdgh = _mm_blend_epi16(hgfe, badc, 0xF0);
    for (; block_count != 0; --block_count, blocks += 64) {
        const __m128i abef_saved = abef;
        const __m128i cdgh_saved = cdgh;
        __m128i m[4];
        for (unsigned i = 0; i < 4; ++i) {
            m[i] = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(blocks + 16 * i)), byte_swap);
        }
        sha256_x86_sixteen_rounds<0>(abef, cdgh, m);
        sha256_x86_sixteen_rounds<4>(abef, cdgh, m);
        sha256_x86_sixteen_rounds<8>(abef, cdgh, m);
        sha256_x86_sixteen_rounds<12>(abef, cdgh, m);
        abef = add_lanes(abef, abef_saved);
        cdgh = add_lanes(cdgh, cdgh_saved);
    }
    const __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
    const __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(state), _mm_blend_epi16(feba, dchg, 0xF0));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(state + 4), _mm_alignr_epi8(dchg, feba, 8));
}

inline constexpr compress_function sha256_compress_hardware = &sha256_compress_x86_sha;

#elif TCVOD_CRYPTO_ARMV8_SHA

// Four rounds with the ARMv8 SHA-256 instructions; also extends the message
// schedule by one group (W[t] for the group Group + 4) while it is needed.
template <unsigned Group>
TCVOD_CRYPTO_DETAIL_ALWAYS_INLINE void sha256_armv8_four_rounds(uint32x4_t& abcd, uint32x4_t& efgh,
                                                                uint32x4_t (&m)[4]) noexcept {
    uint32x4_t& current = m[Group % 4];
    const uint32x4_t constant_plus_words = vaddq_u32(current, vld1q_u32(sha256_round_constants + 4 * Group));
    if (Group < 12) {
        current = vsha256su1q_u32(vsha256su0q_u32(current, m[(Group + 1) % 4]), m[(Group + 2) % 4], m[(Group + 3) % 4]);
    }
    const uint32x4_t abcd_before = abcd;
    abcd = vsha256hq_u32(abcd, efgh, constant_plus_words);
    efgh = vsha256h2q_u32(efgh, abcd_before, constant_plus_words);
}

template <unsigned Group>
TCVOD_CRYPTO_DETAIL_ALWAYS_INLINE void sha256_armv8_sixteen_rounds(uint32x4_t& abcd, uint32x4_t& efgh,
                                                                   uint32x4_t (&m)[4]) noexcept {
    sha256_armv8_four_rounds<Group>(abcd, efgh, m);
    sha256_armv8_four_rounds<Group + 1>(abcd, efgh, m);
    sha256_armv8_four_rounds<Group + 2>(abcd, efgh, m);
    sha256_armv8_four_rounds<Group + 3>(abcd, efgh, m);
}

// ARMv8 Cryptography Extensions.
inline void sha256_compress_armv8(std::uint32_t* state, const unsigned char* blocks, std::size_t block_count) noexcept {
    uint32x4_t abcd = vld1q_u32(state);
    uint32x4_t efgh = vld1q_u32(state + 4);
    for (; block_count != 0; --block_count, blocks += 64) {
        const uint32x4_t abcd_saved = abcd;
        const uint32x4_t efgh_saved = efgh;
        uint32x4_t m[4];
        for (unsigned i = 0; i < 4; ++i) m[i] = vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(blocks + 16 * i)));
        sha256_armv8_sixteen_rounds<0>(abcd, efgh, m);
        sha256_armv8_sixteen_rounds<4>(abcd, efgh, m);
        sha256_armv8_sixteen_rounds<8>(abcd, efgh, m);
        sha256_armv8_sixteen_rounds<12>(abcd, efgh, m);
        abcd = vaddq_u32(abcd, abcd_saved);
        efgh = vaddq_u32(efgh, efgh_saved);
    }
    vst1q_u32(state, abcd);
    vst1q_u32(state + 4, efgh);
}

inline constexpr compress_function sha256_compress_hardware = &sha256_compress_armv8;

#endif

}  // namespace detail

// Portable SHA-256 over the block function Compress.
template <detail::compress_function Compress>
using basic_software_sha256 = detail::md_hash<8, detail::sha256_initial_state, Compress>;

using fast_sha256 = basic_software_sha256<&detail::sha256_compress_fast>;
using small_sha256 = basic_software_sha256<&detail::sha256_compress_small>;

#if TCVOD_CRYPTO_HARDWARE_SHA

// SHA-256 that uses the SHA instructions when the CPU has them and Portable
// otherwise (see detail::md_dispatching_hash).
template <detail::compress_function Hardware, detail::compress_function Portable>
using basic_dispatching_sha256 =
    detail::md_dispatching_hash<8, detail::sha256_initial_state, Hardware, Portable, &detail::cpu_has_sha_instructions>;

// Only where detail::cpu_has_sha_instructions() is true.
using hardware_sha256 = basic_software_sha256<detail::sha256_compress_hardware>;
using dispatching_sha256 = basic_dispatching_sha256<detail::sha256_compress_hardware, &detail::sha256_compress_fast>;

#endif

// The SHA instructions win on both size and speed where the target has them.
#if TCVOD_CRYPTO_HARDWARE_SHA_ALWAYS
using software_sha256 = hardware_sha256;
#elif TCVOD_CRYPTO_SMALL
using software_sha256 = small_sha256;
#elif TCVOD_CRYPTO_DISPATCH
using software_sha256 = dispatching_sha256;
#else
using software_sha256 = fast_sha256;
#endif

#ifdef TCVOD_CRYPTO_OPENSSL
using sha256 = openssl_sha256;
#else
using sha256 = software_sha256;
#endif

}  // namespace crypto
}  // namespace v1
}  // namespace tcvod

#endif  // TCVOD_CRYPTO_SHA256_HPP
