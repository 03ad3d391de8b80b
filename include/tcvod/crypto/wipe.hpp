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

}  // namespace crypto
}  // namespace v1
}  // namespace tcvod

#endif  // TCVOD_CRYPTO_WIPE_HPP
