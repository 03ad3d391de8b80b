#include "tcvod/vod_error.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <system_error>

namespace {

using tcvod::vod_category;
using tcvod::vod_errc;

struct expected_row {
    std::int64_t code;
    vod_errc name;
    vod_category category;
    bool retryable;
};

// Every RunProcedure code of the API page (§7.2) and every common code of
// §7.1, with the category and retry decision the catalogue documents.
const expected_row every_code[] = {
    {1, vod_errc::internal_error, vod_category::server_error, true},
    {1000, vod_errc::invalid_parameter, vod_category::invalid_request, false},
    {1001, vod_errc::internal_error_1001, vod_category::server_error, true},
    {1003, vod_errc::internal_error_1003, vod_category::server_error, true},
    {2000, vod_errc::internal_error_2000, vod_category::server_error, true},
    {10008, vod_errc::file_not_found, vod_category::not_found, false},
    {10022, vod_errc::internal_error_10022, vod_category::server_error, true},
    {50005, vod_errc::procedure_task_exists, vod_category::conflict, false},
    {50006, vod_errc::procedure_task_creation_failed, vod_category::server_error, true},
    {50007, vod_errc::invalid_procedure_parameter, vod_category::invalid_request, false},
    {4000, vod_errc::invalid_request_parameters, vod_category::invalid_request, false},
    {4100, vod_errc::authentication_failed, vod_category::authentication, false},
    {4101, vod_errc::api_not_authorized, vod_category::authentication, false},
    {4102, vod_errc::resource_not_authorized, vod_category::authentication, false},
    {4103, vod_errc::api_resource_not_authorized, vod_category::authentication, false},
    {4104, vod_errc::secret_id_not_found, vod_category::authentication, false},
    {4105, vod_errc::token_error, vod_category::authentication, false},
    {4106, vod_errc::mfa_check_failed, vod_category::authentication, false},
    {4110, vod_errc::cam_authentication_failed, vod_category::authentication, false},
    {4200, vod_errc::request_expired, vod_category::authentication, true},
    {4300, vod_errc::access_denied, vod_category::authentication, false},
    {4400, vod_errc::quota_exceeded, vod_category::quota, true},
    {4500, vod_errc::replay_attack, vod_category::authentication, true},
    {4600, vod_errc::protocol_not_supported, vod_category::invalid_request, false},
    {5000, vod_errc::resource_not_found, vod_category::not_found, false},
    {5100, vod_errc::resource_operation_failed, vod_category::server_error, true},
    {5200, vod_errc::resource_purchase_failed, vod_category::billing, false},
    {5300, vod_errc::insufficient_balance, vod_category::billing, false},
    {5400, vod_errc::partial_success, vod_category::partial_success, false},
    {5500, vod_errc::qualification_review_failed, vod_category::authentication, false},
    {6000, vod_errc::server_error, vod_category::server_error, true},
    {6100, vod_errc::version_not_supported, vod_category::invalid_request, false},
    {6200, vod_errc::api_unavailable, vod_category::server_error, true},
};

TEST(VodErrorCatalogue, EveryDocumentedCodeHasItsRow) {
    for (const auto& want : every_code) {
        SCOPED_TRACE(want.code);
        const tcvod::vod_error_info* row = tcvod::find_vod_error(want.code);
        ASSERT_NE(row, nullptr);
        EXPECT_EQ(row->code, static_cast<std::int64_t>(want.name));
        EXPECT_EQ(row->category, want.category);
        EXPECT_EQ(row->retryable, want.retryable);
        EXPECT_EQ(tcvod::category_of(want.code), want.category);
        EXPECT_EQ(tcvod::is_retryable(want.code), want.retryable);
        EXPECT_FALSE(row->meaning.empty());
        EXPECT_FALSE(row->name.empty());
    }
}

TEST(VodErrorCatalogue, TableHasNoOtherRowsAndNoDuplicates) {
    std::set<std::int64_t> codes;
    for (auto it = tcvod::vod_error_begin(); it != tcvod::vod_error_end(); ++it) {
        EXPECT_TRUE(codes.insert(it->code).second) << it->code;
    }
    // every_code plus success (0)
    EXPECT_EQ(codes.size(), std::size(every_code) + 1);
    EXPECT_EQ(tcvod::category_of(0), vod_category::success);
    EXPECT_FALSE(tcvod::is_retryable(0));
}

TEST(VodErrorCatalogue, MeaningsFollowTheDocumentation) {
    EXPECT_EQ(tcvod::find_vod_error(10008)->meaning, "File does not exist");
    EXPECT_EQ(tcvod::find_vod_error(50005)->meaning, "A task with the same procedure already exists");
    EXPECT_EQ(tcvod::find_vod_error(50006)->meaning, "Failed to create the procedure task");
    EXPECT_EQ(tcvod::find_vod_error(50007)->meaning, "Invalid procedure parameter");
    EXPECT_EQ(tcvod::find_vod_error(1000)->meaning, "Invalid parameter");
    EXPECT_EQ(tcvod::find_vod_error(1)->meaning, "Internal error");
    EXPECT_EQ(tcvod::find_vod_error(4400)->meaning, "Quota exceeded (rate limit)");
    EXPECT_EQ(tcvod::find_vod_error(5400)->meaning, "Partial success");
}

TEST(VodErrorCatalogue, UnknownCodesAreKeptAndNeverRetried) {
    for (std::int64_t code : {std::int64_t{2}, std::int64_t{4700}, std::int64_t{7000}, std::int64_t{-1},
                              std::int64_t{99999}, std::int64_t{-45101}}) {
        EXPECT_EQ(tcvod::find_vod_error(code), nullptr) << code;
        EXPECT_EQ(tcvod::category_of(code), vod_category::unknown);
        EXPECT_FALSE(tcvod::is_retryable(code));
        std::error_code ec = tcvod::make_vod_error_code(code);
        EXPECT_EQ(ec.value(), code);
        EXPECT_EQ(&ec.category(), &tcvod::vod_error_category());
        EXPECT_NE(ec.message().find(std::to_string(code)), std::string::npos) << ec.message();
    }
}

TEST(VodErrorCategory, EnumComparesWithErrorCodes) {
    std::error_code ec = tcvod::make_vod_error_code(10008);
    EXPECT_TRUE(ec == vod_errc::file_not_found);
    EXPECT_FALSE(ec == vod_errc::invalid_parameter);
    EXPECT_EQ(ec.message(), "File does not exist");
    EXPECT_STREQ(ec.category().name(), "tcvod.vod");
    std::error_code from_enum = vod_errc::quota_exceeded;  // implicit: is_error_code_enum
    EXPECT_EQ(from_enum.value(), 4400);
    EXPECT_TRUE(from_enum);
    EXPECT_FALSE(tcvod::make_vod_error_code(0));  // 0 is "no error"
    // A different category with the same value is not equal.
    EXPECT_FALSE(std::error_code(10008, std::generic_category()) == vod_errc::file_not_found);
}

TEST(VodErrorCategory, CodesOutsideIntSaturate) {
    EXPECT_EQ(tcvod::make_vod_error_code(std::int64_t{1} << 40).value(), std::numeric_limits<int>::max());
    EXPECT_EQ(tcvod::make_vod_error_code(-(std::int64_t{1} << 40)).value(), std::numeric_limits<int>::min());
}

TEST(VodCategory, NamesAreStable) {
    EXPECT_EQ(tcvod::to_string(vod_category::success), "success");
    EXPECT_EQ(tcvod::to_string(vod_category::invalid_request), "invalid_request");
    EXPECT_EQ(tcvod::to_string(vod_category::authentication), "authentication");
    EXPECT_EQ(tcvod::to_string(vod_category::quota), "quota");
    EXPECT_EQ(tcvod::to_string(vod_category::not_found), "not_found");
    EXPECT_EQ(tcvod::to_string(vod_category::conflict), "conflict");
    EXPECT_EQ(tcvod::to_string(vod_category::billing), "billing");
    EXPECT_EQ(tcvod::to_string(vod_category::partial_success), "partial_success");
    EXPECT_EQ(tcvod::to_string(vod_category::server_error), "server_error");
    EXPECT_EQ(tcvod::to_string(vod_category::unknown), "unknown");
}

TEST(ModuleCode, DocumentedMessage) {
    auto m = tcvod::split_module_code("(100004)projectId不正确");
    ASSERT_TRUE(m);
    EXPECT_EQ(m->module_code, 100004);
    EXPECT_EQ(m->text, "projectId不正确");
}

TEST(ModuleCode, FullWidthParenthesesAndNegativeCodes) {
    auto m = tcvod::split_module_code(
        "\xEF\xBC\x88"
        "100004"
        "\xEF\xBC\x89"
        "bad");
    ASSERT_TRUE(m);
    EXPECT_EQ(m->module_code, 100004);
    EXPECT_EQ(m->text, "bad");
    auto n = tcvod::split_module_code("(-45101)x");
    ASSERT_TRUE(n);
    EXPECT_EQ(n->module_code, -45101);
    EXPECT_EQ(n->text, "x");
    auto empty_text = tcvod::split_module_code("(7)");
    ASSERT_TRUE(empty_text);
    EXPECT_EQ(empty_text->text, "");
}

TEST(ModuleCode, MessagesWithoutOne) {
    for (const char* text : {"", "projectId不正确", "()x", "(abc)x", "(12x", "(12", " (12)x", "x(12)",
                             "(1234567890123456789)x", "(-)x", "(1\xEF\xBC\x89x"}) {
        EXPECT_FALSE(tcvod::split_module_code(text)) << text;
    }
}

}  // namespace
