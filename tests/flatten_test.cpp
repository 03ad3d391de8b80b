#include "tcvod/flatten.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace {

std::vector<std::pair<std::string, std::string>> flatten(const tcvod::common_parameters& c,
                                                         const tcvod::run_procedure_request& r) {
    std::vector<std::pair<std::string, std::string>> out;
    tcvod::visit_parameters(c, r, [&](std::string_view k, std::string_view v) { out.emplace_back(k, v); });
    return out;
}

TEST(Flatten, IndicesInKeyOrder) {
    for (std::size_t n : {0u, 1u, 2u, 9u, 10u, 11u, 12u, 20u, 99u, 100u, 101u, 256u, 1000u, 1234u}) {
        std::vector<std::size_t> got;
        tcvod::detail::for_each_index_in_key_order(n, [&](std::size_t i) { got.push_back(i); });
        std::vector<std::size_t> expected(n);
        for (std::size_t i = 0; i < n; ++i) expected[i] = i;
        std::sort(expected.begin(), expected.end(),
                  [](std::size_t a, std::size_t b) { return std::to_string(a) < std::to_string(b); });
        EXPECT_EQ(got, expected) << n;
    }
}

TEST(Flatten, EveryFieldSortedAndUnique) {
    tcvod::common_parameters c;
    c.region = "gz";
    c.secret_id = "id";
    c.timestamp = 1;
    c.nonce = 2;
    c.method = tcvod::signature_method::hmac_sha256;
    c.sub_app_id = 3;
    c.token = "t";
    tcvod::run_procedure_request r;
    r.file = tcvod::file_clip{"f", 1.0, 2.0};
    for (int i = 0; i < 12; ++i) r.file_list.push_back({"x" + std::to_string(i), 1.5, 2.5});
    r.stream = tcvod::stream_clip{"s", 1, 2};
    for (int i = 0; i < 12; ++i) r.stream_list.push_back({"s" + std::to_string(i), 3, 4});
    r.pull = tcvod::pull_source{"http://a/b", "n", std::string(32, 'a'), 5};
    r.procedure = "P";
    r.notify = tcvod::notify_mode::change;
    r.priority = -1;
    auto params = flatten(c, r);
    // 8 common + file 3 + fileList 36 + 4 top-level + pull 4 + stream 3 + streamList 36
    ASSERT_EQ(params.size(), 94u);
    for (std::size_t i = 1; i < params.size(); ++i) EXPECT_LT(params[i - 1].first, params[i].first);
}

TEST(Flatten, AbsentOptionalsAreNotEmitted) {
    tcvod::common_parameters c;
    c.region = "gz";
    c.secret_id = "id";
    c.timestamp = 1465185768;
    c.nonce = 11886;
    tcvod::run_procedure_request r;
    r.type = tcvod::input_type::single_file;
    r.file = tcvod::file_clip{"12345", std::nullopt, 25.5};
    r.procedure = "SomeProcedure";
    auto params = flatten(c, r);
    std::vector<std::pair<std::string, std::string>> expected = {
        {"Action", "RunProcedure"}, {"Nonce", "11886"},          {"Region", "gz"},
        {"SecretId", "id"},         {"Timestamp", "1465185768"}, {"file.endTimeOffset", "25.5"},
        {"file.id", "12345"},       {"inputType", "SingleFile"}, {"procedure", "SomeProcedure"}};
    EXPECT_EQ(params, expected);
}

}  // namespace
