// Counts what the whole test binary asks of operator new, so a test can
// check that a call allocates nothing or how much (bench's alloc_count.cpp
// needs OpenSSL and is not linked into the tests). Include it in exactly one
// translation unit of a test binary: it replaces the global operator new and
// delete. Not under AddressSanitizer, which owns operator new itself
// (counting_allocations is false there). GCC 12 sees the replaced new and
// delete inlined into one function and takes malloc/free for a mismatch.
#ifndef TCVOD_TESTS_ALLOCATION_COUNTER_HPP
#define TCVOD_TESTS_ALLOCATION_COUNTER_HPP

#include <cstddef>
#include <cstdlib>
#include <new>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TCVOD_TEST_UNDER_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define TCVOD_TEST_UNDER_ASAN 1
#endif

namespace {
std::size_t allocation_count = 0;
std::size_t allocated_bytes = 0;
}  // namespace

#ifndef TCVOD_TEST_UNDER_ASAN
constexpr bool counting_allocations = true;
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
void* operator new(std::size_t size) {
    ++allocation_count;
    allocated_bytes += size;
    if (void* p = std::malloc(size ? size : 1)) return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return operator new(size); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
#else
constexpr bool counting_allocations = false;
#endif

namespace {

/// Allocations (and bytes) since it was made.
struct allocation_meter {
    std::size_t count_at = allocation_count, bytes_at = allocated_bytes;
    std::size_t count() const { return allocation_count - count_at; }
    std::size_t bytes() const { return allocated_bytes - bytes_at; }
};

}  // namespace

#endif  // TCVOD_TESTS_ALLOCATION_COUNTER_HPP
