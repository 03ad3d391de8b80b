// Heap allocations made by this thread's code, counted by the replacement
// global operator new in alloc_count.cpp and by OpenSSL's allocator hooks,
// so a benchmark can report allocations per operation.
#ifndef TCVOD_BENCH_ALLOC_COUNT_HPP
#define TCVOD_BENCH_ALLOC_COUNT_HPP

#include <cstdint>

namespace tcvod_bench {

/// Allocations since the program started (operator new in every form,
/// OpenSSL's CRYPTO_malloc/realloc, and RapidJSON through counting_malloc).
std::uint64_t allocation_count() noexcept;

/// Routes OpenSSL's allocations through the counter. Must run before
/// OpenSSL allocates anything (first thing in main).
bool count_openssl_allocations() noexcept;

/// malloc/realloc/free that count, for libraries with their own allocator
/// interface instead of operator new (RapidJSON).
void* counting_malloc(std::size_t size) noexcept;
void* counting_realloc(void* p, std::size_t size) noexcept;
void counting_free(void* p) noexcept;

}  // namespace tcvod_bench

#endif
