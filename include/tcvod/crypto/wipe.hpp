#ifndef TCVOD_CRYPTO_WIPE_HPP
#define TCVOD_CRYPTO_WIPE_HPP

#include <cstddef>
#include <cstring>

namespace tcvod {
inline namespace v1 {
namespace crypto {

// Zeroes memory holding secrets. A plain memset before the memory dies is a
// dead store the optimizer may delete, so the store is made observable.
inline void secure_wipe(void* p, std::size_t n) noexcept {
    if (n == 0) return;  // p may be null for an empty range; memset(nullptr, ..) is UB.
#if defined(__GNUC__) || defined(__clang__)
    std::memset(p, 0, n);
    // The asm may read *p, so the memset above has to happen.
    __asm__ __volatile__("" : : "r"(p) : "memory");
#else
    volatile unsigned char* bytes = static_cast<volatile unsigned char*>(p);
    for (std::size_t i = 0; i < n; ++i) bytes[i] = 0;
#endif
}

// Overwrites `Bytes` of stack below the caller's frame: where the hash
// functions it just called left their message schedules and working
// variables, from which a hashed key block can be computed back. Best
// effort, as in libgcrypt (_gcry_burn_stack): the compiler decides frame
// layouts. Called once per key (hmac keying), not per message.
template <std::size_t Bytes = 1024>
#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline))
#elif defined(_MSC_VER)
__declspec(noinline)
#endif
void burn_stack() noexcept {
    unsigned char scratch[Bytes];
    secure_wipe(scratch, sizeof scratch);
}

}  // namespace crypto
}  // namespace v1
}  // namespace tcvod

#endif  // TCVOD_CRYPTO_WIPE_HPP
