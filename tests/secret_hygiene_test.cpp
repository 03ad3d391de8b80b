// The SecretKey never reaches an output, an error message or an exception
// text, in any encoding; the SecretId is masked and a Token redacted in
// every fmt formatter; keyed HMAC state does not hold the key in the clear
// and is zero once destroyed; and the command-line tool (TCVOD_TOOL) keeps
// the key out of stdout and stderr on every path.
#include "tcvod/encode.hpp"
#include "tcvod/fmt.hpp"
#include "tcvod/query_decode.hpp"

#include "random_requests.hpp"
#include "test_requests.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <new>
#include <string>
#include <vector>

#ifndef _WIN32
#include <sys/wait.h>
#endif

namespace {

using namespace tcvod_test;

const std::string secret_key = "q7Zx3Lr9Tw2Vk8Pn4Hs6Jd1Fm5Gb0Yc/+=";

std::string base64(std::string_view bytes) {
    std::string out(tcvod::crypto::base64_encoded_size(bytes.size()), '\0');
    tcvod::crypto::base64_encode(bytes.data(), bytes.size(), &out[0]);
    return out;
}

std::string hex(std::string_view bytes) {
    static const char digits[] = "0123456789abcdef";
    std::string out;
    for (char ch : bytes) {
        auto c = static_cast<unsigned char>(ch);
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

/// Every 10-byte window of the key, raw, percent-encoded, as Base64 and as
/// hex: a partial leak counts as a leak.
std::vector<std::string> forbidden_forms(const std::string& secret) {
    std::vector<std::string> forms;
    for (std::size_t i = 0; i + 10 <= secret.size(); ++i) {
        std::string window = secret.substr(i, 10);
        forms.push_back(window);
        std::string encoded;
        tcvod::percent_encode_append(window, encoded);
        forms.push_back(encoded);
    }
    forms.push_back(base64(secret).substr(0, 12));
    forms.push_back(hex(secret).substr(0, 16));
    std::string upper_hex = hex(secret).substr(0, 16);
    for (auto& c : upper_hex) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    forms.push_back(upper_hex);
    return forms;
}

::testing::AssertionResult free_of_secret(const std::string& text) {
    static const std::vector<std::string> forms = forbidden_forms(secret_key);
    for (const auto& form : forms)
        if (text.find(form) != std::string::npos)
            return ::testing::AssertionFailure() << "contains a form of the secret key: " << form;
    return ::testing::AssertionSuccess();
}

// ---- keyed state in memory ---------------------------------------------------------

template <class T>
bool bytes_contain(const T& object, std::string_view needle) {
    std::string_view bytes(reinterpret_cast<const char*>(&object), sizeof object);
    return bytes.find(needle) != std::string_view::npos;
}

std::string xored(std::string text, unsigned char pad) {
    for (auto& c : text) c = static_cast<char>(static_cast<unsigned char>(c) ^ pad);
    return text;
}

TEST(SecretHygiene, SignerHoldsNoKeyMaterialInTheClear) {
    tcvod::signer s(secret_key);
    // Only hash states after the K0^ipad and K0^opad blocks: neither the key
    // nor the padded key blocks are stored.
    for (const auto& needle : {secret_key, xored(secret_key, 0x36), xored(secret_key, 0x5C)})
        EXPECT_FALSE(bytes_contain(s, needle.substr(0, 8)));
    std::string long_key(200, 'k');  // hashed first (RFC 2104)
    tcvod::signer long_signer(long_key);
    EXPECT_FALSE(bytes_contain(long_signer, std::string(8, 'k')));
}

template <class T, class... Args>
bool storage_is_zero_after_destruction(Args&&... args) {
    alignas(T) unsigned char storage[sizeof(T)];
    std::memset(storage, 0xA5, sizeof storage);
    T* object = new (storage) T(std::forward<Args>(args)...);
    object->~T();
    for (unsigned char byte : storage)
        if (byte != 0) return false;
    return true;
}

TEST(SecretHygiene, KeyedStatesAreWipedOnDestruction) {
    EXPECT_TRUE(storage_is_zero_after_destruction<tcvod::signer>(std::string_view(secret_key)));
    EXPECT_TRUE(storage_is_zero_after_destruction<tcvod::crypto::hmac_sha1>(secret_key.data(), secret_key.size()));
    EXPECT_TRUE(storage_is_zero_after_destruction<tcvod::crypto::hmac_sha256>(secret_key.data(), secret_key.size()));
    // A mid-message copy (what signing works on) is wiped too.
    alignas(tcvod::crypto::hmac_sha256) unsigned char storage[sizeof(tcvod::crypto::hmac_sha256)];
    tcvod::crypto::hmac_sha256 keyed(secret_key.data(), secret_key.size());
    auto* copy = new (storage) tcvod::crypto::hmac_sha256(keyed);
    copy->update("GETvod.api.qcloud.com/v2/index.php?", 35);
    copy->~hmac();
    for (unsigned char byte : storage) ASSERT_EQ(byte, 0);
}

TEST(SecretHygiene, SignerHasNoFormatter) {
    static_assert(!fmt::is_formattable<tcvod::signer>::value, "a signer must never be printable");
    static_assert(!fmt::is_formattable<tcvod::crypto::hmac_sha1>::value, "keyed state must never be printable");
    static_assert(fmt::is_formattable<tcvod::common_parameters>::value, "common parameters are printable");
    SUCCEED();
}

// ---- encoder outputs ---------------------------------------------------------------

TEST(SecretHygiene, NoEncoderOutputContainsTheKey) {
    tcvod::signer s(secret_key);
    request_generator gen(4242);
    std::string out;
    int checked = 0;
    for (int i = 0; i < 400; ++i) {
        auto request = i == 0 ? single_file_example() : gen.request();
        auto common = i == 0 ? doc_common() : gen.common();
        for (auto method : {tcvod::http_method::get, tcvod::http_method::post})
            for (auto form : {tcvod::output_form::url, tcvod::output_form::query, tcvod::output_form::body,
                              tcvod::output_form::string_to_sign}) {
                tcvod::encode_options opts;
                opts.where.method = method;
                opts.form = form;
                ASSERT_TRUE(tcvod::encode(request, common, s, opts, out));
                ASSERT_TRUE(free_of_secret(out)) << out;
                ++checked;
            }
    }
    EXPECT_EQ(checked, 400 * 8);
}

// ---- error messages and exception texts -------------------------------------------

// Values in the request are never echoed by errors (only field paths and
// static reasons), so nothing a caller puts in a field can leak that way.
TEST(SecretHygiene, ErrorsNeverEchoValues) {
    const std::string sentinel = "VALUE-SENTINEL-" + secret_key;
    tcvod::run_procedure_request r;
    r.type = tcvod::input_type::pull_file;
    r.pull = tcvod::pull_source{sentinel, "", sentinel, -1};
    r.file = tcvod::file_clip{sentinel, std::nullopt, std::nullopt};
    r.file_list = {{sentinel, 1.0, 0.5}};
    r.stream_list = {{sentinel, 5, 1}};
    r.priority = 99;
    auto common = doc_common();
    common.token = "";
    common.nonce = -1;

    tcvod::signer s(secret_key);
    std::string out;
    tcvod::diagnostics diag;
    auto result = tcvod::encode(r, common, s, {}, out, diag);
    ASSERT_FALSE(result);
    ASSERT_GE(diag.size(), 6u);
    std::string all = fmt::format("{}", diag);
    for (const auto& e : diag) all += e.message() + e.error_code().message();
    EXPECT_EQ(all.find("VALUE-SENTINEL"), std::string::npos) << all;
    EXPECT_TRUE(free_of_secret(all));
    EXPECT_TRUE(out.empty());  // nothing written for an invalid request
#if TCVOD_HAS_EXCEPTIONS
    try {
        (void)result.value();
        FAIL() << "value() of an error must throw";
    } catch (const tcvod::error& e) {
        std::string what = e.what();
        EXPECT_EQ(what.find("VALUE-SENTINEL"), std::string::npos) << what;
        EXPECT_TRUE(free_of_secret(what));
    }
#endif

    // The decoder: every malformed value is named by its key only. (The
    // sentinel's '+' reads as a space and its '/' and '=' are allowed raw.)
    std::string q = "Action=RunProcedure&Region=gz&Timestamp=" + sentinel + "&Nonce=x" + sentinel +
                    "&SecretId=AKIDexample&inputType=" + sentinel + "&notifyMode=" + sentinel +
                    "&priority=" + sentinel + "&SignatureMethod=" + sentinel + "&procedure=P";
    tcvod::query_parameters params;
    tcvod::diagnostics decode_diag;
    tcvod::decoded_request<tcvod::run_procedure_request> decoded;
    ASSERT_TRUE(params.parse(q, {}, decode_diag));
    EXPECT_FALSE(tcvod::decode_request(params, decoded, {}, decode_diag));
    ASSERT_FALSE(decode_diag.empty());
    std::string decode_text = fmt::format("{}", decode_diag);
    EXPECT_EQ(decode_text.find("VALUE-SENTINEL"), std::string::npos) << decode_text;
    EXPECT_TRUE(free_of_secret(decode_text));
}

// ---- fmt formatters ----------------------------------------------------------------

TEST(SecretHygiene, FormattersMaskTheSecretIdAndRedactTheToken) {
    request_generator gen(99);
    for (int i = 0; i < 200; ++i) {
        auto c = gen.common();
        c.secret_id = "AKID" + secret_key;
        c.token = secret_key;
        std::string text = fmt::format("{} {}", c, gen.request());
        EXPECT_TRUE(free_of_secret(text)) << text;
        EXPECT_EQ(text.find(c.secret_id), std::string::npos);
        EXPECT_NE(text.find("SecretId=AKID****/+="), std::string::npos) << text;
        EXPECT_NE(text.find("Token=<redacted>"), std::string::npos);
    }
}

// ---- the command-line tool ---------------------------------------------------------
// Run through a POSIX shell (std::system, WEXITSTATUS): not on Windows, where
// CI stage 28 runs tests/cli_test.py against the tool instead.
#ifndef _WIN32

struct tool_run {
    int exit_code = -1;
    std::string out, err;
};

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string shell_quote(const std::string& arg) {
    std::string q = "'";
    for (char c : arg) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

tool_run run_tool(const std::vector<std::string>& args, const std::string& stdin_text = "") {
    const char* tool = std::getenv("TCVOD_TOOL");
    std::string dir = ::testing::TempDir();
    std::string in = dir + "hygiene_in", out = dir + "hygiene_out", err = dir + "hygiene_err";
    std::ofstream(in, std::ios::binary) << stdin_text;
    std::string command = "TCVOD_SECRET_KEY=" + shell_quote(secret_key) + " " + shell_quote(tool);
    for (const auto& a : args) command += " " + shell_quote(a);
    command += " <" + shell_quote(in) + " >" + shell_quote(out) + " 2>" + shell_quote(err);
    int status = std::system(command.c_str());
    tool_run r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = read_file(out);
    r.err = read_file(err);
    return r;
}

TEST(SecretHygiene, ToolOutputsNeverContainTheKey) {
    if (!std::getenv("TCVOD_TOOL")) GTEST_SKIP() << "TCVOD_TOOL is not set (tools disabled)";
    const std::vector<std::string> common = {"--region",    "gz",         "--secret-id", doc_secret_id,
                                             "--timestamp", "1465185768", "--nonce",     "11886"};
    const std::vector<std::string> single = {"inputType=SingleFile", "file.id=12345", "procedure=P"};
    auto sign = [&](std::vector<std::string> extra, std::vector<std::string> pairs) {
        std::vector<std::string> args = {"sign"};
        args.insert(args.end(), common.begin(), common.end());
        args.insert(args.end(), extra.begin(), extra.end());
        args.insert(args.end(), pairs.begin(), pairs.end());
        return run_tool(args);
    };
    struct expectation {
        const char* what;
        tool_run run;
        int exit_code;
    };
    std::vector<expectation> runs;
    for (const char* form : {"url", "query", "body", "string-to-sign"})
        runs.push_back({form, sign({"--print", form, "--signature-method", "HmacSHA256"}, single), 0});
    auto body = sign({"--method", "POST", "--print", "body"}, single);
    runs.push_back({"invalid request", sign({}, {"inputType=MultiFile", "file.id=" + secret_key}), 2});
    runs.push_back({"unknown flag", run_tool({"sign", "--secret-key", secret_key}), 1});
    runs.push_back({"bad pair", sign({}, {"Signature=" + secret_key}), 1});
    runs.push_back({"verify ok", run_tool({"verify", "--method", "POST"}, body.out), 0});
    std::string tampered = body.out;
    tampered.replace(tampered.find("Nonce=11886"), 11, "Nonce=11887");
    runs.push_back({"verify mismatch", run_tool({"verify", "--method", "POST"}, tampered), 3});
    runs.push_back({"verify malformed", run_tool({"verify"}, "a=%zz&Signature=" + secret_key), 2});
    runs.push_back({"decode-response", run_tool({"decode-response"}, R"({"code":4100,"message":"x"})"), 3});
    runs.push_back({"decode-event", run_tool({"decode-event"}, "{"), 2});
    runs.push_back({"help", run_tool({"--help"}), 0});
    for (const auto& e : runs) {
        SCOPED_TRACE(e.what);
        EXPECT_EQ(e.run.exit_code, e.exit_code) << e.run.err;
        EXPECT_TRUE(free_of_secret(e.run.out)) << e.run.out;
        EXPECT_TRUE(free_of_secret(e.run.err)) << e.run.err;
    }
    EXPECT_EQ(body.exit_code, 0);
    EXPECT_FALSE(body.out.empty());
}

#endif  // _WIN32

}  // namespace
