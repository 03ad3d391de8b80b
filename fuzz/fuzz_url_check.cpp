// pull.url, differentially: the built-in RFC 3986 check (url_check.hpp)
// against Boost.URL 1.81, the reference it replaces, on the raw input and
// on the input after "http://", "https://" and "http://[" so that most
// inputs reach the authority, the IP literals, the path and the query.
// Beyond "no crash, no sanitizer report" the two must give the same answer
// on every input, and the public name must be the built-in check.
#define TCVOD_URL_CHECK_WITH_BOOST_REFERENCE
#include "tcvod/url_check.hpp"

#include "fuzz_check.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

void check_same_answer(std::string_view text) {
    const bool builtin = tcvod::detail::builtin_is_pull_url(text);
    FUZZ_CHECK(builtin == tcvod::detail::boost_is_pull_url(text));
    FUZZ_CHECK(builtin == tcvod::is_pull_url(text));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    check_same_answer(input);
    for (std::string_view prefix : {"http://", "https://", "http://["}) {
        std::string prefixed(prefix);
        prefixed.append(input);
        check_same_answer(prefixed);
    }
    return 0;
}
