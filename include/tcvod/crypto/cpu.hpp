#ifndef TCVOD_CRYPTO_CPU_HPP
#define TCVOD_CRYPTO_CPU_HPP

// Which SHA instructions the built-in core can use, at compile time and at run
// time. sha1.hpp and sha256.hpp read the macros below; everything here is
// internal except TCVOD_CRYPTO_NO_DISPATCH and TCVOD_CRYPTO_RUNTIME_DISPATCH,
// which a program may define (the same way in every translation unit):
//
//   TCVOD_CRYPTO_NO_DISPATCH  never ask at run time (firmware, reproducible
//                             builds): only the instructions the compile
//                             target has (-msha, -march=...+crypto) are used.
//                             Wins over everything else.
//   TCVOD_CRYPTO_RUNTIME_DISPATCH  also dispatch where only the CPUID
//                             instruction can answer (no GCC 11+ and no glibc
//                             2.33+): then every dispatching hash object
//                             executes CPUID when constructed, which traps to
//                             the hypervisor on some VMs (about 12.5 us each).
//
// By default, x86-64 GCC/Clang hosted builds that do not optimize for size
// dispatch: software_sha1/256 use SHA-NI when the CPU has it. Each hash object
// asks once, when constructed, and the question never executes CPUID; it reads
// what the language runtime found out once at program start:
//   GCC 11+       __builtin_cpu_supports("sha"/"sse4.1"/"ssse3"): libgcc's
//                 __cpu_model/__cpu_features2, filled by libgcc's constructor
//                 (__builtin_cpu_init() is called first, which returns at once
//                 when that already ran). Clang 14 does not know "sha" there.
//   glibc 2.33+   CPU_FEATURE_ACTIVE(SHA/SSSE3/SSE4_1) from <sys/platform/x86.h>:
//                 the dynamic loader's table (Clang, older GCC).
// Neither is state of this library. Where neither exists the portable code
// is used unless TCVOD_CRYPTO_RUNTIME_DISPATCH asks for CPUID.
//
// Macros this header defines, to 0 or 1 unless said otherwise:
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
//   TCVOD_CRYPTO_CPU_QUERY     how cpu_has_sha_instructions() asks: 0 never
//                              (answers from the compile target), 1
//                              __builtin_cpu_supports, 2 glibc's
//                              CPU_FEATURE_ACTIVE, 3 CPUID.
//   TCVOD_CRYPTO_DISPATCH      software_sha1/256 ask the CPU when constructed:
//                              SHA-NI compiled, not guaranteed by the target,
//                              a hosted build, not TCVOD_CRYPTO_NO_DISPATCH,
//                              not optimizing for size (TCVOD_CRYPTO_SMALL),
//                              and a query (1 or 2, or 3 when
//                              TCVOD_CRYPTO_RUNTIME_DISPATCH is defined).

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

// <cpuid.h>: the CPUID query (opt-in) and the tests' cross-check.
#if TCVOD_CRYPTO_X86_SHA && !TCVOD_CRYPTO_HARDWARE_SHA_ALWAYS && defined(__has_include)
#if __has_include(<cpuid.h>)
#define TCVOD_CRYPTO_DETAIL_HAS_CPUID 1
#include <cpuid.h>
#endif
#endif
#ifndef TCVOD_CRYPTO_DETAIL_HAS_CPUID
#define TCVOD_CRYPTO_DETAIL_HAS_CPUID 0
#endif

#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 11
#define TCVOD_CRYPTO_DETAIL_GCC_CPU_SUPPORTS_SHA 1
#else
#define TCVOD_CRYPTO_DETAIL_GCC_CPU_SUPPORTS_SHA 0
#endif

// glibc 2.33+ publishes the dynamic loader's CPU feature table.
#if TCVOD_CRYPTO_X86_SHA && !TCVOD_CRYPTO_HARDWARE_SHA_ALWAYS && defined(__has_include) && \
    !TCVOD_CRYPTO_DETAIL_GCC_CPU_SUPPORTS_SHA && !defined(TCVOD_CRYPTO_NO_DISPATCH)
#if __has_include(<sys/platform/x86.h>)
// glibc 2.36's header is C: its inline functions return _Bool, which
// C++ compilers do not know.
#pragma push_macro("_Bool")
#undef _Bool
#define _Bool bool  // NOLINT(bugprone-reserved-identifier): the C keyword, spelled for C++
#include <sys/platform/x86.h>
#pragma pop_macro("_Bool")
#endif
#endif

#if TCVOD_CRYPTO_HARDWARE_SHA_ALWAYS || !TCVOD_CRYPTO_X86_SHA
#define TCVOD_CRYPTO_CPU_QUERY 0
#elif TCVOD_CRYPTO_DETAIL_GCC_CPU_SUPPORTS_SHA
#define TCVOD_CRYPTO_CPU_QUERY 1
#elif defined(CPU_FEATURE_ACTIVE)
#define TCVOD_CRYPTO_CPU_QUERY 2
#elif TCVOD_CRYPTO_DETAIL_HAS_CPUID
#define TCVOD_CRYPTO_CPU_QUERY 3
#else
#define TCVOD_CRYPTO_CPU_QUERY 0
#endif

// Read before sha1.hpp/sha256.hpp define TCVOD_CRYPTO_SMALL: the same rule.
#if defined(TCVOD_CRYPTO_SMALL)
#define TCVOD_CRYPTO_DETAIL_SMALL TCVOD_CRYPTO_SMALL
#elif defined(__OPTIMIZE_SIZE__)
#define TCVOD_CRYPTO_DETAIL_SMALL 1
#else
#define TCVOD_CRYPTO_DETAIL_SMALL 0
#endif

#if defined(__STDC_HOSTED__) && __STDC_HOSTED__
#define TCVOD_CRYPTO_DETAIL_HOSTED 1
#else
#define TCVOD_CRYPTO_DETAIL_HOSTED 0
#endif

// CPUID (query 3) only when asked for: it traps under some hypervisors and
// the library keeps no global state to cache it in.
#if TCVOD_CRYPTO_X86_SHA && !TCVOD_CRYPTO_HARDWARE_SHA_ALWAYS && TCVOD_CRYPTO_DETAIL_HOSTED && \
    !defined(TCVOD_CRYPTO_NO_DISPATCH) && !TCVOD_CRYPTO_DETAIL_SMALL &&                        \
    (TCVOD_CRYPTO_CPU_QUERY == 1 || TCVOD_CRYPTO_CPU_QUERY == 2 ||                             \
     (TCVOD_CRYPTO_CPU_QUERY == 3 && defined(TCVOD_CRYPTO_RUNTIME_DISPATCH)))
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

#if TCVOD_CRYPTO_DETAIL_HAS_CPUID
// The CPU's own answer (CPUID leaf 7 EBX bit 29: SHA; leaf 1 ECX bit 9:
// SSSE3, bit 19: SSE4.1). Executes CPUID every time: slow where it traps to
// a hypervisor, so only the opt-in query 3 and the tests call it.
inline bool cpuid_has_sha_instructions() noexcept {
    if (__get_cpuid_max(0, nullptr) < 7) return false;
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
    __cpuid_count(7, 0, eax, ebx, ecx, edx);
    if ((ebx & (1U << 29)) == 0) return false;
    __cpuid(1, eax, ebx, ecx, edx);
    return (ecx & (1U << 9)) != 0 && (ecx & (1U << 19)) != 0;
}
#endif

// Whether the SHA-NI or ARMv8 compressions may run here. Nothing is cached
// (the library keeps no global state); hash objects call it once, when
// constructed, and reset() and copies keep the answer. Queries 1 and 2 read
// memory the language runtime filled at start-up (a few nanoseconds); query
// 3 executes CPUID.
inline bool cpu_has_sha_instructions() noexcept {
#if TCVOD_CRYPTO_HARDWARE_SHA_ALWAYS
    return true;
#elif TCVOD_CRYPTO_CPU_QUERY == 1
    __builtin_cpu_init();  // returns at once when libgcc's constructor already ran
    return __builtin_cpu_supports("sha") && __builtin_cpu_supports("sse4.1") && __builtin_cpu_supports("ssse3");
#elif TCVOD_CRYPTO_CPU_QUERY == 2
    return CPU_FEATURE_ACTIVE(SHA) && CPU_FEATURE_ACTIVE(SSE4_1) && CPU_FEATURE_ACTIVE(SSSE3);
#elif TCVOD_CRYPTO_CPU_QUERY == 3
    return cpuid_has_sha_instructions();
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
