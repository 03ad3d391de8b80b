// Replaces every form of the global operator new/delete with malloc-based
// versions that count, which is how the benchmarks see hidden allocations.
#include "alloc_count.hpp"

#include <openssl/crypto.h>

#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <new>

namespace tcvod_bench {
namespace {

// Relaxed: only totals are read, from the benchmark's own thread.
std::atomic<std::uint64_t> allocations{0};

void* allocate(std::size_t size) noexcept {
    allocations.fetch_add(1, std::memory_order_relaxed);
    return std::malloc(size == 0 ? 1 : size);
}

void* allocate_aligned(std::size_t size, std::size_t alignment) noexcept {
    allocations.fetch_add(1, std::memory_order_relaxed);
    if (alignment < sizeof(void*)) alignment = sizeof(void*);
    void* p = nullptr;
    return posix_memalign(&p, alignment, size == 0 ? 1 : size) == 0 ? p : nullptr;
}

void* openssl_malloc(std::size_t size, const char*, int) { return allocate(size); }
void* openssl_realloc(void* p, std::size_t size, const char*, int) {
    allocations.fetch_add(1, std::memory_order_relaxed);
    return std::realloc(p, size);
}
void openssl_free(void* p, const char*, int) { std::free(p); }

}  // namespace

std::uint64_t allocation_count() noexcept { return allocations.load(std::memory_order_relaxed); }

bool count_openssl_allocations() noexcept {
    return CRYPTO_set_mem_functions(openssl_malloc, openssl_realloc, openssl_free) == 1;
}

void* counting_malloc(std::size_t size) noexcept { return allocate(size); }
void* counting_realloc(void* p, std::size_t size) noexcept {
    allocations.fetch_add(1, std::memory_order_relaxed);
    return std::realloc(p, size);
}
void counting_free(void* p) noexcept { std::free(p); }

}  // namespace tcvod_bench

namespace {
void* checked(void* p) {
    if (!p) throw std::bad_alloc();
    return p;
}
}  // namespace

void* operator new(std::size_t size) { return checked(tcvod_bench::counting_malloc(size)); }
void* operator new[](std::size_t size) { return checked(tcvod_bench::counting_malloc(size)); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return tcvod_bench::counting_malloc(size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return tcvod_bench::counting_malloc(size); }
void* operator new(std::size_t size, std::align_val_t al) {
    return checked(tcvod_bench::allocate_aligned(size, static_cast<std::size_t>(al)));
}
void* operator new[](std::size_t size, std::align_val_t al) {
    return checked(tcvod_bench::allocate_aligned(size, static_cast<std::size_t>(al)));
}
void* operator new(std::size_t size, std::align_val_t al, const std::nothrow_t&) noexcept {
    return tcvod_bench::allocate_aligned(size, static_cast<std::size_t>(al));
}
void* operator new[](std::size_t size, std::align_val_t al, const std::nothrow_t&) noexcept {
    return tcvod_bench::allocate_aligned(size, static_cast<std::size_t>(al));
}

void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
