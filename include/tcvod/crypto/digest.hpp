#ifndef TCVOD_CRYPTO_DIGEST_HPP
#define TCVOD_CRYPTO_DIGEST_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>

// The round helpers of the hash compressions must be inlined so the working
// variables stay in registers; GCC otherwise outlines them at -O2 and spills
// the state to memory on every call.
#if defined(__GNUC__) || defined(__clang__)
#define TCVOD_CRYPTO_DETAIL_ALWAYS_INLINE inline __attribute__((always_inline))
#elif defined(_MSC_VER)
#define TCVOD_CRYPTO_DETAIL_ALWAYS_INLINE __forceinline
#else
#define TCVOD_CRYPTO_DETAIL_ALWAYS_INLINE inline
#endif

namespace tcvod {
inline namespace v1 {
namespace crypto {

// Compares two byte ranges in time that depends only on n, so a MAC check does
// not reveal how many leading bytes of a forged tag were right.
inline bool constant_time_equal(const void* a, const void* b, std::size_t n) noexcept {
    // volatile reads stop the compiler from turning the loop into an early-exit memcmp.
    const volatile unsigned char* lhs = static_cast<const volatile unsigned char*>(a);
    const volatile unsigned char* rhs = static_cast<const volatile unsigned char*>(b);
    unsigned int difference = 0;
    for (std::size_t i = 0; i < n; ++i) difference |= static_cast<unsigned int>(lhs[i] ^ rhs[i]);
    return difference == 0;
}

// Fixed-size hash output. An aggregate, so `digest<20> d{}` zero-initializes.
template <std::size_t N>
struct digest {
    static_assert(N > 0, "a digest holds at least one byte");

    unsigned char bytes[N];

    static constexpr std::size_t size() noexcept { return N; }
    const unsigned char* data() const noexcept { return bytes; }
    unsigned char* data() noexcept { return bytes; }

    // Constant time: digests are usually MACs being verified.
    friend bool operator==(const digest& lhs, const digest& rhs) noexcept {
        return constant_time_equal(lhs.bytes, rhs.bytes, N);
    }
    friend bool operator!=(const digest& lhs, const digest& rhs) noexcept { return !(lhs == rhs); }
};

namespace detail {

// Valid for 0 <= count < 32; the masked right shift keeps count == 0 defined.
constexpr std::uint32_t rotl32(std::uint32_t x, unsigned count) noexcept {
    return (x << count) | (x >> ((32U - count) & 31U));
}

constexpr std::uint32_t rotr32(std::uint32_t x, unsigned count) noexcept {
    return (x >> count) | (x << ((32U - count) & 31U));
}

// Shifts instead of a pointer cast: no alignment or aliasing UB, and compilers
// still emit a single load + bswap.
inline std::uint32_t load_be32(const unsigned char* p) noexcept {
    return (static_cast<std::uint32_t>(p[0]) << 24) | (static_cast<std::uint32_t>(p[1]) << 16) |
           (static_cast<std::uint32_t>(p[2]) << 8) | static_cast<std::uint32_t>(p[3]);
}

inline void store_be32(unsigned char* p, std::uint32_t v) noexcept {
    p[0] = static_cast<unsigned char>(v >> 24);
    p[1] = static_cast<unsigned char>(v >> 16);
    p[2] = static_cast<unsigned char>(v >> 8);
    p[3] = static_cast<unsigned char>(v);
}

inline void store_be64(unsigned char* p, std::uint64_t v) noexcept {
    store_be32(p, static_cast<std::uint32_t>(v >> 32));
    store_be32(p + 4, static_cast<std::uint32_t>(v));
}

using compress_function = void (*)(std::uint32_t*, const unsigned char*, std::size_t) noexcept;

// Block buffering and length padding shared by SHA-1 and SHA-256 (FIPS 180-4
// section 5.1.1): 64-byte blocks, big-endian 32-bit state words, and a
// big-endian 64-bit message bit length at the end of the last block.

// One function for every hash (the compression comes as an argument): at
// -O2 it is inlined with the compression known; at -Os one copy serves SHA-1
// and SHA-256 instead of one each.
inline void md_update(std::uint32_t* words, unsigned char* buffer, std::size_t& buffered, std::uint64_t& total_bytes,
                      compress_function compress, const void* data, std::size_t size) noexcept {
    constexpr std::size_t block_size = 64;
    if (size == 0) return;  // data may be null for an empty message.
    const unsigned char* input = static_cast<const unsigned char*>(data);
    // Wraps after 2^61 bytes; FIPS 180-4 defines the bit length modulo 2^64 anyway.
    total_bytes += size;

    if (buffered != 0) {
        const std::size_t room = block_size - buffered;
        const std::size_t taken = size < room ? size : room;
        std::memcpy(buffer + buffered, input, taken);
        buffered += taken;
        input += taken;
        size -= taken;
        if (buffered < block_size) return;
        compress(words, buffer, 1);
        buffered = 0;
    }

    // Whole blocks are hashed straight from the caller's memory, no copy.
    const std::size_t block_count = size / block_size;
    if (block_count != 0) {
        compress(words, input, block_count);
        input += block_count * block_size;
        size -= block_count * block_size;
    }

    if (size != 0) {
        std::memcpy(buffer, input, size);
        buffered = size;
    }
}

// Pads, processes the final block(s) and writes `word_count` big-endian words.
inline void md_finish(std::uint32_t* words, std::size_t word_count, unsigned char* buffer, std::size_t& buffered,
                      std::uint64_t total_bytes, compress_function compress, unsigned char* out) noexcept {
    constexpr std::size_t block_size = 64;
    const std::uint64_t total_bits = total_bytes << 3;
    buffer[buffered++] = 0x80;
    if (buffered > block_size - 8) {
        // No room left for the length: it goes into an extra block.
        std::memset(buffer + buffered, 0, block_size - buffered);
        compress(words, buffer, 1);
        buffered = 0;
    }
    std::memset(buffer + buffered, 0, block_size - 8 - buffered);
    store_be64(buffer + block_size - 8, total_bits);
    compress(words, buffer, 1);
    buffered = 0;
    for (std::size_t i = 0; i < word_count; ++i) store_be32(out + 4 * i, words[i]);
}

// Compress(state, blocks, block_count) processes whole blocks.
template <std::size_t StateWords, void (*Compress)(std::uint32_t*, const unsigned char*, std::size_t) noexcept>
class md_block_engine {
public:
    static constexpr std::size_t block_size = 64;
    static constexpr std::size_t digest_size = StateWords * 4;

    void reset(const std::uint32_t (&initial_state)[StateWords]) noexcept {
        for (std::size_t i = 0; i < StateWords; ++i) state_[i] = initial_state[i];
        buffered_ = 0;
        total_bytes_ = 0;
    }

    void update(const void* data, std::size_t size) noexcept {
        md_update(state_, buffer_, buffered_, total_bytes_, Compress, data, size);
    }

    // Pads, processes the final block(s) and writes the big-endian state.
    void finish(unsigned char (&out)[digest_size]) noexcept {
        md_finish(state_, StateWords, buffer_, buffered_, total_bytes_, Compress, out);
    }

private:
    std::uint32_t state_[StateWords];
    unsigned char buffer_[block_size];
    std::size_t buffered_;
    std::uint64_t total_bytes_;
};

// The same buffering with the compression chosen at run time, when the
// object is reset: a plain pointer in the object, so copies keep the choice
// and the object stays trivially copyable.
template <std::size_t StateWords>
class md_selected_engine {
public:
    static constexpr std::size_t block_size = 64;
    static constexpr std::size_t digest_size = StateWords * 4;

    void reset(const std::uint32_t (&initial_state)[StateWords], compress_function selected) noexcept {
        for (std::size_t i = 0; i < StateWords; ++i) state_[i] = initial_state[i];
        buffered_ = 0;
        total_bytes_ = 0;
        compress_ = selected;
    }

    void update(const void* data, std::size_t size) noexcept {
        md_update(state_, buffer_, buffered_, total_bytes_, compress_, data, size);
    }

    void finish(unsigned char (&out)[digest_size]) noexcept {
        md_finish(state_, StateWords, buffer_, buffered_, total_bytes_, compress_, out);
    }

    compress_function compress() const noexcept { return compress_; }

private:
    std::uint32_t state_[StateWords];
    unsigned char buffer_[block_size];
    std::size_t buffered_;
    std::uint64_t total_bytes_;
    compress_function compress_;
};

// A hash over md_block_engine: SHA-1 and SHA-256 differ only in their state
// size, initial state and compression. Trivially copyable: copying
// snapshots a partial hash.
template <std::size_t StateWords, const std::uint32_t (&InitialState)[StateWords], compress_function Compress>
class md_hash {
public:
    static constexpr std::size_t block_size = 64;
    static constexpr std::size_t digest_size = StateWords * 4;
    using result_type = digest<digest_size>;

    md_hash() noexcept { reset(); }

    void update(const void* data, std::size_t size) noexcept { engine_.update(data, size); }

    // Finalizes; call reset() before hashing another message.
    result_type result() noexcept {
        result_type out;
        engine_.finish(out.bytes);
        return out;
    }

    void reset() noexcept { engine_.reset(InitialState); }

private:
    md_block_engine<StateWords, Compress> engine_;
};

// The same with the compression chosen when the object is constructed:
// Hardware when HasHardware() says the CPU has the instructions, Portable
// otherwise. Not asked again on reset() and never cached elsewhere; copies
// keep the choice, so keyed HMAC states ask once per key and signing a
// message asks nothing.
template <std::size_t StateWords, const std::uint32_t (&InitialState)[StateWords], compress_function Hardware,
          compress_function Portable, bool (*HasHardware)() noexcept>
class md_dispatching_hash {
public:
    static constexpr std::size_t block_size = 64;
    static constexpr std::size_t digest_size = StateWords * 4;
    using result_type = digest<digest_size>;

    md_dispatching_hash() noexcept { engine_.reset(InitialState, HasHardware() ? Hardware : Portable); }

    void update(const void* data, std::size_t size) noexcept { engine_.update(data, size); }

    // Finalizes; call reset() before hashing another message.
    result_type result() noexcept {
        result_type out;
        engine_.finish(out.bytes);
        return out;
    }

    void reset() noexcept { engine_.reset(InitialState, engine_.compress()); }

    // Whether this object hashes with the SHA instructions.
    bool uses_sha_instructions() const noexcept { return engine_.compress() == Hardware; }

private:
    md_selected_engine<StateWords> engine_;
};

}  // namespace detail

}  // namespace crypto
}  // namespace v1
}  // namespace tcvod

#endif  // TCVOD_CRYPTO_DIGEST_HPP
