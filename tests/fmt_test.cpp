// fmt formatters: exact text for each type, masking and redaction, escaping
// of hostile values, and refusal of format specs where none is defined.
#include "tcvod/fmt.hpp"

#include "request_views.hpp"
#include "test_requests.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using tcvod::errc;
using namespace tcvod_test;

TEST(Fmt, Errc) {
    EXPECT_EQ(fmt::format("{}", errc::bad_percent_escape), "malformed percent escape");
    EXPECT_EQ(fmt::format("[{:>10}]", errc::ok), "[   success]");
}

TEST(Fmt, FieldErrorAndDiagnostics) {
    tcvod::diagnostics diag;
    EXPECT_EQ(fmt::format("{}", diag), "no problems");
    diag.add(errc::missing_field, "fileList.3.id", "is required when inputType is MultiFile");
    diag.add(errc::invalid_key, {}, nullptr);
    EXPECT_EQ(fmt::format("{}", diag[0]), "fileList.3.id: is required when inputType is MultiFile");
    EXPECT_EQ(fmt::format("{}", diag[1]), "invalid parameter name");
    EXPECT_EQ(fmt::format("{}", diag),
              "fileList.3.id: is required when inputType is MultiFile; invalid parameter name");
    for (int i = 0; i < 40; ++i) diag.add(errc::unknown_key, "k");
    EXPECT_NE(fmt::format("{}", diag).find(" (and 10 more)"), std::string::npos);
}

TEST(Fmt, HostilePathsCannotForgeLogLines) {
    tcvod::diagnostics diag;
    diag.add(errc::unknown_key, std::string_view("a\nERROR forged\r\x1b[31m\\", 21));
    EXPECT_EQ(fmt::format("{}", diag[0]), "a\\x0aERROR forged\\x0d\\x1b[31m\\x5c: unknown parameter");
}

TEST(Fmt, CommonParametersMaskTheSecretIdAndRedactTheToken) {
    auto c = doc_common();
    EXPECT_EQ(fmt::format("{}", c), "{Region=\"gz\", Timestamp=1465185768, Nonce=11886, SecretId=AKID****ESA}");
    c.method = tcvod::signature_method::hmac_sha256;
    c.sub_app_id = 1400001234;
    c.token = "temporary-session-token";
    c.region = "g\"z\n";
    EXPECT_EQ(fmt::format("{}", c),
              "{Region=\"g\\\"z\\n\", Timestamp=1465185768, Nonce=11886, SecretId=AKID****ESA, "
              "SignatureMethod=HmacSHA256, SubAppId=1400001234, Token=<redacted>}");
}

TEST(Fmt, ShortSecretIdsAreHiddenWhole) {
    std::string out;
    for (std::string id : {"", "A", "AKIDshort", "AKIDshort12"}) {
        out.clear();
        tcvod::write_masked_secret_id(std::back_inserter(out), id);
        EXPECT_EQ(out, "****") << id;
    }
    out.clear();
    tcvod::write_masked_secret_id(std::back_inserter(out), "AKIDabcdEFGH");
    EXPECT_EQ(out, "AKID****FGH");
}

TEST(Fmt, RequestInWireOrder) {
    EXPECT_EQ(fmt::format("{}", single_file_example()),
              "RunProcedure{file.endTimeOffset=\"25\", file.id=\"12345\", file.startTimeOffset=\"10\", "
              "inputType=\"SingleFile\", procedure=\"SomeProcedure\"}");
    tcvod::run_procedure_request r = multi_file_example();
    r.procedure = "a\tb\xff";
    EXPECT_NE(fmt::format("{}", r).find("procedure=\"a\\tb\xEF\xBF\xBD\""), std::string::npos);
}

TEST(Fmt, ViewsFormatLikeOwningTypes) {
    const tcvod::run_procedure_request r = multi_file_example();
    const tcvod_test::request_view_storage views(r);
    EXPECT_EQ(fmt::format("{}", views.request), fmt::format("{}", r));
    const tcvod::common_parameters c = doc_common();
    EXPECT_EQ(fmt::format("{}", tcvod_test::view_of(c)), fmt::format("{}", c));
    EXPECT_EQ(fmt::format("{}", tcvod_test::view_of(c)).find(c.secret_id), std::string::npos);
}

#if TCVOD_HAS_EXCEPTIONS
TEST(Fmt, FormatSpecsAreRefused) {
    EXPECT_THROW((void)fmt::format(fmt::runtime("{:x}"), doc_common()), fmt::format_error);
    EXPECT_THROW((void)fmt::format(fmt::runtime("{:>5}"), tcvod::diagnostics{}), fmt::format_error);
}
#endif

}  // namespace
