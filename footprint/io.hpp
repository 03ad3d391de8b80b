// Inputs the compiler cannot see and a sink it cannot drop. Every footprint
// program reads its data at run time from `volatile` storage (so no input is
// constant-folded and no code path is pruned because its data is known) and
// writes its results to a `volatile` byte (so nothing is optimised out). Each
// program stays one translation unit: scripts/stack_depth.py needs the whole
// call graph from main in one -fcallgraph-info file.
#ifndef TCVOD_FOOTPRINT_IO_HPP
#define TCVOD_FOOTPRINT_IO_HPP

#include <cstddef>
#include <string_view>

namespace footprint {

inline volatile unsigned char sink;

/// Reads NUL-terminated fields one after another from volatile storage,
/// copying each into `arena`: the views it returns have contents and
/// lengths known only at run time.
class reader {
public:
    reader(const volatile char* input, std::size_t input_size, char* arena) noexcept
        : in_(input), left_(input_size), out_(arena) {}

    bool more() const noexcept { return left_ > 1; }  // the literal's own final NUL stays

    std::string_view next() noexcept {
        char* start = out_;
        while (left_ != 0) {
            char c = *in_++;
            --left_;
            if (c == '\0') break;
            *out_++ = c;
        }
        return {start, static_cast<std::size_t>(out_ - start)};
    }

private:
    const volatile char* in_;
    std::size_t left_;
    char* out_;
};

inline void consume(const char* data, std::size_t size) noexcept {
    for (std::size_t i = 0; i < size; ++i) sink = static_cast<unsigned char>(data[i]);
}
inline void consume(std::string_view text) noexcept { consume(text.data(), text.size()); }
inline void consume(std::size_t value) noexcept {
    for (std::size_t i = 0; i < sizeof value; ++i) sink = static_cast<unsigned char>(value >> (8 * i));
}

}  // namespace footprint

#endif  // TCVOD_FOOTPRINT_IO_HPP
