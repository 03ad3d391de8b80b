// Hostile inputs: each returns a clean error or result, and the work done
// grows linearly with the input (checked through sizes and counts that
// the code reports, never through timing).
#include "tcvod/query_decode.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>

namespace {

using tcvod::errc;

// Found by fuzz_percent_decode: Boost.URL 1.81's parse_query measured its
// input with strlen, so a view into a larger buffer was parsed past its end.
TEST(Adversarial, ParseStaysInsideAViewThatIsNotNulTerminated) {
    const std::string buffer = "a=1%41&Signature=forged&b=2";
    tcvod::query_parameters params;
    tcvod::diagnostics diag;
    ASSERT_TRUE(params.parse(std::string_view(buffer.data(), 3), {}, diag));
    ASSERT_EQ(params.size(), 1u);
    EXPECT_EQ(params.begin()->key, "a");
    EXPECT_EQ(params.begin()->value, "1");
    ASSERT_TRUE(params.parse(std::string_view(buffer.data(), 10), {}, diag));
    EXPECT_EQ(params.find("a"), std::string_view("1A"));
    EXPECT_EQ(params.find("Sig"), std::string_view(""));
    EXPECT_FALSE(params.find("Signature"));

    // Exactly sized heap copy: under ASan a read past the end is reported.
    std::string_view text = "inputType=SingleFile&procedure=P";
    auto exact = std::make_unique<char[]>(text.size());
    std::copy(text.begin(), text.end(), exact.get());
    ASSERT_TRUE(params.parse(std::string_view(exact.get(), text.size()), {}, diag));
    EXPECT_EQ(params.size(), 2u);
    EXPECT_EQ(params.find("procedure"), std::string_view("P"));
}

// Found by fuzz_percent_decode under UBSan: a default string_view has a
// null data(), and memcpy from null is undefined even for 0 bytes (the
// sanitizer stage reports it; here the result is checked too).
TEST(Adversarial, FieldPathFromAnEmptyNullView) {
    tcvod::field_path empty{std::string_view()};
    EXPECT_TRUE(empty.empty());
    tcvod::field_path path("fileList.");
    path.append(std::string_view()).append_index(3);
    EXPECT_EQ(path.view(), "fileList.3");
    tcvod::diagnostics diag;
    diag.add(errc::invalid_key, std::string_view(), nullptr);
    EXPECT_EQ(diag[0].message(), "invalid parameter name");
}

}  // namespace
