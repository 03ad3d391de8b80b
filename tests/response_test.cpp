#include "tcvod/response.hpp"
#include "tcvod/response_encode.hpp"

#include "vectors.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <type_traits>
#include <utility>

namespace {

using tcvod::errc;

std::string read_body(const std::string& name) {
    std::ifstream in(tcvod_test::data_path("vectors/bodies/" + name), std::ios::binary);
    EXPECT_TRUE(in.good()) << name;
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

tcvod::response decode_ok(const std::string& body, tcvod::json_decode_options opts = {}) {
    tcvod::response_decoder decoder(opts);
    auto r = decoder.decode(body);
    EXPECT_TRUE(r.has_value()) << body << "\n-> " << r.error().message();
    return r ? tcvod::to_owned(*r) : tcvod::response{};
}

tcvod::field_error decode_error(const std::string& body, tcvod::json_decode_options opts = {}) {
    tcvod::response_decoder decoder(opts);
    auto r = decoder.decode(body);
    EXPECT_FALSE(r.has_value()) << body;
    return r ? tcvod::field_error{} : r.error();
}

void expect_error(const std::string& body, errc code, const std::string& path, tcvod::json_decode_options opts = {}) {
    tcvod::field_error e = decode_error(body, opts);
    EXPECT_EQ(e.code, code) << body << "\n-> " << e.message();
    EXPECT_EQ(e.path.view(), path) << body << "\n-> " << e.message();
    EXPECT_NE(e.reason, nullptr);
}

// ---- the documented examples (§6) ----------------------------------------------

TEST(ResponseExamples, RunProcedureSuccess) {
    auto r = decode_ok(read_body("run_procedure_response.json"));
    EXPECT_EQ(r.code, 0);
    EXPECT_EQ(r.message, "");
    EXPECT_FALSE(r.code_desc);
    ASSERT_TRUE(r.vod_task_id);
    EXPECT_EQ(*r.vod_task_id, "procedure-7a2229a8f1957bfce08ba733fbfd4a3c");
    EXPECT_TRUE(r.ok());
    EXPECT_FALSE(r.error_code());
}

TEST(ResponseExamples, ApiPageExampleWithTrailingCommaIsRefusedByDefault) {
    std::string body = read_body("run_procedure_response_api_page.json");
    tcvod::field_error e = decode_error(body);
    EXPECT_EQ(e.code, errc::trailing_comma);
    EXPECT_EQ(e.path.view(), "vodTaskId");  // the member the comma follows
    EXPECT_NE(std::string(e.reason_text()).find("lenient"), std::string::npos);
}

TEST(ResponseExamples, ApiPageExampleIsAcceptedInLenientMode) {
    tcvod::json_decode_options lenient;
    lenient.lenient = true;
    auto r = decode_ok(read_body("run_procedure_response_api_page.json"), lenient);
    EXPECT_EQ(r.code, 0);
    ASSERT_TRUE(r.vod_task_id);
    EXPECT_EQ(*r.vod_task_id, "procedure-7a2229a8f1957bfce08ba733fbfd4a3c");
}

TEST(ResponseExamples, StringCodeWithModuleCode) {
    auto r = decode_ok(read_body("error_5100_string_code.json"));
    EXPECT_EQ(r.code, 5100);
    EXPECT_EQ(r.message, "(100004)projectId不正确");
    EXPECT_TRUE(r.error_code() == tcvod::vod_errc::resource_operation_failed);
    auto module = tcvod::split_module_code(r.message);
    ASSERT_TRUE(module);
    EXPECT_EQ(module->module_code, 100004);
    EXPECT_EQ(module->text, "projectId不正确");
}

TEST(ResponseExamples, AuthFailureWithCodeDesc) {
    auto r = decode_ok(read_body("error_4100_auth_failure.json"));
    EXPECT_EQ(r.code, 4100);
    EXPECT_EQ(r.message, "鉴权失败，请参考文档中鉴权部分。");
    ASSERT_TRUE(r.code_desc);
    EXPECT_EQ(*r.code_desc, "AuthFailure");
    EXPECT_TRUE(r.error_code() == tcvod::vod_errc::authentication_failed);
    EXPECT_EQ(tcvod::category_of(r.code), tcvod::vod_category::authentication);
}

TEST(ResponseExamples, InvalidParameterWithCodeDesc) {
    auto r = decode_ok(read_body("error_4000_invalid_parameter.json"));
    EXPECT_EQ(r.code, 4000);
    EXPECT_EQ(r.message, "请求失败，参数[access]不能为空。");
    ASSERT_TRUE(r.code_desc);
    EXPECT_EQ(*r.code_desc, "InvalidParameter");
    EXPECT_FALSE(r.vod_task_id);
}

TEST(ResponseExamples, ConfirmEventResponse) {
    auto r = decode_ok(read_body("confirm_event_response.json"));
    EXPECT_EQ(r.code, 0);
    EXPECT_EQ(r.message, "");
}

// ---- code ---------------------------------------------------------------------

TEST(ResponseCode, EveryCatalogueCodeAsNumberAndAsString) {
    for (auto row = tcvod::vod_error_begin(); row != tcvod::vod_error_end(); ++row) {
        std::string n = std::to_string(row->code);
        for (const std::string& code_text : {n, "\"" + n + "\""}) {
            auto r = decode_ok("{\"code\":" + code_text + ",\"message\":\"m\"}");
            EXPECT_EQ(r.code, row->code) << code_text;
            EXPECT_EQ(r.error_code().value(), row->code);
            if (row->code != 0) {
                EXPECT_TRUE(r.error_code() == static_cast<tcvod::vod_errc>(row->code));
            }
        }
    }
}

TEST(ResponseCode, UnknownCodesAreKept) {
    EXPECT_EQ(decode_ok(R"({"code":4242,"message":""})").code, 4242);
    EXPECT_EQ(decode_ok(R"({"code":-45101,"message":""})").code, -45101);
    EXPECT_EQ(decode_ok(R"({"code":"-1","message":""})").code, -1);
    EXPECT_EQ(decode_ok(R"({"code":9223372036854775807,"message":""})").code, INT64_MAX);
    EXPECT_EQ(decode_ok(R"({"code":-9223372036854775808,"message":""})").code, INT64_MIN);
}

TEST(ResponseCode, WrongTypesNameTheField) {
    expect_error(R"({"code":true,"message":""})", errc::wrong_type, "code");
    expect_error(R"({"code":null,"message":""})", errc::wrong_type, "code");
    expect_error(R"({"code":[0],"message":""})", errc::wrong_type, "code");
    expect_error(R"({"code":{},"message":""})", errc::wrong_type, "code");
}

TEST(ResponseCode, NotAnInteger) {
    expect_error(R"({"code":1.5,"message":""})", errc::invalid_number, "code");
    expect_error(R"({"code":0.0,"message":""})", errc::invalid_number, "code");
    expect_error(R"({"code":1e3,"message":""})", errc::invalid_number, "code");
    expect_error(R"({"code":"abc","message":""})", errc::invalid_number, "code");
    expect_error(R"({"code":"","message":""})", errc::invalid_number, "code");
    expect_error(R"({"code":" 0","message":""})", errc::invalid_number, "code");
    expect_error(R"({"code":"01","message":""})", errc::invalid_number, "code");
    expect_error(R"({"code":"+1","message":""})", errc::invalid_number, "code");
    expect_error(R"({"code":"1.0","message":""})", errc::invalid_number, "code");
}

TEST(ResponseCode, HugeNumbersAreOutOfRange) {
    expect_error(R"({"code":9223372036854775808,"message":""})", errc::out_of_range, "code");
    expect_error(R"({"code":-9223372036854775809,"message":""})", errc::out_of_range, "code");
    expect_error(R"({"code":99999999999999999999999999999999,"message":""})", errc::out_of_range, "code");
    expect_error(R"({"code":"99999999999999999999","message":""})", errc::out_of_range, "code");
}

// ---- message, codeDesc, vodTaskId ---------------------------------------------

TEST(ResponseFields, MissingRequiredFields) {
    expect_error(R"({"message":""})", errc::missing_field, "code");
    expect_error(R"({"code":0})", errc::missing_field, "message");
    expect_error(R"({})", errc::missing_field, "code");
}

TEST(ResponseFields, WrongTypesNameTheField) {
    expect_error(R"({"code":0,"message":5})", errc::wrong_type, "message");
    expect_error(R"({"code":0,"message":null})", errc::wrong_type, "message");
    expect_error(R"({"code":0,"message":["a"]})", errc::wrong_type, "message");
    expect_error(R"({"code":0,"message":"","codeDesc":5})", errc::wrong_type, "codeDesc");
    expect_error(R"({"code":0,"message":"","codeDesc":{}})", errc::wrong_type, "codeDesc");
    expect_error(R"({"code":0,"message":"","vodTaskId":12})", errc::wrong_type, "vodTaskId");
    expect_error(R"({"code":0,"message":"","vodTaskId":false})", errc::wrong_type, "vodTaskId");
}

TEST(ResponseFields, NullOptionalFieldsAreAbsent) {
    auto r = decode_ok(R"({"code":0,"message":"","codeDesc":null,"vodTaskId":null})");
    EXPECT_FALSE(r.code_desc);
    EXPECT_FALSE(r.vod_task_id);
}

TEST(ResponseFields, DuplicateMembersAreRefused) {
    expect_error(R"({"code":0,"code":1,"message":""})", errc::duplicate_key, "code");
    expect_error(R"({"code":0,"message":"","vodTaskId":"a","vodTaskId":"b"})", errc::duplicate_key, "vodTaskId");
}

// Inputs on which the two JSON backends first disagreed (fuzz_json_differential):
// each backend must give these codes and paths.
TEST(ResponseBackends, DifferentialFindings) {
    // simdjson On-Demand skipped an unread string followed by ':' as if it
    // were a key, and everything after it unchecked: strings are now consumed.
    expect_error(R"({"code":0,"message":"x":{,]]}})", errc::invalid_json, "message");
    expect_error(R"({"code":0,"message":"","x":"y":{,]]}})", errc::invalid_json, "x");
    // A quote right after a scalar belongs to it (simdjson's stage 1).
    expect_error(R"({"code":0,"message":"","x":0"y"})", errc::invalid_json, "x");
    expect_error(R"({"code":0"message":""})", errc::invalid_number, "code");
    expect_error(R"({"code":0,"message":"","x":true"y"})", errc::invalid_json, "x");
    // Form feed and SUB end a token like an operator, then are refused.
    expect_error("{\"code\":0,\"message\":\"\",\"x\":1\x0c}", errc::invalid_json, "x");
    expect_error("{\"code\":0,\"message\":\"\",\"x\":[true\x1a]}", errc::invalid_json, "x.0");
    expect_error("{\"code\":0,\"message\":\"\",\"x\":[false\x0c]}", errc::invalid_json, "x.0");
    // A backslash escapes the next byte outside strings too: no string opens.
    expect_error(R"({"code":0,"message":"","x":\"})", errc::invalid_json, "x");
    // Unclosed string and an unescaped control character: the unclosed string wins.
    expect_error(std::string("{\"code\":0,\"message\":\"a\x01\"}\""), errc::invalid_json, "");
}

#if defined(TCVOD_NO_SIMDJSON)
static_assert(
    std::is_same<tcvod::response_decoder, tcvod::basic_response_decoder<tcvod::detail::portable_json_backend>>::value,
    "TCVOD_NO_SIMDJSON selects the portable backend");
static_assert(tcvod::response_decoder::padding == 0, "the portable backend reads nothing past the body");
#endif

// Integral fractions of drifting event integers (10.0, 1e3): exact, no double.
TEST(JsonNumbers, IntegralDecimalIsExact) {
    auto value = [](const char* text) {
        std::int64_t out = -1;
        errc e = tcvod::detail::integral_decimal(text, out);
        return std::make_pair(e, out);
    };
    using P = std::pair<errc, std::int64_t>;
    EXPECT_EQ(value("10.0"), P(errc::ok, 10));
    EXPECT_EQ(value("1e3"), P(errc::ok, 1000));
    EXPECT_EQ(value("2.50e1"), P(errc::ok, 25));
    EXPECT_EQ(value("-0.0"), P(errc::ok, 0));
    EXPECT_EQ(value("0e999999999"), P(errc::ok, 0));
    EXPECT_EQ(value("12345e-3"), P(errc::invalid_number, -1));
    EXPECT_EQ(value("12000e-3"), P(errc::ok, 12));
    EXPECT_EQ(value("1.5"), P(errc::invalid_number, -1));
    EXPECT_EQ(value("1.5e-400"), P(errc::invalid_number, -1));
    EXPECT_EQ(value("9007199254740993.0"), P(errc::ok, 9007199254740993));  // a double would round it
    EXPECT_EQ(value("9223372036854775807.0"), P(errc::ok, INT64_MAX));
    EXPECT_EQ(value("9223372036854775808.0"), P(errc::out_of_range, -1));
    EXPECT_EQ(value("-9223372036854775808.0"), P(errc::ok, INT64_MIN));
    EXPECT_EQ(value("-9223372036854775809.0"), P(errc::out_of_range, -1));
    EXPECT_EQ(value("1e19"), P(errc::out_of_range, -1));
    EXPECT_EQ(value("1e30"), P(errc::out_of_range, -1));
    EXPECT_EQ(value("0.00000000000000000000001e23"), P(errc::ok, 1));
    EXPECT_EQ(value("1E+2"), P(errc::ok, 100));
}

TEST(ResponseFields, UnknownFieldsAreIgnoredButChecked) {
    auto r = decode_ok(R"({"RequestClient":"SDK_PYTHON_2.0.15","code":0,"detail":{"a":[1,2,{"b":null,"c":true}]},
                           "message":"ok","huge":123456789012345678901234567890,"big":1e400,"tiny":-0.5e-400,
                           "vodTaskId":"t"})");
    EXPECT_EQ(r.message, "ok");
    EXPECT_EQ(*r.vod_task_id, "t");
    expect_error(R"({"code":0,"message":"","x":[1,,2]})", errc::invalid_json, "x.1");
    expect_error(R"({"code":0,"message":"","x":tru})", errc::invalid_json, "x");
    expect_error(R"({"code":0,"message":"","x":nul})", errc::invalid_json, "x");
    expect_error(R"({"code":0,"message":"","x":01})", errc::invalid_json, "x");
    expect_error(R"({"code":0,"message":"","x":-})", errc::invalid_json, "x");
    expect_error(R"({"code":0,"message":"","x":{"y":"\ud800"}})", errc::invalid_json, "x.y");
    expect_error(R"({"code":0,"message":"","x":"\q"})", errc::invalid_json, "x");
}

// ---- escapes ------------------------------------------------------------------

TEST(ResponseEscapes, UnicodeEscapesAndSurrogatePairs) {
    auto r =
        decode_ok(R"({"code":"5100","message":"(100004)projectId\u4e0d\u6b63\u786e \ud83d\ude00 \"q\" \\ \/ \n\t"})");
    EXPECT_EQ(r.message, "(100004)projectId不正确 \xF0\x9F\x98\x80 \"q\" \\ / \n\t");
    auto key = decode_ok(R"({"\u0063ode":7,"message":"\u0000"})");
    EXPECT_EQ(key.code, 7);
    EXPECT_EQ(key.message, std::string(1, '\0'));
}

TEST(ResponseEscapes, LoneSurrogatesAndBadEscapesAreErrors) {
    expect_error(R"({"code":0,"message":"\ud800"})", errc::invalid_json, "message");
    expect_error(R"({"code":0,"message":"\udc00x"})", errc::invalid_json, "message");
    expect_error(R"({"code":0,"message":"\ud83d\u0041"})", errc::invalid_json, "message");
    expect_error(R"({"code":0,"message":"\u12"})", errc::invalid_json, "message");
    expect_error(R"({"code":0,"message":"\x41"})", errc::invalid_json, "message");
}

// ---- malformed bodies ------------------------------------------------------------

TEST(ResponseMalformed, EmptyInput) {
    expect_error("", errc::empty_input, "");
    expect_error(" \n\t\r ", errc::empty_input, "");
}

TEST(ResponseMalformed, NotAnObject) {
    expect_error("[1,2]", errc::wrong_type, "");
    expect_error("5", errc::wrong_type, "");
    expect_error("\"code\"", errc::wrong_type, "");
    expect_error("null", errc::wrong_type, "");
}

TEST(ResponseMalformed, EveryTruncationOfTheExampleIsAnError) {
    std::string body = read_body("error_4100_auth_failure.json");
    while (!body.empty() && (body.back() == '\n' || body.back() == ' ')) body.pop_back();
    tcvod::response_decoder decoder;
    for (std::size_t n = 0; n < body.size(); ++n) {
        auto r = decoder.decode(std::string_view(body.data(), n));
        ASSERT_FALSE(r.has_value()) << n;
        EXPECT_NE(r.error().code, errc::ok);
    }
    EXPECT_TRUE(decoder.decode(body).has_value());
}

TEST(ResponseMalformed, TruncatedBodiesSayWhere) {
    expect_error(R"({"code":0,"message":"abc)", errc::invalid_json, "");
    expect_error(R"({"code":0,"message":)", errc::invalid_json, "message");
    expect_error(R"({"code":0,"message":"","x":[1,2)", errc::invalid_json, "x.2");
}

TEST(ResponseMalformed, InvalidUtf8) {
    expect_error("{\"code\":0,\"message\":\"\xff\"}", errc::invalid_utf8, "");
    expect_error("{\"code\":0,\"message\":\"\xc3\x28\"}", errc::invalid_utf8, "");
    expect_error("{\"code\":0,\"message\":\"\xed\xa0\x80\"}", errc::invalid_utf8, "");      // encoded surrogate
    expect_error("{\"code\":0,\"message\":\"\xf4\x90\x80\x80\"}", errc::invalid_utf8, "");  // > U+10FFFF
    expect_error("\xef\xbb\xbf{\"code\":0,\"message\":\"\"}", errc::invalid_json, "");      // a BOM is not JSON
}

TEST(ResponseMalformed, ControlCharactersMustBeEscaped) {
    expect_error(std::string("{\"code\":0,\"message\":\"a\x01") + "\"}", errc::invalid_json, "");
    expect_error(std::string("{\"code\":0,\"message\":\"a\nb\"}"), errc::invalid_json, "");
    expect_error(std::string("{\"code\":0,\"message\":\"\"}\0", 24), errc::invalid_json, "");
}

TEST(ResponseMalformed, ContentAfterTheObject) {
    expect_error(R"({"code":0,"message":""}{})", errc::invalid_json, "");
    expect_error(R"({"code":0,"message":""} x)", errc::invalid_json, "");
    expect_error(R"({"code":0,"message":""}])", errc::invalid_json, "");
}

TEST(ResponseMalformed, SyntaxErrors) {
    expect_error(R"({"code":0 "message":""})", errc::invalid_json, "code");
    expect_error(R"({"code" 0,"message":""})", errc::invalid_json, "");
    expect_error(R"({code:0,"message":""})", errc::invalid_json, "");
    expect_error(R"({"code":0,,"message":""})", errc::invalid_json, "code");
    expect_error(R"({'code':0})", errc::invalid_json, "");
}

TEST(ResponseMalformed, DeepNestingIsBounded) {
    auto nested = [](std::size_t depth) {
        return std::string(R"({"code":0,"message":"","x":)") + std::string(depth, '[') + std::string(depth, ']') + "}";
    };
    // The root object is depth 1; 63 arrays inside reach the default limit of 64.
    decode_ok(nested(63));
    tcvod::field_error e = decode_error(nested(64));
    EXPECT_EQ(e.code, errc::too_deep);
    EXPECT_EQ(e.path.view().substr(0, 6), "x.0.0.");
    EXPECT_EQ(decode_error(nested(100000)).code, errc::too_deep);  // no stack overflow
    std::string objects = R"({"code":0,"message":"")";
    for (int i = 0; i < 100000; ++i) objects += ",\"a\":{\"b\":0";
    EXPECT_NE(decode_error(objects).code, errc::ok);
    tcvod::json_decode_options shallow;
    shallow.max_depth = 2;
    EXPECT_EQ(decode_error(nested(2), shallow).code, errc::too_deep);
    decode_ok(nested(1), shallow);
}

TEST(ResponseMalformed, SizeIsBounded) {
    tcvod::json_decode_options small;
    small.max_size = 32;
    std::string body = R"({"code":0,"message":"012345678"})";
    ASSERT_EQ(body.size(), 32u);
    decode_ok(body, small);
    expect_error(body + " ", errc::too_long, "", small);
}

// ---- lenient mode ------------------------------------------------------------------

TEST(ResponseLenient, TrailingCommasEverywhereButNothingElse) {
    tcvod::json_decode_options lenient;
    lenient.lenient = true;
    auto r = decode_ok("{\"code\":0,\"message\":\",}\",\"x\":[1,2,],\"y\":{\"z\":[],},\n}", lenient);
    EXPECT_EQ(r.message, ",}");  // commas inside strings are data
    expect_error(R"({"code":0,"message":"",,})", errc::invalid_json, "message", lenient);
    expect_error(R"({,"code":0,"message":""})", errc::invalid_json, "", lenient);
    expect_error(R"({"code":0,"message":"","x":[,]})", errc::invalid_json, "x.0", lenient);
    // Strict mode names the problem.
    EXPECT_EQ(decode_error(R"({"code":0,"message":"","x":[1,2,]})").code, errc::trailing_comma);
}

TEST(ResponseLenient, EscapedQuotesDoNotConfuseTheScan) {
    tcvod::json_decode_options lenient;
    lenient.lenient = true;
    auto r = decode_ok(R"({"code":0,"message":"a\",]\\",})", lenient);
    EXPECT_EQ(r.message, "a\",]\\");
}

TEST(ResponseLenient, NeverWritesToTheCallersBuffer) {
    tcvod::json_decode_options lenient;
    lenient.lenient = true;
    std::string body = R"({"code":0,"message":"m",})";
    std::string original = body;
    body.reserve(body.size() + 128);
    tcvod::response_decoder decoder(lenient);
    auto r = decoder.decode(body, body.capacity());
    ASSERT_TRUE(r) << r.error().message();
    EXPECT_EQ(body, original);
}

// ---- padding, views and reuse ---------------------------------------------------------

bool points_into(std::string_view view, const std::string& buffer) {
    return view.data() >= buffer.data() && view.data() + view.size() <= buffer.data() + buffer.size();
}

TEST(ResponseViews, InPlaceWhenTheCallerHasPadding) {
    std::string body = R"({"code":0,"message":"plain","vodTaskId":"procedure-1","codeDesc":"esc\u0061ped"})";
    body.reserve(body.size() + tcvod::response_decoder::padding);
    tcvod::response_decoder decoder;
    auto r = decoder.decode(body, body.capacity());
    ASSERT_TRUE(r) << r.error().message();
    EXPECT_TRUE(points_into(r->message, body));  // zero-copy: a view of the caller's bytes
    EXPECT_TRUE(points_into(*r->vod_task_id, body));
    EXPECT_EQ(*r->code_desc, "escaped");  // escapes are decoded into the decoder
    EXPECT_FALSE(points_into(*r->code_desc, body));
}

TEST(ResponseViews, CopiedWhenThereIsNoPadding) {
    std::string body = R"({"code":0,"message":"plain"})";
    tcvod::response_decoder decoder;
    auto r = decoder.decode(body, body.size());  // no spare bytes
    ASSERT_TRUE(r) << r.error().message();
    EXPECT_EQ(r->message, "plain");
    // simdjson reads past the end: copied; the portable parser does not: in place.
    EXPECT_EQ(points_into(r->message, body), tcvod::response_decoder::padding == 0);
    auto same = decoder.decode(std::string_view(body));  // no capacity known: copied too (simdjson)
    ASSERT_TRUE(same);
    EXPECT_EQ(same->message, "plain");
}

TEST(ResponseViews, OwningCopiesSurviveTheNextDecode) {
    tcvod::response_decoder decoder;
    tcvod::response first;
    ASSERT_EQ(decoder.decode(R"({"code":1,"message":"first","vodTaskId":"a"})", first).code, errc::ok);
    tcvod::response second;
    ASSERT_EQ(decoder.decode(R"({"code":2,"message":"second \u00e9","codeDesc":"X"})", second).code, errc::ok);
    EXPECT_EQ(first.message, "first");
    EXPECT_EQ(*first.vod_task_id, "a");
    EXPECT_EQ(second.message, "second \xC3\xA9");
    EXPECT_FALSE(second.vod_task_id);
    // Reusing `first` clears what the new body lacks.
    ASSERT_EQ(decoder.decode(R"({"code":3,"message":""})", first).code, errc::ok);
    EXPECT_FALSE(first.vod_task_id);
    EXPECT_FALSE(first.code_desc);
    EXPECT_NE(decoder.decode("{", first).code, errc::ok);
}

TEST(ResponseViews, ErrorsNeverContainTheBody) {
    tcvod::field_error e = decode_error(R"({"code":"SECRET-VALUE","message":""})");
    EXPECT_EQ(e.message().find("SECRET"), std::string::npos);
}

// ---- encoder --------------------------------------------------------------------------

TEST(ResponseEncode, DocumentedShape) {
    tcvod::response r;
    r.code = 0;
    r.vod_task_id = "procedure-7a2229a8f1957bfce08ba733fbfd4a3c";
    std::string out = "stale";
    tcvod::encode_response(r, out);
    EXPECT_EQ(out, R"({"code":0,"message":"","vodTaskId":"procedure-7a2229a8f1957bfce08ba733fbfd4a3c"})");
    r.code = 4100;
    r.message = "鉴权失败 \"\\\n\x01";
    r.code_desc = "AuthFailure";
    r.vod_task_id.reset();
    tcvod::encode_response(r, out);
    EXPECT_EQ(out, "{\"code\":4100,\"message\":\"鉴权失败 \\\"\\\\\\n\\u0001\",\"codeDesc\":\"AuthFailure\"}");
}

TEST(ResponseEncode, ViewsEncodeLikeOwners) {
    tcvod::response_decoder decoder;
    const std::string body = read_body("error_4100_auth_failure.json");  // views need the body alive
    auto view = decoder.decode(body);
    ASSERT_TRUE(view);
    std::string from_view, from_owner;
    tcvod::encode_response(*view, from_view);
    tcvod::encode_response(tcvod::to_owned(*view), from_owner);
    EXPECT_EQ(from_view, from_owner);
}

std::string random_utf8(std::mt19937_64& rng) {
    static const char* const pieces[] = {"a",       "Z",        "0",
                                         " ",       "\"",       "\\",
                                         "/",       "\n",       "\t",
                                         "\x01",    "\x1f",     "\x7f",
                                         "é",       "不正确",   "\xF0\x9F\x98\x80",
                                         ",",       "}",        "]",
                                         "\\u0041", "(100004)", "\xEF\xBF\xBF",
                                         ""};
    std::string s;
    auto n = static_cast<std::size_t>(rng() % 12);  // size_t: 32 bits on armhf and i686
    for (std::size_t i = 0; i < n; ++i) {
        auto k = static_cast<std::size_t>(rng() % std::size(pieces));
        if (k + 1 == std::size(pieces))
            s.push_back('\0');
        else
            s += pieces[k];
    }
    return s;
}

TEST(ResponseEncode, DecodeOfEncodeIsIdentity) {
    std::mt19937_64 rng(20240601);
    tcvod::response_decoder decoder;
    std::string body;
    for (int i = 0; i < 5000; ++i) {
        tcvod::response r;
        switch (rng() % 4) {
        case 0: r.code = 0; break;
        case 1: r.code = static_cast<std::int64_t>(rng()); break;
        case 2: r.code = -static_cast<std::int64_t>(rng() % 100000); break;
        default: r.code = tcvod::vod_error_begin()[rng() % (tcvod::vod_error_end() - tcvod::vod_error_begin())].code;
        }
        r.message = random_utf8(rng);
        if (rng() % 2) r.code_desc = random_utf8(rng);
        if (rng() % 2) r.vod_task_id = random_utf8(rng);
        tcvod::encode_response(r, body);
        tcvod::response back;
        auto e = decoder.decode(body, back);
        ASSERT_EQ(e.code, errc::ok) << body << " -> " << e.message();
        ASSERT_EQ(back, r) << body;
    }
}

}  // namespace
