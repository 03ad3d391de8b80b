#ifndef TCVOD_CRYPTO_CPU_HPP
#define TCVOD_CRYPTO_CPU_HPP

// Which SHA instructions the built-in core can use, at compile time and at run
// time. sha1.hpp and sha256.hpp read the macros below; everything here is
// internal except TCVOD_CRYPTO_RUNTIME_DISPATCH and TCVOD_CRYPTO_NO_DISPATCH,
// which a program may define (the same way in every translation unit):
//
//   TCVOD_CRYPTO_RUNTIME_DISPATCH  software_sha1/256 ask the CPU (CPUID) when
//                             constructed and use SHA-NI when it has it.
//   TCVOD_CRYPTO_NO_DISPATCH  never ask the CPU at run time (firmware,
//                             reproducible builds): only the instructions the
//                             compile target has (-msha, -march=...+crypto)
//                             are used. Wins over the one above.
//
// Macros this header defines, to 0 or 1:
//   TCVOD_CRYPTO_X86_SHA       SHA-NI compressions are compiled: x86-64 with
//                              GCC or Clang (as target("sha") functions, so
//                              -msha is not needed).
//   TCVOD_CRYPTO_ARMV8_SHA     ARMv8 Cryptography Extension compressions are
//                              compiled: AArch64 with __ARM_FEATURE_SHA2 (or
//                              the older __ARM_FEATURE_CRYPTO).
//   TCVOD_CRYPTO_HARDWARE_SHA  one of the two: hardware_sha1/hardware_sha256
//                              exist.
//   TCVOD_CRYPTO_HARDWARE_SHA_ALWAYS  the compile target guarantees the
//                              instructions, so no run-time check is needed.
//   TCVOD_CRYPTO_DISPATCH      software_sha1/256 ask the CPU when constructed:
//                              TCVOD_CRYPTO_RUNTIME_DISPATCH, SHA-NI compiled,
//                              not guaranteed by the target, not
//                              TCVOD_CRYPTO_NO_DISPATCH, not optimizing for
//                              size (TCVOD_CRYPTO_SMALL), and <cpuid.h> exists.

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define TCVOD_CRYPTO_X86_SHA 1
#else
#define TCVOD_CRYPTO_X86_SHA 0
#endif

#if defined(__aarch64__) && (defined(__ARM_FEATURE_SHA2) || defined(__ARM_FEATURE_CRYPTO))
#define TCVOD_CRYPTO_ARMV8_SHA 1
#else
#define TCVOD_CRYPTO_ARMV8_SHA 0
#endif

#if TCVOD_CRYPTO_X86_SHA || TCVOD_CRYPTO_ARMV8_SHA
#define TCVOD_CRYPTO_HARDWARE_SHA 1
#else
#define TCVOD_CRYPTO_HARDWARE_SHA 0
#endif

#if TCVOD_CRYPTO_ARMV8_SHA || (TCVOD_CRYPTO_X86_SHA && defined(__SHA__) && defined(__SSE4_1__) && defined(__SSSE3__))
#define TCVOD_CRYPTO_HARDWARE_SHA_ALWAYS 1
#else
#define TCVOD_CRYPTO_HARDWARE_SHA_ALWAYS 0
#endif

#if TCVOD_CRYPTO_X86_SHA && !TCVOD_CRYPTO_HARDWARE_SHA_ALWAYS && defined(__has_include)
#if __has_include(<cpuid.h>)
#define TCVOD_CRYPTO_DETAIL_HAS_CPUID 1
#include <cpuid.h>
#endif
#endif
#ifndef TCVOD_CRYPTO_DETAIL_HAS_CPUID
#define TCVOD_CRYPTO_DETAIL_HAS_CPUID 0
#endif

// Read before sha1.hpp/sha256.hpp define TCVOD_CRYPTO_SMALL: the same rule.
#if defined(TCVOD_CRYPTO_SMALL)
#define TCVOD_CRYPTO_DETAIL_SMALL TCVOD_CRYPTO_SMALL
#elif defined(__OPTIMIZE_SIZE__)
#define TCVOD_CRYPTO_DETAIL_SMALL 1
#else
#define TCVOD_CRYPTO_DETAIL_SMALL 0
#endif

// Opt-in for now: where CPUID traps to a hypervisor it costs about 12.5 us
// (measured on this project's CI VMs), paid by every dispatching hash object
// constructed (51 us per signer), and the library keeps no global state to
// cache it in. TCVOD_CRYPTO_RUNTIME_DISPATCH asks for it.
#if TCVOD_CRYPTO_DETAIL_HAS_CPUID && defined(TCVOD_CRYPTO_RUNTIME_DISPATCH) && !defined(TCVOD_CRYPTO_NO_DISPATCH) && \
    !TCVOD_CRYPTO_DETAIL_SMALL
#define TCVOD_CRYPTO_DISPATCH 1
#else
#define TCVOD_CRYPTO_DISPATCH 0
#endif

#include <cstdint>

// Functions using SHA-NI intrinsics: compiled for those instructions whatever
// the command line says, and called only after the CPU was asked.
#if TCVOD_CRYPTO_X86_SHA
#include <immintrin.h>
#define TCVOD_CRYPTO_DETAIL_X86_SHA_TARGET __attribute__((target("sha,sse4.1,ssse3")))
#endif

#if TCVOD_CRYPTO_ARMV8_SHA
#include <arm_neon.h>
#endif

#include "digest.hpp"

namespace tcvod {
inline namespace v1 {
namespace crypto {
namespace detail {

// Whether the SHA-NI or ARMv8 compressions may run here. Asks the CPU every
// time (nothing is cached: the library keeps no global state), so hash
// objects call it once, when constructed. CPUID can be slow under a
// hypervisor (it traps), which is why reset() does not ask again.
inline bool cpu_has_sha_instructions() noexcept {
#if TCVOD_CRYPTO_HARDWARE_SHA_ALWAYS
    return true;
#elif TCVOD_CRYPTO_DETAIL_HAS_CPUID
    // Leaf 7 EBX bit 29: SHA; leaf 1 ECX bit 9: SSSE3, bit 19: SSE4.1.
    if (__get_cpuid_max(0, nullptr) < 7) return false;
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
    __cpuid_count(7, 0, eax, ebx, ecx, edx);
    if ((ebx & (1U << 29)) == 0) return false;
    __cpuid(1, eax, ebx, ecx, edx);
    return (ecx & (1U << 9)) != 0 && (ecx & (1U << 19)) != 0;
#else
    return false;
#endif
}

#if TCVOD_CRYPTO_X86_SHA
// Lane-wise 32-bit addition, as _mm_add_epi32 is defined, written with the
// vector extension: clang-tidy's portability-simd-intrinsics reports that
// intrinsic without a source location, so no NOLINT can silence it.
using x86_lanes32 = std::uint32_t __attribute__((vector_size(16)));
TCVOD_CRYPTO_DETAIL_X86_SHA_TARGET TCVOD_CRYPTO_DETAIL_ALWAYS_INLINE __m128i add_lanes(__m128i a, __m128i b) noexcept {
    return reinterpret_cast<__m128i>(reinterpret_cast<x86_lanes32>(a) + reinterpret_cast<x86_lanes32>(b));
}
#endif

}  // namespace detail
}  // namespace crypto
}  // namespace v1
}  // namespace tcvod

#endif  // TCVOD_CRYPTO_CPU_HPP
