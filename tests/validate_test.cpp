// Every validation rule, with its code and wire field path.
#include "tcvod/validate.hpp"

#include "request_views.hpp"
#include "test_requests.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace {

using namespace tcvod_test;
using tcvod::errc;
using tcvod::input_type;

struct problem {
    errc code;
    std::string path;
    bool operator==(const problem& o) const { return code == o.code && path == o.path; }
};
std::ostream& operator<<(std::ostream& os, const problem& p) {
    return os << "{" << tcvod::to_string(p.code) << ", " << p.path << "}";
}

template <class Diagnostics>
std::vector<problem> listed(const Diagnostics& diag) {
    std::vector<problem> out;
    for (const auto& e : diag) out.push_back({e.code, std::string(e.path.view())});
    return out;
}

// Code and full message ("path: reason") of every problem, to compare forms.
template <class Diagnostics>
std::vector<std::string> described(const Diagnostics& diag) {
    std::vector<std::string> out;
    for (const auto& e : diag) out.push_back(std::to_string(static_cast<int>(e.code)) + " " + e.message());
    return out;
}

// The view form (request_views.hpp) must report exactly what the owning
// form reports; with room for one problem, the first, the rest counted.
template <class Owning, class View>
void expect_view_validates_the_same(const Owning& owning, const View& view, const tcvod::validation_options& opts) {
    tcvod::diagnostics expected, got;
    tcvod::validate(owning, opts, expected);
    tcvod::validate(view, opts, got);
    EXPECT_EQ(described(got), described(expected)) << "the view form validates differently";
    tcvod::basic_diagnostics<1> first;
    tcvod::validate(view, opts, first);
    EXPECT_EQ(first.size(), expected.empty() ? 0u : 1u);
    EXPECT_EQ(first.dropped(), expected.empty() ? 0u : expected.size() - 1);
    std::vector<std::string> first_expected = described(expected);
    first_expected.resize(expected.empty() ? 0 : 1);
    EXPECT_EQ(described(first), first_expected);
}

std::vector<problem> problems(const tcvod::run_procedure_request& r, bool lenient = false) {
    tcvod::diagnostics diag;
    tcvod::validation_options opts;
    opts.lenient = lenient;
    tcvod::validate(r, opts, diag);
    const request_view_storage view(r);
    expect_view_validates_the_same(r, view.request, opts);
    return listed(diag);
}

std::vector<problem> common_problems(const tcvod::common_parameters& c, bool lenient = false) {
    tcvod::diagnostics diag;
    tcvod::validation_options opts;
    opts.lenient = lenient;
    tcvod::validate(c, opts, diag);
    expect_view_validates_the_same(c, view_of(c), opts);
    return listed(diag);
}

using list = std::vector<problem>;

TEST(Validate, ApiPageExamplesAreValid) {
    EXPECT_EQ(problems(single_file_example()), list{});
    EXPECT_EQ(problems(multi_file_example()), list{});
    EXPECT_EQ(problems(stream_example_corrected()), list{});
    EXPECT_EQ(common_problems(doc_common()), list{});
}

TEST(Validate, ApiPageStreamExampleAsWrittenIsRejected) {
    auto r = stream_example_corrected();
    r.stream->end_time_stamp = 1502087638;  // the page's typo: end < start
    EXPECT_EQ(problems(r), (list{{errc::bad_order, "stream.endTimeStamp"}}));
    tcvod::diagnostics diag;
    tcvod::validate(r, {}, diag);
    EXPECT_EQ(diag[0].message(), "stream.endTimeStamp: must not be less than startTimeStamp");
    EXPECT_EQ(problems(r, /*lenient=*/true), list{});  // semantic check only
}

TEST(Validate, SingleFileNeedsFileId) {
    tcvod::run_procedure_request r;
    r.procedure = "P";
    EXPECT_EQ(problems(r), (list{{errc::missing_field, "file.id"}}));
    r.file = tcvod::file_clip{};
    EXPECT_EQ(problems(r), (list{{errc::missing_field, "file.id"}}));
    tcvod::diagnostics diag;
    tcvod::validate(r, {}, diag);
    EXPECT_EQ(diag[0].message(), "file.id: is required when inputType is SingleFile");
}

TEST(Validate, ForeignFieldsAreNamed) {
    auto r = multi_file_example();
    r.file = tcvod::file_clip{"1", std::nullopt, std::nullopt};
    r.stream = tcvod::stream_clip{"", 5, std::nullopt};
    r.stream_list.push_back({"s", std::nullopt, std::nullopt});
    r.pull = tcvod::pull_source{"http://x/y", "n", std::nullopt, std::nullopt};
    EXPECT_EQ(problems(r), (list{{errc::unexpected_field, "file.id"},
                                 {errc::unexpected_field, "stream.startTimeStamp"},
                                 {errc::unexpected_field, "streamList"},
                                 {errc::unexpected_field, "pull.url"}}));
    tcvod::diagnostics diag;
    tcvod::validate(r, {}, diag);
    EXPECT_EQ(diag[0].message(), "file.id: is not valid when inputType is MultiFile");
    auto s = single_file_example();
    s.file_list.push_back({"x", std::nullopt, std::nullopt});
    EXPECT_EQ(problems(s), (list{{errc::unexpected_field, "fileList"}}));
}

TEST(Validate, MultiFileEntriesByIndex) {
    auto r = multi_file_example();
    r.file_list.resize(5, tcvod::file_clip{"ok", std::nullopt, std::nullopt});
    r.file_list[3].id.clear();
    r.file_list[4].start_time_offset = 50;
    r.file_list[4].end_time_offset = 40;
    EXPECT_EQ(problems(r),
              (list{{errc::missing_field, "fileList.3.id"}, {errc::bad_order, "fileList.4.endTimeOffset"}}));
    r.file_list.clear();
    EXPECT_EQ(problems(r), (list{{errc::missing_field, "fileList.0.id"}}));
}

TEST(Validate, OffsetsMustBeRepresentable) {
    auto r = single_file_example();
    r.file->start_time_offset = std::numeric_limits<double>::quiet_NaN();
    r.file->end_time_offset = std::numeric_limits<double>::infinity();
    EXPECT_EQ(problems(r, true),
              (list{{errc::invalid_number, "file.startTimeOffset"}, {errc::invalid_number, "file.endTimeOffset"}}));
    r.file->start_time_offset = 1e300;
    r.file->end_time_offset = 1e-300;  // needs 300 zeros in fixed notation
    EXPECT_EQ(problems(r, true),
              (list{{errc::invalid_number, "file.startTimeOffset"}, {errc::invalid_number, "file.endTimeOffset"}}));
    r.file->start_time_offset = 10.25;
    r.file->end_time_offset = 10.25;  // equal is fine
    EXPECT_EQ(problems(r), list{});
}

TEST(Validate, StreamNeedsAllThree) {
    tcvod::run_procedure_request r;
    r.type = input_type::stream;
    r.procedure = "P";
    EXPECT_EQ(problems(r), (list{{errc::missing_field, "stream.streamId"},
                                 {errc::missing_field, "stream.startTimeStamp"},
                                 {errc::missing_field, "stream.endTimeStamp"}}));
    r.stream = tcvod::stream_clip{"s", std::nullopt, 5};
    EXPECT_EQ(problems(r), (list{{errc::missing_field, "stream.startTimeStamp"}}));
    r.stream->start_time_stamp = -1;
    EXPECT_EQ(problems(r), (list{{errc::out_of_range, "stream.startTimeStamp"}}));
}

TEST(Validate, MultiStreamTimestampsOptional) {
    tcvod::run_procedure_request r;
    r.type = input_type::multi_stream;
    r.procedure = "P";
    EXPECT_EQ(problems(r), (list{{errc::missing_field, "streamList.0.streamId"}}));
    r.stream_list = {{"a", std::nullopt, std::nullopt}, {"", 1, 2}, {"c", 9, 3}};
    EXPECT_EQ(problems(r),
              (list{{errc::missing_field, "streamList.1.streamId"}, {errc::bad_order, "streamList.2.endTimeStamp"}}));
}

TEST(Validate, PullFileRules) {
    tcvod::run_procedure_request r;
    r.type = input_type::pull_file;
    r.procedure = "P";
    EXPECT_EQ(problems(r), (list{{errc::missing_field, "pull.url"}, {errc::missing_field, "pull.fileName"}}));
    r.pull = tcvod::pull_source{"http://cloud.tencent.com/a.mp4", "name", "B3AE6ED07D9BF4EFEEB94ED2D37FF3E3", 7};
    EXPECT_EQ(problems(r), list{});
    r.pull->file_md5 = "b3ae6ed07d9bf4efeeb94ed2d37ff3e";  // 31
    EXPECT_EQ(problems(r), (list{{errc::invalid_md5, "pull.fileMd5"}}));
    r.pull->file_md5 = "g3ae6ed07d9bf4efeeb94ed2d37ff3e3";
    EXPECT_EQ(problems(r), (list{{errc::invalid_md5, "pull.fileMd5"}}));
    r.pull->file_md5.reset();
    r.pull->class_id = -1;
    EXPECT_EQ(problems(r), (list{{errc::out_of_range, "pull.classId"}}));
    EXPECT_EQ(problems(r, true), list{});
}

TEST(Validate, PullUrl) {
    for (const char* good :
         {"http://a", "https://cloud.tencent.com/v.mp4?a=1&b=2", "HTTP://host:8080/x#frag", "https://h/my video.mp4",
          "https://h/\xE8\xA7\x86\xE9\xA2\x91.mp4", "http://[::1]/x", "https://user@host/p"})
        EXPECT_TRUE(tcvod::is_pull_url(good)) << good;
    for (const char* bad :
         {"", "cloud.tencent.com/v.mp4", "/v.mp4", "ftp://host/v.mp4", "file:///etc/passwd", "http://", "http:///path",
          "https://host/\x01", "http://ho st/", "mailto:a@b", "https://host/%zz"})
        EXPECT_FALSE(tcvod::is_pull_url(bad)) << bad;
    // Longer than the stack buffer: the same answer from the heap path.
    EXPECT_TRUE(tcvod::is_pull_url("https://h/" + std::string(5000, 'a') + " " + std::string(600, '\xE9')));
    EXPECT_FALSE(tcvod::is_pull_url("ftp://h/" + std::string(5000, 'a')));
}

TEST(Validate, ProcedurePriorityNotify) {
    auto r = single_file_example();
    r.procedure.clear();
    r.priority = 11;
    EXPECT_EQ(problems(r), (list{{errc::missing_field, "procedure"}, {errc::out_of_range, "priority"}}));
    r.procedure = "P";
    for (std::int64_t p : {-10, 0, 10}) {
        r.priority = p;
        EXPECT_EQ(problems(r), list{});
    }
    r.priority = -11;
    EXPECT_EQ(problems(r), (list{{errc::out_of_range, "priority"}}));
    EXPECT_EQ(problems(r, true), list{});
}

TEST(Validate, CommonParameters) {
    tcvod::common_parameters c;
    EXPECT_EQ(
        common_problems(c),
        (list{{errc::missing_field, "Region"}, {errc::missing_field, "SecretId"}, {errc::out_of_range, "Nonce"}}));
    c = doc_common();
    c.token = "";
    c.sub_app_id = 0;
    c.timestamp = -5;
    EXPECT_EQ(
        common_problems(c),
        (list{{errc::empty_value, "Token"}, {errc::out_of_range, "Timestamp"}, {errc::out_of_range, "SubAppId"}}));
    EXPECT_EQ(common_problems(c, true), (list{{errc::empty_value, "Token"}}));
}

TEST(Validate, ErrorsConvertToStdErrorCode) {
    std::error_code ec = errc::missing_field;
    EXPECT_EQ(ec.category().name(), std::string("tcvod"));
    EXPECT_EQ(ec.message(), "required field is missing");
    EXPECT_TRUE(ec == errc::missing_field);
}

// ---- the view form, and exact offsets ----------------------------------------

using namespace tcvod::literals;

TEST(ValidateView, StaticArraysValidateLikeTheOwningForm) {
    static const tcvod::file_clip_view files[] = {{"14508071098244959037", 30_s, 100_s},
                                                  {"", std::nullopt, std::nullopt},
                                                  {"3", 50_s, 40.5_s},
                                                  {"4", tcvod::time_offset::invalid(), 10},
                                                  {"5", 1, 1}};
    static const tcvod::stream_clip_view streams[] = {{"s", 1, 2}};
    tcvod::run_procedure_request_view view;
    view.type = input_type::multi_file;
    view.file_list = files;
    view.stream_list = streams;  // foreign
    view.procedure = "P";
    view.priority = 11;
    tcvod::run_procedure_request owning;
    owning.type = input_type::multi_file;
    for (const auto& f : files) owning.file_list.push_back({std::string(f.id), f.start_time_offset, f.end_time_offset});
    owning.stream_list.push_back({"s", 1, 2});
    owning.procedure = "P";
    owning.priority = 11;
    const list expected = {{errc::unexpected_field, "streamList"},
                           {errc::missing_field, "fileList.1.id"},
                           {errc::bad_order, "fileList.2.endTimeOffset"},
                           {errc::invalid_number, "fileList.3.startTimeOffset"},
                           {errc::out_of_range, "priority"}};
    EXPECT_EQ(problems(owning), expected);
    tcvod::diagnostics diag;
    tcvod::validate(view, {}, diag);
    EXPECT_EQ(listed(diag), expected);
    expect_view_validates_the_same(owning, view, {});

    tcvod::common_parameters_view common{"gz", 1465185768, 11886, doc_secret_id, std::nullopt, std::nullopt, 0};
    tcvod::diagnostics common_diag;
    tcvod::validate(common, {}, common_diag);
    EXPECT_EQ(listed(common_diag), (list{{errc::out_of_range, "SubAppId"}}));
    common.token = std::string_view();
    common.region = std::string_view();
    common_diag.clear();
    tcvod::validate(common, {}, common_diag);
    EXPECT_EQ(listed(common_diag),
              (list{{errc::missing_field, "Region"}, {errc::empty_value, "Token"}, {errc::out_of_range, "SubAppId"}}));
}

TEST(ValidateView, EveryInputTypeOfTheDocumentedExamples) {
    for (const auto& r : {single_file_example(), multi_file_example(), stream_example_corrected()}) {
        const request_view_storage view(r);
        tcvod::diagnostics diag;
        tcvod::validate(view_of(doc_common()), view.request, {}, diag);
        EXPECT_TRUE(diag.empty()) << diag.first().message();
    }
    tcvod::run_procedure_request pull;
    pull.type = input_type::pull_file;
    pull.pull = tcvod::pull_source{"https://h/a b.mp4", "n", "not-md5", -3};
    pull.procedure = "P";
    EXPECT_EQ(problems(pull), (list{{errc::invalid_md5, "pull.fileMd5"}, {errc::out_of_range, "pull.classId"}}));
    pull.pull->url = "ftp://h/a";
    EXPECT_EQ(problems(pull, true), (list{{errc::invalid_url, "pull.url"}, {errc::invalid_md5, "pull.fileMd5"}}));
}

TEST(Validate, InvalidOffsetIsInvalidNumberWithItsPath) {
    auto r = single_file_example();
    r.file->start_time_offset = tcvod::time_offset::invalid();
    EXPECT_EQ(problems(r), (list{{errc::invalid_number, "file.startTimeOffset"}}));  // and no bad_order
    EXPECT_EQ(problems(r, /*lenient=*/true), (list{{errc::invalid_number, "file.startTimeOffset"}}));
    tcvod::diagnostics diag;
    tcvod::validate(r, {}, diag);
    EXPECT_EQ(diag[0].message(),
              "file.startTimeOffset: must be seconds with at most 6 decimal places, within +-9223372036854 s");
    r.file->start_time_offset = 10;
    r.file->end_time_offset = tcvod::time_offset::invalid();
    EXPECT_EQ(problems(r), (list{{errc::invalid_number, "file.endTimeOffset"}}));

    auto m = multi_file_example();
    m.file_list.resize(12, tcvod::file_clip{"x", std::nullopt, std::nullopt});
    m.file_list[2].end_time_offset = tcvod::time_offset::invalid();
    m.file_list[11].start_time_offset = tcvod::time_offset::invalid();
    m.file_list[11].end_time_offset = tcvod::time_offset::invalid();
    EXPECT_EQ(problems(m), (list{{errc::invalid_number, "fileList.2.endTimeOffset"},
                                 {errc::invalid_number, "fileList.11.startTimeOffset"},
                                 {errc::invalid_number, "fileList.11.endTimeOffset"}}));
}

TEST(Validate, OffsetsThatAreNotSixPlaceDecimalsAreInvalidNumbers) {
    auto r = single_file_example();
    r.file->start_time_offset = 1.0 / 3;
    r.file->end_time_offset = std::nullopt;
    EXPECT_EQ(problems(r), (list{{errc::invalid_number, "file.startTimeOffset"}}));
    r.file->start_time_offset = 0.1 + 0.2;  // 0.30000000000000004
    EXPECT_EQ(problems(r), (list{{errc::invalid_number, "file.startTimeOffset"}}));
    r.file->start_time_offset = 0.3;
    EXPECT_EQ(problems(r), list{});
    r.file->start_time_offset = 1e-7;
    EXPECT_EQ(problems(r, true), (list{{errc::invalid_number, "file.startTimeOffset"}}));
}

TEST(Validate, LargestOffsetIsAccepted) {
    const auto largest = tcvod::time_offset::from_microseconds(std::numeric_limits<std::int64_t>::max());
    ASSERT_TRUE(largest.valid());
    EXPECT_EQ(tcvod::parse_offset("9223372036854.775807"), largest);
    EXPECT_EQ(9223372036854.775807_s, largest);
    auto r = single_file_example();
    r.file->start_time_offset = largest;
    r.file->end_time_offset = largest;
    EXPECT_EQ(problems(r), list{});
    r.file->start_time_offset = tcvod::time_offset::from_microseconds(-std::numeric_limits<std::int64_t>::max());
    EXPECT_EQ(problems(r), list{});
    r.file->start_time_offset = largest;
    r.file->end_time_offset = tcvod::time_offset::from_microseconds(std::numeric_limits<std::int64_t>::max() - 1);
    EXPECT_EQ(problems(r), (list{{errc::bad_order, "file.endTimeOffset"}}));
    r.file->end_time_offset = tcvod::time_offset(tcvod::time_offset::max_whole_seconds);
    EXPECT_EQ(problems(r), (list{{errc::bad_order, "file.endTimeOffset"}}));
    r.file->end_time_offset = tcvod::time_offset(tcvod::time_offset::max_whole_seconds + 1);  // beyond: invalid
    EXPECT_EQ(problems(r), (list{{errc::invalid_number, "file.endTimeOffset"}}));
}

}  // namespace
