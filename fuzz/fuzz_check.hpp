// What every fuzz target uses to state an invariant: a violated one prints
// where and aborts, which libFuzzer records as a crash and the replay test
// as a failure.
#ifndef TCVOD_FUZZ_CHECK_HPP
#define TCVOD_FUZZ_CHECK_HPP

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition)                                                                      \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #condition); \
            std::abort();                                                                          \
        }                                                                                          \
    } while (false)

#endif  // TCVOD_FUZZ_CHECK_HPP
