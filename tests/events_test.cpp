#include "tcvod/events.hpp"
#include "tcvod/response_encode.hpp"

#include "allocation_counter.hpp"
#include "vectors.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

namespace {

using tcvod::errc;
using tcvod::task_type;

std::string read_body(const std::string& name) {
    std::ifstream in(tcvod_test::data_path("vectors/bodies/" + name), std::ios::binary);
    EXPECT_TRUE(in.good()) << name;
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

tcvod::event decode_event_ok(const std::string& body, tcvod::json_decode_options opts = {}) {
    tcvod::event_decoder decoder(opts);
    tcvod::event e;
    auto err = decoder.decode_event(body, e);
    EXPECT_EQ(err.code, errc::ok) << body << "\n-> " << err.message();
    return e;
}

void expect_event_error(const std::string& body, errc code, const std::string& path) {
    tcvod::event_decoder decoder;
    tcvod::event e;
    auto err = decoder.decode_event(body, e);
    EXPECT_EQ(err.code, code) << body << "\n-> " << err.message();
    EXPECT_EQ(err.path.view(), path) << body << "\n-> " << err.message();
}

void expect_pull_error(const std::string& body, errc code, const std::string& path) {
    tcvod::event_decoder decoder;
    tcvod::pull_event_response r;
    auto err = decoder.decode_pull_event_response(body, r);
    EXPECT_EQ(err.code, code) << body << "\n-> " << err.message();
    EXPECT_EQ(err.path.view(), path) << body << "\n-> " << err.message();
}

/// A 2.0 ProcedureStateChanged body around `data` members.
std::string psc(const std::string& data_members) {
    return R"({"version":"4.0","eventType":"ProcedureStateChanged","data":{"status":"FINISH")" +
           (data_members.empty() ? std::string() : "," + data_members) + "}}";
}

/// The same with one task in processTaskList.
std::string psc_task(const std::string& task_members) { return psc(R"("processTaskList":[{)" + task_members + "}]"); }

const tcvod::task& only_task(const tcvod::event& e) {
    static const tcvod::task none;
    if (!e.procedure_state || e.procedure_state->process_tasks.size() != 1) {
        ADD_FAILURE() << "expected exactly one task";
        return none;
    }
    return e.procedure_state->process_tasks[0];
}

// ---- §11.2: the full ProcedureStateChanged example ---------------------------------

TEST(EventExamples, ProcedureStateChangedEveryField) {
    auto e = decode_event_ok(read_body("procedure_state_changed_2_0.json"));
    EXPECT_EQ(e.format, tcvod::event_format::v2);
    EXPECT_EQ(e.version, "4.0");
    EXPECT_EQ(e.event_type, "ProcedureStateChanged");
    EXPECT_TRUE(e.data_json.empty());
    EXPECT_FALSE(e.procedure_state_v3);
    ASSERT_TRUE(e.procedure_state);
    const auto& d = *e.procedure_state;
    EXPECT_EQ(d.vod_task_id, "251000333-xxx-25f5aac63");
    EXPECT_EQ(d.status, tcvod::procedure_status::processing);
    EXPECT_EQ(d.err_code, 0);
    EXPECT_EQ(d.message, "");
    EXPECT_EQ(d.file_id, "123123123");

    ASSERT_TRUE(d.meta_data);
    const auto& m = *d.meta_data;
    EXPECT_EQ(m.size, 10556);
    EXPECT_EQ(m.container, "m4a");
    EXPECT_EQ(m.bitrate, 246035);
    EXPECT_EQ(m.height, 480);
    EXPECT_EQ(m.width, 640);
    EXPECT_EQ(m.md5, "b3ae6ed07d9bf4efeeb94ed2d37ff3e3");
    EXPECT_EQ(m.duration, 3601.0);
    EXPECT_FALSE(m.rotate);
    ASSERT_EQ(m.video_streams.size(), 1u);
    EXPECT_EQ(m.video_streams[0], (tcvod::video_stream{246000, 480, 640, std::string("h264"), 22.0}));
    ASSERT_EQ(m.audio_streams.size(), 1u);
    EXPECT_EQ(m.audio_streams[0], (tcvod::audio_stream{35, 44100, std::string("aac")}));

    ASSERT_TRUE(d.drm);
    EXPECT_EQ(d.drm->definition, 10);
    EXPECT_EQ(d.drm->get_key_url, "https://123.xxx.com/getkey");
    EXPECT_EQ(d.drm->key_source, "VodBuildInKMS");
    EXPECT_EQ(d.drm->edk_list, std::vector<std::string>{"232abc30"});

    ASSERT_EQ(d.content_reviews.size(), 1u);
    const auto& porn = d.content_reviews[0];
    EXPECT_EQ(porn.type, task_type::porn);
    EXPECT_EQ(porn.status, tcvod::task_status::success);
    EXPECT_EQ(porn.input->definition, 10);
    ASSERT_TRUE(porn.output);
    EXPECT_EQ(porn.output->confidence, 98.0);
    EXPECT_EQ(porn.output->suggestion, "block");
    ASSERT_EQ(porn.output->segments.size(), 2u);
    EXPECT_EQ(porn.output->segments[1].start_time_offset, 120.0);
    EXPECT_EQ(porn.output->segments[1].end_time_offset, 130.0);
    EXPECT_EQ(porn.output->segments[1].confidence, 54.0);
    EXPECT_EQ(porn.output->segments[1].suggestion, "review");
    EXPECT_EQ(porn.output->segments[1].url, "http://xxx.vod2.myqcluod.com/xxx/xxx/xx.jpg");  // the doc's typo, kept
    EXPECT_EQ(porn.output->segments[1].pic_url_expire_time_stamp, 1530005146);

    ASSERT_EQ(d.ai_analyses.size(), 2u);
    EXPECT_EQ(d.ai_analyses[0].type, task_type::classification);
    ASSERT_EQ(d.ai_analyses[0].output->classifications.size(), 2u);
    EXPECT_EQ(d.ai_analyses[0].output->classifications[0].classification, "军事");
    EXPECT_EQ(d.ai_analyses[0].output->classifications[1].confidence, 98.7);
    EXPECT_EQ(d.ai_analyses[1].type, task_type::tag);
    ASSERT_EQ(d.ai_analyses[1].output->tags.size(), 3u);
    EXPECT_EQ(d.ai_analyses[1].output->tags[2].tag, "海洋");
    EXPECT_EQ(d.ai_analyses[1].output->tags[2].confidence, 88.5);

    const auto& t = d.process_tasks;
    ASSERT_EQ(t.size(), 7u);
    EXPECT_EQ(t[0].type, task_type::transcode);
    EXPECT_EQ(t[0].status, tcvod::task_status::processing);
    EXPECT_EQ(t[0].input->definition, 10);
    EXPECT_EQ(t[0].input->watermark, 1);
    EXPECT_FALSE(t[0].output);

    EXPECT_EQ(t[1].type, task_type::transcode);
    EXPECT_EQ(t[1].status, tcvod::task_status::success);
    ASSERT_TRUE(t[1].output);
    EXPECT_EQ(t[1].output->url, "http://125xx.vod2.myqcloud.com/xxx/xxx/f20.mp4");
    EXPECT_EQ(t[1].output->media.size, 10556);
    EXPECT_EQ(t[1].output->media.duration, 3601.0);
    EXPECT_EQ(t[1].output->media.video_streams.at(0).fps, 222.0);  // Q10: the example's value
    EXPECT_EQ(t[1].output->media.audio_streams.at(0).sampling_rate, 44100);

    EXPECT_EQ(t[2].type, task_type::animated_graphics);
    EXPECT_EQ(t[2].input->definition, 20000);
    EXPECT_EQ(t[2].input->start_time, 10);
    EXPECT_EQ(t[2].input->end_time, 15);
    EXPECT_EQ(t[2].output->url, "http://125xx.vod2.myqcloud.com/xxx/xxx/f20000.gif");
    EXPECT_EQ(t[2].output->media.container, "gif");
    EXPECT_EQ(t[2].output->fps, 2.0);

    EXPECT_EQ(t[3].type, task_type::sample_snapshot);
    ASSERT_EQ(t[3].output->image_urls.size(), 4u);
    EXPECT_EQ(t[3].output->image_urls[2], "...");  // a literal placeholder in the doc

    EXPECT_EQ(t[4].type, task_type::cover_by_snapshot);
    EXPECT_EQ(t[4].input->position, 10.0);
    EXPECT_EQ(t[4].input->position_type, "Percent");
    EXPECT_EQ(t[4].output->image_url,
              std::vector<std::string>{"http://125xx.vod2.myqcloud.com/xxx/xxx/shotup/xx1.png"});

    EXPECT_EQ(t[5].type, task_type::snapshot_by_time_offset);
    EXPECT_EQ(t[5].input->time_offset, (std::vector<std::int64_t>{300, 400}));
    ASSERT_EQ(t[5].output->img_info.size(), 2u);
    EXPECT_EQ(t[5].output->img_info[1].time_offset, 400);
    EXPECT_EQ(t[5].output->img_info[1].url, "http://125xx.vod2.myqcloud.com/xxx/xxx/snapshot/xxx.100_400.jpg");

    EXPECT_EQ(t[6].type, task_type::image_sprites);
    EXPECT_EQ(t[6].message, "SUCCESS");
    EXPECT_EQ(t[6].output->total_count, 106);
    EXPECT_EQ(t[6].output->url_list.size(), 2u);
    EXPECT_EQ(t[6].output->web_vtt_url, "http://125xx.vod2.myqcloud.com/xxx/xxx/xx_xx.vtt");
}

// ---- §11.3: PullEvent --------------------------------------------------------------

TEST(EventExamples, PullEventResponse) {
    tcvod::event_decoder decoder;
    tcvod::pull_event_response r;
    auto err = decoder.decode_pull_event_response(read_body("pull_event_response.json"), r);
    ASSERT_EQ(err.code, errc::ok) << err.message();
    EXPECT_EQ(r.code, 0);
    EXPECT_EQ(r.message, "");
    ASSERT_EQ(r.events.size(), 2u);
    EXPECT_EQ(r.events[0].msg_handle, "MsgHandle1");
    EXPECT_EQ(r.events[0].content.format, tcvod::event_format::v2);
    EXPECT_EQ(r.events[0].content.version, "4.0");
    EXPECT_EQ(r.events[0].content.event_type, "NewFileUpload");
    EXPECT_FALSE(r.events[0].content.procedure_state);
    EXPECT_EQ(
        r.events[0].content.data_json,
        R"({"fileId":"14508071098244959037","fileUrl":"http://251000330.vod2.myqcloud.com/vod251000330/14508071098244959037/f0.flv",)"
        R"("transcodeTaskId":"transcode-0bee89b07a248e27c83fc3d5951213c1","porncheckTaskId":"porncheck-f5ac8127b3b6b85cdc13f237c6005d80"})");
    EXPECT_EQ(r.events[1].msg_handle, "MsgHandle2");
    EXPECT_EQ(r.events[1].content.event_type, "ConcatComplete");
    EXPECT_EQ(r.events[1].content.data_json.substr(0, 23),
              R"({"status":0,"message":")");  // Q9: status is an Integer here
}

TEST(EventExamples, PullEventResponseWithNumericVersion) {
    tcvod::event_decoder decoder;
    tcvod::pull_event_response r;
    auto err = decoder.decode_pull_event_response(read_body("pull_event_response_version_number.json"), r);
    ASSERT_EQ(err.code, errc::ok) << err.message();
    ASSERT_EQ(r.events.size(), 2u);
    EXPECT_EQ(r.events[0].content.version, "4.0");
    EXPECT_EQ(r.events[1].content.version, "4");  // Q8
}

TEST(EventExamples, ProcedureStateChangedIn3Layout) {
    auto e = decode_event_ok(read_body("procedure_state_changed_3_0.json"));
    EXPECT_EQ(e.format, tcvod::event_format::v3);
    EXPECT_EQ(e.event_type, "ProcedureStateChanged");
    EXPECT_FALSE(e.procedure_state);
    ASSERT_TRUE(e.procedure_state_v3);
    EXPECT_EQ(e.procedure_state_v3->task_id, "1400000001-Procedure-0123456789abcdef0123456789abcdef");
    EXPECT_EQ(e.procedure_state_v3->status, tcvod::procedure_status::finish);
    EXPECT_EQ(e.procedure_state_v3->err_code, 0);
    EXPECT_EQ(e.procedure_state_v3->file_id, "5285890784246869930");
    EXPECT_EQ(e.procedure_state_v3->file_name, "测试 video");
    EXPECT_EQ(e.procedure_state_v3->file_url, "https://1400000001.vod2.myqcloud.com/xxx/xxx/f0.mp4");
}

TEST(EventExamples, OtherThreeZeroEventsAreDetected) {
    auto e = decode_event_ok(R"({"EventType":"NewFileUpload","FileUploadEvent":{"FileId":"1","MediaBasicInfo":{}}})");
    EXPECT_EQ(e.format, tcvod::event_format::v3);
    EXPECT_EQ(e.event_type, "NewFileUpload");
    EXPECT_FALSE(e.procedure_state_v3);
}

TEST(EventExamples, DecodeAnyTellsTheBodiesApart) {
    tcvod::event_decoder decoder;
    tcvod::pull_event_response r;
    auto kind = decoder.decode_any(read_body("pull_event_response.json"), r);
    ASSERT_TRUE(kind) << kind.error().message();
    EXPECT_EQ(*kind, tcvod::event_body_kind::pull_event_response);
    EXPECT_EQ(r.events.size(), 2u);

    kind = decoder.decode_any(read_body("procedure_state_changed_2_0.json"), r);
    ASSERT_TRUE(kind) << kind.error().message();
    EXPECT_EQ(*kind, tcvod::event_body_kind::callback);
    ASSERT_EQ(r.events.size(), 1u);
    EXPECT_EQ(r.events[0].msg_handle, "");
    EXPECT_EQ(r.events[0].content, decode_event_ok(read_body("procedure_state_changed_2_0.json")));

    kind = decoder.decode_any(read_body("procedure_state_changed_3_0.json"), r);
    ASSERT_TRUE(kind);
    EXPECT_EQ(*kind, tcvod::event_body_kind::callback);
    EXPECT_EQ(r.events.at(0).content.format, tcvod::event_format::v3);

    kind = decoder.decode_any(R"({"message":"x","code":4000,"codeDesc":"InvalidParameter"})", r);
    ASSERT_TRUE(kind);
    EXPECT_EQ(*kind, tcvod::event_body_kind::pull_event_response);
    EXPECT_EQ(r.code, 4000);
    EXPECT_TRUE(r.events.empty());

    kind = decoder.decode_any("{}", r);
    ASSERT_FALSE(kind);
    EXPECT_EQ(kind.error().code, errc::missing_field);
    EXPECT_EQ(kind.error().path.view(), "eventType");
    kind = decoder.decode_any(R"({"eventList":[]})", r);
    ASSERT_FALSE(kind);
    EXPECT_EQ(kind.error().path.view(), "code");
}

// ---- type drift (§9 Q8-Q12) --------------------------------------------------------

TEST(EventDrift, VersionAsStringOrNumber) {
    EXPECT_EQ(decode_event_ok(R"({"version":4,"eventType":"X"})").version, "4");
    EXPECT_EQ(decode_event_ok(R"({"version":4.0,"eventType":"X"})").version, "4.0");
    EXPECT_EQ(decode_event_ok(R"({"version":"4.0","eventType":"X"})").version, "4.0");
    expect_event_error(R"({"version":true,"eventType":"X"})", errc::wrong_type, "version");
    expect_event_error(R"({"version":null,"eventType":"X"})", errc::wrong_type, "version");
}

TEST(EventDrift, CoverImageUrlAsStringOrArray) {
    auto one = only_task(
        decode_event_ok(psc_task(R"("taskType":"CoverBySnapshot","status":"SUCCESS","output":{"imageUrl":"a"})")));
    EXPECT_EQ(one.output->image_url, std::vector<std::string>{"a"});
    auto two = only_task(decode_event_ok(
        psc_task(R"("taskType":"CoverBySnapshot","status":"SUCCESS","output":{"imageUrl":["a","b"]})")));
    EXPECT_EQ(two.output->image_url, (std::vector<std::string>{"a", "b"}));
    expect_event_error(psc_task(R"("taskType":"CoverBySnapshot","status":"SUCCESS","output":{"imageUrl":[1]})"),
                       errc::wrong_type, "data.processTaskList.0.output.imageUrl.0");
}

TEST(EventDrift, PullFileMd5AndFileSizeAsNumbersOrStrings) {
    auto t = only_task(decode_event_ok(psc_task(
        R"("taskType":"PullFile","status":"SUCCESS","input":{"url":"http://x/a.mp4","fileName":"a","md5":12345},)"
        R"("output":{"fileId":14508071098244959037,"fileSize":10556,"url":"http://y/a.mp4"})")));
    EXPECT_EQ(t.type, task_type::pull_file);
    EXPECT_EQ(t.input->md5, "12345");
    EXPECT_EQ(t.input->file_name, "a");
    EXPECT_EQ(t.output->file_id, "14508071098244959037");  // a 20-digit number kept exactly
    EXPECT_EQ(t.output->file_size, "10556");
    auto s = only_task(decode_event_ok(psc_task(
        R"("taskType":"PullFile","status":"SUCCESS","input":{"md5":"b3ae6ed07d9bf4efeeb94ed2d37ff3e3"},"output":{"fileSize":"10556"})")));
    EXPECT_EQ(s.input->md5, "b3ae6ed07d9bf4efeeb94ed2d37ff3e3");
    EXPECT_EQ(s.output->file_size, "10556");
}

TEST(EventDrift, VodTaskIdIsOptional) {
    auto e = decode_event_ok(psc(""));
    EXPECT_FALSE(e.procedure_state->vod_task_id);
    EXPECT_EQ(e.procedure_state->status, tcvod::procedure_status::finish);
}

TEST(EventDrift, BothSpriteNames) {
    auto old_name = only_task(decode_event_ok(psc_task(
        R"("taskType":"ImageSprite","status":"SUCCESS","output":{"imageUrls":["a.png"],"webVttUrl":"a.vtt"})")));
    EXPECT_EQ(old_name.type, task_type::image_sprite);
    EXPECT_EQ(old_name.output->image_urls, std::vector<std::string>{"a.png"});
    auto new_name = only_task(decode_event_ok(
        psc_task(R"("taskType":"ImageSprites","status":"SUCCESS","output":{"urlList":["a.png"],"totalCount":"1"})")));
    EXPECT_EQ(new_name.type, task_type::image_sprites);
    EXPECT_EQ(new_name.output->total_count, 1);
}

TEST(EventDrift, NumbersAsStringsOrIntegralFractions) {
    auto t = only_task(decode_event_ok(psc_task(
        R"("taskType":"Transcode","status":"FAIL","errCode":"30010","message":"system",)"
        R"("input":{"definition":"20","watermark":1.0,"mosaicList":[{"width":"10%","height":20,"left":"0","top":0,)"
        R"("startTimeOffset":"1.5","endTimeOffset":10}]},"output":null)")));
    EXPECT_EQ(t.status, tcvod::task_status::fail);
    EXPECT_EQ(t.err_code, 30010);
    EXPECT_EQ(t.input->definition, 20);
    EXPECT_EQ(t.input->watermark, 1);
    ASSERT_EQ(t.input->mosaic_list.size(), 1u);
    EXPECT_EQ(t.input->mosaic_list[0].width, "10%");
    EXPECT_EQ(t.input->mosaic_list[0].height, "20");
    EXPECT_EQ(t.input->mosaic_list[0].start_time_offset, 1.5);
    EXPECT_FALSE(t.output);
    auto e = decode_event_ok(psc(R"("errCode":"0","metaData":{"duration":3601.5,"videoStreamList":[{"fps":29.97}]})"));
    EXPECT_EQ(e.procedure_state->meta_data->duration, 3601.5);
    EXPECT_EQ(e.procedure_state->meta_data->video_streams.at(0).fps, 29.97);
}

TEST(EventDrift, NullsMeanAbsent) {
    auto e = decode_event_ok(psc(R"("vodTaskId":null,"message":null,"fileId":null,"metaData":null,"drm":null,)"
                                 R"("processTaskList":null,"contentReviewList":null,"aIAnalysisList":null)"));
    const auto& d = *e.procedure_state;
    EXPECT_FALSE(d.vod_task_id);
    EXPECT_EQ(d.message, "");
    EXPECT_FALSE(d.meta_data);
    EXPECT_TRUE(d.process_tasks.empty());
}

TEST(EventDrift, UnknownTaskTypesAreKept) {
    auto t = only_task(decode_event_ok(psc_task(R"("taskType":"Ocr","status":"SUCCESS","input":{"definition":1})")));
    EXPECT_EQ(t.type, task_type::other);
    EXPECT_EQ(t.other_type, "Ocr");
    EXPECT_EQ(t.type_name(), "Ocr");
}

TEST(EventDrift, MembersInAnyOrder) {
    // `data` before `eventType`: kept, then decoded once the type is known.
    auto e = decode_event_ok(
        R"({"data":{"fileId":"1","status":"FINISH","processTaskList":[{"status":"SUCCESS",)"
        R"("output":{"imageUrl":"u"},"taskType":"CoverBySnapshot"}]},"eventType":"ProcedureStateChanged","version":"4.0"})");
    ASSERT_TRUE(e.procedure_state);
    EXPECT_TRUE(e.data_json.empty());
    EXPECT_EQ(e.procedure_state->file_id, "1");
    EXPECT_EQ(only_task(e).type, task_type::cover_by_snapshot);
    // Errors found in the kept `data` still name the field.
    expect_event_error(R"({"data":{"status":"DONE"},"eventType":"ProcedureStateChanged","version":"4.0"})",
                       errc::invalid_value, "data.status");
    expect_event_error(R"({"data":{"status":"FINISH","processTaskList":[{"taskType":"Transcode","status":"SUCCESS",)"
                       R"("input":{"definition":true}}]},"eventType":"ProcedureStateChanged","version":"4.0"})",
                       errc::wrong_type, "data.processTaskList.0.input.definition");
}

TEST(EventDrift, EventContentAsAJsonString) {
    tcvod::event_decoder decoder;
    tcvod::pull_event_response r;
    auto err = decoder.decode_pull_event_response(
        R"({"code":0,"message":"","eventList":[{"msgHandle":"h","eventContent":"{\"version\":\"4.0\",\"eventType\":\"ProcedureStateChanged\",\"data\":{\"status\":\"FINISH\",\"fileId\":\"\u4e0d\"}}"}]})",
        r);
    ASSERT_EQ(err.code, errc::ok) << err.message();
    ASSERT_EQ(r.events.size(), 1u);
    EXPECT_EQ(r.events[0].content.procedure_state->file_id, "不");
    err = decoder.decode_pull_event_response(
        R"({"code":0,"message":"","eventList":[{"msgHandle":"h","eventContent":"{\"version\":1}"}]})", r);
    EXPECT_EQ(err.code, errc::missing_field);
    EXPECT_EQ(err.path.view(), "eventList.0.eventContent.eventType");
    err = decoder.decode_pull_event_response(
        R"({"code":0,"message":"","eventList":[{"msgHandle":"h","eventContent":"{\"version\":"}]})", r);
    EXPECT_EQ(err.code, errc::invalid_json);
    EXPECT_EQ(err.path.view().substr(0, 24), "eventList.0.eventContent");
}

// ---- errors name the field ---------------------------------------------------------

TEST(EventErrors, RequiredMembers) {
    expect_event_error(R"({"version":"4.0"})", errc::missing_field, "eventType");
    expect_event_error(R"({"eventType":"X"})", errc::missing_field, "version");
    expect_event_error(R"({"version":"4.0","eventType":"ProcedureStateChanged"})", errc::missing_field, "data");
    expect_event_error(R"({"version":"4.0","eventType":"ProcedureStateChanged","data":null})", errc::missing_field,
                       "data");
    expect_event_error(R"({"version":"4.0","eventType":"ProcedureStateChanged","data":{}})", errc::missing_field,
                       "data.status");
    expect_event_error(psc_task(R"("status":"SUCCESS")"), errc::missing_field, "data.processTaskList.0.taskType");
    expect_event_error(psc_task(R"("taskType":"Transcode")"), errc::missing_field, "data.processTaskList.0.status");
    expect_event_error(R"({"EventType":"ProcedureStateChanged"})", errc::missing_field, "ProcedureStateChangeEvent");
    expect_event_error(R"({"EventType":"ProcedureStateChanged","ProcedureStateChangeEvent":{"Status":"FINISH"}})",
                       errc::missing_field, "ProcedureStateChangeEvent.TaskId");
    expect_event_error(R"({"ProcedureStateChangeEvent":{"TaskId":"t","Status":"FINISH"}})", errc::missing_field,
                       "EventType");
}

TEST(EventErrors, EnumeratedValues) {
    expect_event_error(psc_task(R"("taskType":"Transcode","status":"DONE")"), errc::invalid_value,
                       "data.processTaskList.0.status");
    expect_event_error(R"({"version":"4.0","eventType":"ProcedureStateChanged","data":{"status":"SUCCESS"}})",
                       errc::invalid_value, "data.status");
    expect_event_error(R"({"EventType":"ProcedureStateChanged","ProcedureStateChangeEvent":{"TaskId":"t","Status":0}})",
                       errc::wrong_type, "ProcedureStateChangeEvent.Status");
}

TEST(EventErrors, WrongTypes) {
    expect_event_error(R"({"version":"4.0","eventType":5})", errc::wrong_type, "eventType");
    expect_event_error(psc(R"("processTaskList":{})"), errc::wrong_type, "data.processTaskList");
    expect_event_error(psc(R"("processTaskList":[5])"), errc::wrong_type, "data.processTaskList.0");
    expect_event_error(psc(R"("metaData":[])"), errc::wrong_type, "data.metaData");
    expect_event_error(psc(R"("metaData":{"size":"abc"}})"), errc::invalid_number, "data.metaData.size");
    expect_event_error(psc(R"("metaData":{"size":1.5}})"), errc::invalid_number, "data.metaData.size");
    expect_event_error(psc(R"("metaData":{"size":1e30}})"), errc::out_of_range, "data.metaData.size");
    expect_event_error(psc(R"("metaData":{"size":99999999999999999999}})"), errc::out_of_range, "data.metaData.size");
    expect_event_error(psc(R"("metaData":{"duration":1e999}})"), errc::out_of_range, "data.metaData.duration");
    expect_event_error(psc(R"("metaData":{"videoStreamList":[{"codec":264}]}})"), errc::wrong_type,
                       "data.metaData.videoStreamList.0.codec");
    expect_event_error(psc(R"("drm":{"edkList":"x"})"), errc::wrong_type, "data.drm.edkList");
    expect_event_error(psc(R"("fileId":{})"), errc::wrong_type, "data.fileId");
    expect_event_error(psc(R"("errCode":"x")"), errc::invalid_number, "data.errCode");
    expect_event_error(psc_task(R"("taskType":"Transcode","status":"SUCCESS","input":{"definition":true})"),
                       errc::wrong_type, "data.processTaskList.0.input.definition");
    expect_event_error(
        psc_task(R"("taskType":"SnapshotByTimeOffset","status":"SUCCESS","input":{"timeOffset":[1,"x"]})"),
        errc::invalid_number, "data.processTaskList.0.input.timeOffset.1");
    expect_event_error(
        psc_task(R"("taskType":"Tag","status":"SUCCESS","output":{"tags":[{"tag":"a","confidence":[]}]})"),
        errc::wrong_type, "data.processTaskList.0.output.tags.0.confidence");
    expect_event_error(psc_task(R"("taskType":"Transcode","status":"SUCCESS","input":7)"), errc::wrong_type,
                       "data.processTaskList.0.input");
    expect_event_error("[]", errc::wrong_type, "");
}

TEST(EventErrors, DuplicatesAndMixedLayouts) {
    expect_event_error(R"({"version":"4.0","eventType":"X","eventType":"Y"})", errc::duplicate_key, "eventType");
    expect_event_error(psc(R"("status":"PROCESSING")"), errc::duplicate_key, "data.status");
    expect_event_error(R"({"version":"4.0","eventType":"X","EventType":"X"})", errc::invalid_value, "");
}

TEST(EventErrors, PullEventResponses) {
    expect_pull_error(R"({"message":"","eventList":[]})", errc::missing_field, "code");
    expect_pull_error(R"({"code":0,"eventList":[]})", errc::missing_field, "message");
    expect_pull_error(R"({"code":0,"message":"","eventList":{}})", errc::wrong_type, "eventList");
    expect_pull_error(R"({"code":0,"message":"","eventList":[{"eventContent":{"version":"4.0","eventType":"X"}}]})",
                      errc::missing_field, "eventList.0.msgHandle");
    expect_pull_error(R"({"code":0,"message":"","eventList":[{"msgHandle":"h"}]})", errc::missing_field,
                      "eventList.0.eventContent");
    expect_pull_error(R"({"code":0,"message":"","eventList":[{"msgHandle":1,"eventContent":{}}]})", errc::wrong_type,
                      "eventList.0.msgHandle");
    expect_pull_error(R"({"code":0,"message":"","eventList":[{"msgHandle":"h","eventContent":5}]})", errc::wrong_type,
                      "eventList.0.eventContent");
    expect_pull_error(R"({"code":0,"message":"","eventList":[{"msgHandle":"h","eventContent":{"version":"4.0",)"
                      R"("eventType":"ProcedureStateChanged","data":{"status":"X"}}}]})",
                      errc::invalid_value, "eventList.0.eventContent.data.status");
    expect_pull_error(R"({"code":"x","message":""})", errc::invalid_number, "code");
}

TEST(EventErrors, PullEventResponseWithoutEvents) {
    tcvod::event_decoder decoder;
    tcvod::pull_event_response r;
    ASSERT_EQ(
        decoder.decode_pull_event_response(R"({"code":"4000","message":"expired","codeDesc":"InvalidParameter"})", r)
            .code,
        errc::ok);
    EXPECT_EQ(r.code, 4000);
    EXPECT_EQ(r.code_desc, "InvalidParameter");
    EXPECT_TRUE(r.events.empty());
    ASSERT_EQ(decoder.decode_pull_event_response(R"({"code":0,"message":"","eventList":null})", r).code, errc::ok);
    EXPECT_TRUE(r.events.empty());
}

// ---- malformed bodies -------------------------------------------------------------

TEST(EventMalformed, EveryTruncationIsAnError) {
    std::string body = read_body("procedure_state_changed_2_0.json");
    while (!body.empty() && (body.back() == '\n' || body.back() == ' ')) body.pop_back();
    tcvod::event_decoder decoder;
    tcvod::event e;
    for (std::size_t n = 0; n < body.size(); ++n) {
        auto err = decoder.decode_event(std::string_view(body.data(), n), e);
        ASSERT_NE(err.code, errc::ok) << n;
    }
    EXPECT_EQ(decoder.decode_event(body, e).code, errc::ok);
    std::string pull = read_body("pull_event_response.json");
    tcvod::pull_event_response r;
    for (std::size_t n = 0; n + 2 < pull.size(); ++n)
        ASSERT_NE(decoder.decode_pull_event_response(std::string_view(pull.data(), n), r).code, errc::ok) << n;
}

TEST(EventMalformed, EmptyUtf8AndDepth) {
    expect_event_error("", errc::empty_input, "");
    expect_event_error("{\"version\":\"4.0\",\"eventType\":\"\xc0\xaf\"}", errc::invalid_utf8, "");
    std::string deep =
        R"({"version":"4.0","eventType":"X","data":)" + std::string(70, '[') + std::string(70, ']') + "}";
    tcvod::event_decoder decoder;
    tcvod::event e;
    EXPECT_EQ(decoder.decode_event(deep, e).code, errc::too_deep);
    std::string deep_task = psc(R"("processTaskList":[{"taskType":"Transcode","status":"SUCCESS","input":{"x":)" +
                                std::string(100000, '[') + std::string(100000, ']') + "}}]");
    EXPECT_EQ(decoder.decode_event(deep_task, e).code, errc::too_deep);
}

TEST(EventMalformed, StrictAndLenientTrailingCommas) {
    std::string body = R"({"version":"4.0","eventType":"X","data":{"a":[1,],},})";
    expect_event_error(body, errc::trailing_comma, "data.a.1");
    tcvod::json_decode_options lenient;
    lenient.lenient = true;
    auto e = decode_event_ok(body, lenient);
    EXPECT_EQ(e.data_json, R"({"a":[1]})");
}

// ---- reuse and round trips --------------------------------------------------------

TEST(EventReuse, DecodingIntoTheSameStructResetsIt) {
    tcvod::event_decoder decoder;
    tcvod::event e;
    ASSERT_EQ(decoder.decode_event(read_body("procedure_state_changed_2_0.json"), e).code, errc::ok);
    ASSERT_EQ(decoder.decode_event(R"({"version":"4.0","eventType":"FileDeleted"})", e).code, errc::ok);
    EXPECT_FALSE(e.procedure_state);
    EXPECT_EQ(e.event_type, "FileDeleted");
    EXPECT_TRUE(e.data_json.empty());
    ASSERT_EQ(decoder.decode_event(read_body("procedure_state_changed_3_0.json"), e).code, errc::ok);
    EXPECT_EQ(e.format, tcvod::event_format::v3);
}

TEST(EventRoundTrip, DocumentedBodies) {
    tcvod::event_decoder decoder;
    for (const char* name : {"procedure_state_changed_2_0.json", "procedure_state_changed_3_0.json"}) {
        tcvod::event e, back;
        ASSERT_EQ(decoder.decode_event(read_body(name), e).code, errc::ok);
        std::string json;
        tcvod::encode_event(e, json);
        auto err = decoder.decode_event(json, back);
        ASSERT_EQ(err.code, errc::ok) << json << " -> " << err.message();
        EXPECT_EQ(back, e) << json;
    }
    for (const char* name : {"pull_event_response.json", "pull_event_response_version_number.json"}) {
        tcvod::pull_event_response r, back;
        ASSERT_EQ(decoder.decode_pull_event_response(read_body(name), r).code, errc::ok);
        std::string json;
        tcvod::encode_pull_event_response(r, json);
        ASSERT_EQ(decoder.decode_pull_event_response(json, back).code, errc::ok) << json;
        EXPECT_EQ(back, r) << json;
    }
}

class random_events {
public:
    explicit random_events(std::uint64_t seed) : rng_(seed) {}

    tcvod::pull_event_response response() {
        tcvod::pull_event_response r;
        r.code = chance(4) ? static_cast<std::int64_t>(rng_() % 7000) : 0;
        r.message = text();
        if (chance(2)) r.code_desc = text();
        std::size_t n = r.code == 0 ? rng_() % 4 : 0;
        for (std::size_t i = 0; i < n; ++i) r.events.push_back({text(), event()});
        return r;
    }

    tcvod::event event() {
        tcvod::event e;
        switch (rng_() % 4) {
        case 0:
            e.format = tcvod::event_format::v3;
            e.version.clear();
            e.event_type = chance(2) ? "ProcedureStateChanged" : "NewFileUpload";
            if (e.event_type == "ProcedureStateChanged") {
                tcvod::procedure_state_change_event p;
                p.task_id = text();
                p.status = chance(2) ? tcvod::procedure_status::finish : tcvod::procedure_status::processing;
                p.err_code = integer();
                p.message = text();
                p.file_id = text();
                p.file_name = text();
                p.file_url = text();
                e.procedure_state_v3 = p;
            }
            return e;
        case 1: {
            e.version = chance(2) ? "4.0" : "4";
            e.event_type = "ConcatComplete";
            if (chance(4)) return e;  // no data at all
            tcvod::json_writer<std::string> w(e.data_json);
            w.begin_object();
            w.key("status").value(integer());
            w.key(text()).value(text());
            w.key("list").begin_array();
            w.number(decimal());
            w.value(true);
            w.null();
            w.end_array();
            w.end_object();
            return e;
        }
        default:
            e.version = "4.0";
            e.event_type = "ProcedureStateChanged";
            e.procedure_state = procedure_state();
            return e;
        }
    }

private:
    bool chance(unsigned n) { return rng_() % n == 0; }
    // A count below n as a size_t (32 bits on armhf and i686).
    std::size_t below(std::uint64_t n) { return static_cast<std::size_t>(rng_() % n); }
    std::int64_t integer() {
        switch (rng_() % 3) {
        case 0: return static_cast<std::int64_t>(rng_());
        case 1: return static_cast<std::int64_t>(rng_() % 1000) - 500;
        default: return 0;
        }
    }
    double decimal() {
        static const double values[] = {0.0, 98.7, 54.0, 29.97, 1e-300, 1e300, -0.5, 3601.0, 0.1, 123456.789};
        if (chance(2)) return values[rng_() % std::size(values)];
        return static_cast<double>(rng_() % 2000000) / 997.0;
    }
    std::string text() {
        static const char* const pieces[] = {"a",      "Z",
                                             "9",      " ",
                                             "\"",     "\\",
                                             "/",      "\n",
                                             "\x01",   "é",
                                             "不正确", "\xF0\x9F\x98\x80",
                                             ",]",     "http://x/y?a=1&b=2"};
        std::string s;
        std::size_t n = below(6);
        for (std::size_t i = 0; i < n; ++i) s += pieces[rng_() % std::size(pieces)];
        return s;
    }
    std::optional<std::int64_t> opt_int() { return chance(2) ? std::optional<std::int64_t>(integer()) : std::nullopt; }
    std::optional<double> opt_decimal() { return chance(2) ? std::optional<double>(decimal()) : std::nullopt; }
    std::optional<std::string> opt_text() { return chance(2) ? std::optional<std::string>(text()) : std::nullopt; }
    std::vector<std::string> texts() {
        std::vector<std::string> v(below(3));
        for (auto& s : v) s = text();
        return v;
    }
    std::vector<std::int64_t> integers() {
        std::vector<std::int64_t> v(below(3));
        for (auto& n : v) n = integer();
        return v;
    }

    tcvod::media_info media() {
        tcvod::media_info m;
        m.size = opt_int();
        m.container = opt_text();
        m.bitrate = opt_int();
        m.height = opt_int();
        m.width = opt_int();
        m.md5 = opt_text();
        m.duration = opt_decimal();
        m.rotate = opt_int();
        m.video_streams.resize(below(3));
        for (auto& s : m.video_streams) s = {opt_int(), opt_int(), opt_int(), opt_text(), opt_decimal()};
        m.audio_streams.resize(below(3));
        for (auto& s : m.audio_streams) s = {opt_int(), opt_int(), opt_text()};
        return m;
    }

    tcvod::task task() {
        tcvod::task t;
        t.type = static_cast<task_type>(rng_() % (static_cast<unsigned>(task_type::other) + 1));
        if (t.type == task_type::other) t.other_type = "Custom" + std::to_string(rng_() % 10);
        t.status = static_cast<tcvod::task_status>(rng_() % 3);
        t.err_code = integer();
        t.message = text();
        if (chance(3)) {
            tcvod::task_input& in = t.input.emplace();
            in.definition = opt_int();
            in.watermark = opt_int();
            in.mosaic_list.resize(rng_() % 2);
            for (auto& m : in.mosaic_list)
                m = {opt_text(), opt_text(), opt_text(), opt_text(), opt_decimal(), opt_decimal()};
            in.start_time = opt_int();
            in.end_time = opt_int();
            in.watermark_definition = integers();
            in.time_offset = integers();
            in.position_type = opt_text();
            in.position = opt_decimal();
            in.url = opt_text();
            in.file_name = opt_text();
            in.md5 = opt_text();
        }
        if (chance(2)) {
            tcvod::task_output& out = t.output.emplace();
            out.url = opt_text();
            out.media = media();
            out.fps = opt_decimal();
            out.image_urls = texts();
            out.img_info.resize(below(3));
            for (auto& i : out.img_info) i = {opt_int(), opt_text()};
            out.image_url = texts();
            out.file_id = opt_text();
            out.file_size = opt_text();
            out.total_count = opt_int();
            out.url_list = texts();
            out.web_vtt_url = opt_text();
            out.confidence = opt_decimal();
            out.suggestion = opt_text();
            out.segments.resize(below(3));
            for (auto& s : out.segments)
                s = {opt_decimal(), opt_decimal(), opt_decimal(), opt_text(), opt_text(), opt_int()};
            out.classifications.resize(below(3));
            for (auto& c : out.classifications) c = {text(), opt_decimal()};
            out.tags.resize(below(3));
            for (auto& g : out.tags) g = {text(), opt_decimal()};
        }
        return t;
    }

    tcvod::procedure_state_changed procedure_state() {
        tcvod::procedure_state_changed d;
        d.vod_task_id = opt_text();
        d.status = chance(2) ? tcvod::procedure_status::finish : tcvod::procedure_status::processing;
        d.err_code = integer();
        d.message = text();
        d.file_id = text();
        if (chance(2)) d.meta_data = media();
        if (chance(3)) d.drm = tcvod::drm_info{opt_int(), opt_text(), opt_text(), texts()};
        for (auto* list : {&d.process_tasks, &d.content_reviews, &d.ai_analyses}) {
            list->resize(rng_() % 4);
            for (auto& t : *list) t = task();
        }
        return d;
    }

    std::mt19937_64 rng_;
};

TEST(EventRoundTrip, DecodeOfEncodeIsIdentity) {
    random_events generate(7);
    tcvod::event_decoder decoder;
    std::string body;
    for (int i = 0; i < 1500; ++i) {
        tcvod::pull_event_response r = generate.response();
        tcvod::encode_pull_event_response(r, body);
        tcvod::pull_event_response back;
        auto err = decoder.decode_pull_event_response(body, back);
        ASSERT_EQ(err.code, errc::ok) << body << " -> " << err.message();
        ASSERT_EQ(back, r) << body;
        for (const auto& pulled : r.events) {
            tcvod::encode_event(pulled.content, body);
            tcvod::event one;
            ASSERT_EQ(decoder.decode_event(body, one).code, errc::ok) << body;
            ASSERT_EQ(one, pulled.content) << body;
        }
    }
}

// ---- views: event_view, pull_event_response_view ----------------------------------

const char* const event_bodies[] = {"procedure_state_changed_2_0.json", "procedure_state_changed_3_0.json"};
const char* const pull_bodies[] = {"pull_event_response.json", "pull_event_response_version_number.json"};

/// PullEvent entries whose eventContent is a JSON string, each with escapes
/// and with `data` before `eventType` (so each is parsed twice more, by the
/// decoder's reused nested parsers).
const std::string nested_pull_body =
    R"({"code":0,"message":"m\u00e9","eventList":[)"
    R"({"msgHandle":"h\"1","eventContent":"{\"data\":{\"status\":\"FINISH\",\"fileId\":\"\\u4e0d\",\"message\":\"a\\\\b\",)"
    R"(\"processTaskList\":[{\"taskType\":\"X\\u0041\",\"status\":\"FAIL\",\"message\":\"\\\"q\\\"\"}]},)"
    R"(\"eventType\":\"ProcedureStateChanged\",\"version\":\"4.\\u0030\"}"},)"
    R"({"msgHandle":"h2","eventContent":"{\"data\":{\"status\":\"PROCESSING\",\"fileId\":\"\\u6587\",\"message\":\"c\\\\d\"},)"
    R"(\"eventType\":\"ProcedureStateChanged\",\"version\":\"4.0\"}"},)"
    R"({"msgHandle":"h3","eventContent":{"data":{"k":"\u00e9\"","n":[1,2.5]},"eventType":"NewFileUpload","version":"4.0"}}]})";

tcvod::pull_event_response owning_pull(const std::string& body) {
    tcvod::event_decoder decoder;
    tcvod::pull_event_response r;
    auto err = decoder.decode_pull_event_response(body, r);
    EXPECT_EQ(err.code, errc::ok) << err.message();
    return r;
}

TEST(EventViews, EqualTheOwningDecodeOnEveryDocumentedBody) {
    tcvod::event_decoder decoder;
    for (const char* name : event_bodies) {
        std::string body = read_body(name);
        auto view = decoder.decode_event(body);
        ASSERT_TRUE(view) << name << ": " << view.error().message();
        EXPECT_EQ(tcvod::to_owned(*view), decode_event_ok(body)) << name;
    }
    for (const char* name : pull_bodies) {
        std::string body = read_body(name);
        auto view = decoder.decode_pull_event_response(body);
        ASSERT_TRUE(view) << name << ": " << view.error().message();
        EXPECT_EQ(tcvod::to_owned(*view), owning_pull(body)) << name;
    }
    // decode_any into views, on every documented body (events or not).
    for (const char* name :
         {"procedure_state_changed_2_0.json", "procedure_state_changed_3_0.json", "pull_event_response.json",
          "pull_event_response_version_number.json", "confirm_event_response.json", "error_4000_invalid_parameter.json",
          "run_procedure_response.json"}) {
        std::string body = read_body(name);
        tcvod::pull_event_response owning;
        tcvod::pull_event_response_view view;
        auto a = decoder.decode_any(body, owning);
        auto b = decoder.decode_any(body, view);
        ASSERT_EQ(a.has_value(), b.has_value()) << name;
        if (!a) {
            EXPECT_EQ(a.error().code, b.error().code) << name;
            EXPECT_EQ(a.error().path.view(), b.error().path.view()) << name;
            continue;
        }
        EXPECT_EQ(*a, *b) << name;
        EXPECT_EQ(tcvod::to_owned(view), owning) << name;
    }
}

TEST(EventViews, PointIntoTheBodyAndTheDecoder) {
    // Parsed in place (the padding is there), strings without escapes view the body.
    std::string body = read_body("procedure_state_changed_2_0.json");
    body.reserve(body.size() + tcvod::event_decoder::padding);
    tcvod::event_decoder decoder;
    auto e = decoder.decode_event(body, body.capacity());
    ASSERT_TRUE(e) << e.error().message();
    ASSERT_TRUE(e->procedure_state);
    const tcvod::procedure_state_changed_view& d = *e->procedure_state;
    auto in_body = [&](std::string_view s) {
        return s.data() >= body.data() && s.data() + s.size() <= body.data() + body.size();
    };
    EXPECT_TRUE(in_body(e->event_type));
    EXPECT_TRUE(in_body(d.file_id));
    ASSERT_EQ(d.process_tasks.size(), 7u);
    EXPECT_EQ(d.process_tasks[6].output->url_list.size(), 2u);
    EXPECT_TRUE(in_body(d.process_tasks[6].output->url_list[1]));
    EXPECT_EQ(d.ai_analyses[0].output->classifications[0].classification, "军事");
    EXPECT_EQ(d.process_tasks[5].input->time_offset, (std::vector<std::int64_t>{300, 400}));
    // Lists are views too: a task list iterates as a range of task_view.
    std::size_t transcodes = 0;
    for (const tcvod::task_view& t : d.process_tasks) transcodes += t.type == task_type::transcode;
    EXPECT_EQ(transcodes, 2u);
}

TEST(EventViews, EscapedStrings) {
    tcvod::event_decoder decoder;
    auto e = decoder.decode_event(
        R"({"version":"4.0","eventType":"Procedure\u0053tateChanged","data":{"status":"FINISH","fileId":"\u4e0d\"x\"",)"
        R"("message":"a\\b\/c\n","processTaskList":[{"taskType":"Tag","status":"SUCCESS","output":{"tags":[{"tag":"\ud83d\ude00"}]}}]}})");
    ASSERT_TRUE(e) << e.error().message();
    EXPECT_EQ(e->event_type, "ProcedureStateChanged");
    ASSERT_TRUE(e->procedure_state);
    EXPECT_EQ(e->procedure_state->file_id, "不\"x\"");
    EXPECT_EQ(e->procedure_state->message, "a\\b/c\n");
    ASSERT_EQ(e->procedure_state->process_tasks.size(), 1u);
    ASSERT_EQ(e->procedure_state->process_tasks[0].output->tags.size(), 1u);
    EXPECT_EQ(e->procedure_state->process_tasks[0].output->tags[0].tag, "\xF0\x9F\x98\x80");
}

TEST(EventViews, NestedDocumentsAndDataBeforeEventType) {
    tcvod::event_decoder decoder;
    auto r = decoder.decode_pull_event_response(nested_pull_body);
    ASSERT_TRUE(r) << r.error().message();
    ASSERT_EQ(r->events.size(), 3u);
    EXPECT_EQ(r->message, "mé");
    EXPECT_EQ(r->events[0].msg_handle, "h\"1");
    const tcvod::event_view& first = r->events[0].content;
    EXPECT_EQ(first.version, "4.0");
    ASSERT_TRUE(first.procedure_state);
    EXPECT_TRUE(first.data_json.empty());
    EXPECT_EQ(first.procedure_state->file_id, "不");
    EXPECT_EQ(first.procedure_state->message, "a\\b");
    ASSERT_EQ(first.procedure_state->process_tasks.size(), 1u);
    EXPECT_EQ(first.procedure_state->process_tasks[0].type, task_type::other);
    EXPECT_EQ(first.procedure_state->process_tasks[0].other_type, "XA");
    EXPECT_EQ(first.procedure_state->process_tasks[0].message, "\"q\"");
    // The second entry reused the nested parsers: the first one's strings
    // were kept elsewhere.
    const tcvod::event_view& second = r->events[1].content;
    ASSERT_TRUE(second.procedure_state);
    EXPECT_EQ(second.procedure_state->file_id, "文");
    EXPECT_EQ(second.procedure_state->message, "c\\d");
    EXPECT_EQ(r->events[2].content.data_json, R"({"k":"é\"","n":[1,2.5]})");
    EXPECT_EQ(tcvod::to_owned(*r), owning_pull(nested_pull_body));

    // A callback body whose `data` comes first, as a view.
    std::string body =
        R"({"data":{"status":"FINISH","fileId":"\u0031","processTaskList":[{"status":"SUCCESS",)"
        R"("output":{"imageUrl":"u\/v"},"taskType":"CoverBySnapshot"}]},"eventType":"ProcedureStateChanged",)"
        R"("version":"4.0"})";
    auto e = decoder.decode_event(body);
    ASSERT_TRUE(e) << e.error().message();
    ASSERT_TRUE(e->procedure_state);
    EXPECT_EQ(e->procedure_state->file_id, "1");
    ASSERT_EQ(e->procedure_state->process_tasks.size(), 1u);
    ASSERT_EQ(e->procedure_state->process_tasks[0].output->image_url.size(), 1u);
    EXPECT_EQ(e->procedure_state->process_tasks[0].output->image_url[0], "u/v");
    EXPECT_EQ(tcvod::to_owned(*e), decode_event_ok(body));
}

TEST(EventViews, ValidUntilTheDecoderIsUsedAgain) {
    tcvod::event_decoder decoder;
    {
        // Decode A (large, nested, escaped) and keep nothing of it.
        std::string a = nested_pull_body;
        ASSERT_TRUE(decoder.decode_pull_event_response(a));
        std::string a2 = read_body("procedure_state_changed_2_0.json");
        ASSERT_TRUE(decoder.decode_event(a2));
    }
    // Then B: its views are B's, whatever A left in the decoder's buffers.
    std::string b = R"({"code":0,"message":"","eventList":[{"msgHandle":"only","eventContent":)"
                    R"("{\"version\":\"4\",\"eventType\":\"ProcedureStateChanged\",\"data\":{\"status\":\"FINISH\",)"
                    R"(\"fileId\":\"\\u0042\",\"drm\":{\"edkList\":[\"e1\",\"e\\u0032\"]}}}"}]})";
    auto r = decoder.decode_pull_event_response(b);
    ASSERT_TRUE(r) << r.error().message();
    ASSERT_EQ(r->events.size(), 1u);
    EXPECT_EQ(r->events[0].msg_handle, "only");
    const auto& d = r->events[0].content.procedure_state;
    ASSERT_TRUE(d);
    EXPECT_EQ(d->file_id, "B");
    ASSERT_TRUE(d->drm);
    ASSERT_EQ(d->drm->edk_list.size(), 2u);
    EXPECT_EQ(d->drm->edk_list[1], "e2");
    EXPECT_EQ(tcvod::to_owned(*r), owning_pull(b));
    // An error leaves no views behind but does not break the next decode.
    EXPECT_FALSE(decoder.decode_event(R"({"version":"4.0"})"));
    auto again = decoder.decode_pull_event_response(b);
    ASSERT_TRUE(again);
    EXPECT_EQ(tcvod::to_owned(*again), owning_pull(b));
}

TEST(EventViews, NoAllocationAfterWarmUp) {
    if (!counting_allocations) GTEST_SKIP() << "operator new belongs to the sanitizer";
    tcvod::event_decoder decoder;
    std::vector<std::string> events, pulls;
    for (const char* name : event_bodies) events.push_back(read_body(name));
    events.push_back(
        R"({"data":{"status":"FINISH","fileId":"\u0031"},"eventType":"ProcedureStateChanged","version":"4.0"})");
    events.push_back(R"({"version":"4.0","eventType":"NewFileUpload","data":{"a":[1,{"b":"\u00e9"}]}})");
    for (const char* name : pull_bodies) pulls.push_back(read_body(name));
    pulls.push_back(nested_pull_body);
    for (int round = 0; round < 2; ++round) {
        for (const std::string& body : events) {
            ASSERT_TRUE(decoder.decode_event(body));  // warm-up (round 0): sizes the buffers
            allocation_meter meter;
            auto e = decoder.decode_event(body);
            EXPECT_EQ(meter.count(), 0u) << body.substr(0, 60);
            ASSERT_TRUE(e);
        }
        for (const std::string& body : pulls) {
            ASSERT_TRUE(decoder.decode_pull_event_response(body));
            allocation_meter meter;
            auto r = decoder.decode_pull_event_response(body);
            EXPECT_EQ(meter.count(), 0u) << body.substr(0, 60);
            ASSERT_TRUE(r);
            tcvod::pull_event_response_view any;
            meter = allocation_meter();
            auto kind = decoder.decode_any(body, any);
            EXPECT_EQ(meter.count(), 0u) << body.substr(0, 60);
            ASSERT_TRUE(kind);
        }
    }
    // In place, with the padding after the body.
    std::string padded = events[0];
    padded.reserve(padded.size() + tcvod::event_decoder::padding);
    ASSERT_TRUE(decoder.decode_event(padded, padded.capacity()));
    allocation_meter meter;
    auto e = decoder.decode_event(padded, padded.capacity());
    EXPECT_EQ(meter.count(), 0u);
    ASSERT_TRUE(e);
    // The owning form reuses the capacity of the struct it fills.
    tcvod::event owning;
    ASSERT_EQ(decoder.decode_event(events[0], owning).code, errc::ok);
    meter = allocation_meter();
    ASSERT_EQ(decoder.decode_event(events[0], owning).code, errc::ok);
    EXPECT_EQ(meter.count(), 0u);
}

TEST(EventViews, RandomBodiesEqualTheOwningDecode) {
    random_events generate(11);
    tcvod::event_decoder decoder;
    std::string body;
    for (int i = 0; i < 500; ++i) {
        tcvod::pull_event_response r = generate.response();
        tcvod::encode_pull_event_response(r, body);
        auto view = decoder.decode_pull_event_response(body);
        ASSERT_TRUE(view) << body << " -> " << view.error().message();
        ASSERT_EQ(tcvod::to_owned(*view), r) << body;
    }
}

}  // namespace
