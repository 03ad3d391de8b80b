// What a mock task flow does: the sub-tasks a RunProcedure request starts,
// their state changes, and the ProcedureStateChanged events (tcvod's typed
// event model) that notifyMode asks for. Pure functions; the service runs
// them on its clock.
#ifndef TCVOD_EXAMPLES_MOCK_VOD_TASKS_HPP
#define TCVOD_EXAMPLES_MOCK_VOD_TASKS_HPP

#include <tcvod/event_model.hpp>
#include <tcvod/model.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

namespace mock_vod {

/// Output URLs point at a reserved, never-resolving domain.
inline constexpr const char* media_base_url = "https://mock-vod.invalid/";

struct task_flow {
    std::string vod_task_id;
    tcvod::notify_mode mode = tcvod::notify_mode::finish;
    tcvod::procedure_state_changed state;  // processTaskList holds the sub-tasks
};

namespace detail {

/// Seconds the clips cover when the request says so (else a fixed length).
inline double clip_duration(const tcvod::run_procedure_request& r) {
    double total = 0;
    bool known = false;
    auto add = [&](const tcvod::file_clip& c) {
        if (c.start_time_offset && c.end_time_offset) {
            total += c.end_time_offset->to_double() - c.start_time_offset->to_double();
            known = true;
        }
    };
    if (r.file) add(*r.file);
    for (const auto& c : r.file_list) add(c);
    return known ? total : 3601;
}

inline tcvod::media_info sample_media(double duration) {
    tcvod::media_info m;
    m.size = 10556;
    m.container = "mp4";
    m.bitrate = 246035;
    m.height = 480;
    m.width = 640;
    m.md5 = "b3ae6ed07d9bf4efeeb94ed2d37ff3e3";
    m.duration = duration;
    m.video_streams.push_back({246000, 480, 640, std::string("h264"), 25.0});
    m.audio_streams.push_back({35, 44100, std::string("aac")});
    return m;
}

inline tcvod::task sub_task(tcvod::task_type type) {
    tcvod::task t;
    t.type = type;
    t.status = tcvod::task_status::processing;
    t.input.emplace();
    return t;
}

}  // namespace detail

/// The flow for a validated request: for PullFile a PullFile task first,
/// then two Transcode tasks and a CoverBySnapshot. `file_id` is the file
/// the flow works on (the request's for SingleFile, a new one otherwise).
inline task_flow plan_task(const tcvod::run_procedure_request& r, std::string vod_task_id, std::string file_id) {
    task_flow flow;
    flow.vod_task_id = std::move(vod_task_id);
    flow.mode = r.notify.value_or(tcvod::notify_mode::finish);
    auto& s = flow.state;
    s.vod_task_id = flow.vod_task_id;
    s.status = tcvod::procedure_status::processing;
    s.file_id = std::move(file_id);
    s.meta_data = detail::sample_media(detail::clip_duration(r));
    if (r.type == tcvod::input_type::pull_file && r.pull) {
        auto pull = detail::sub_task(tcvod::task_type::pull_file);
        pull.input->url = r.pull->url;
        pull.input->file_name = r.pull->file_name;
        pull.input->md5 = r.pull->file_md5;
        s.process_tasks.push_back(std::move(pull));
    }
    for (std::int64_t definition : {10, 20}) {
        auto transcode = detail::sub_task(tcvod::task_type::transcode);
        transcode.input->definition = definition;
        transcode.input->watermark = 0;
        s.process_tasks.push_back(std::move(transcode));
    }
    auto cover = detail::sub_task(tcvod::task_type::cover_by_snapshot);
    cover.input->definition = 10;
    cover.input->position_type = "Percent";
    cover.input->position = 10;
    s.process_tasks.push_back(std::move(cover));
    return flow;
}

/// Sub-task `k` succeeds. Returns the event notifyMode asks for at this
/// change: Change, one per finished sub-task (PROCESSING, ..., FINISH);
/// Finish, only the last; None, none.
inline std::optional<tcvod::event> finish_sub_task(task_flow& flow, std::size_t k) {
    auto& s = flow.state;
    tcvod::task& t = s.process_tasks[k];
    t.status = tcvod::task_status::success;
    tcvod::task_output out;
    std::string base = media_base_url + s.file_id + "/";
    switch (t.type) {
    case tcvod::task_type::pull_file:
        out.file_id = s.file_id;
        out.file_size = std::to_string(*s.meta_data->size);
        out.url = base + "f0.mp4";
        break;
    case tcvod::task_type::transcode:
        out.url = base + "f" + std::to_string(*t.input->definition) + ".mp4";
        out.media = *s.meta_data;
        break;
    default: out.image_url.push_back(base + "cover.jpg"); break;
    }
    t.output = std::move(out);
    bool last = k + 1 == s.process_tasks.size();
    if (last) s.status = tcvod::procedure_status::finish;
    if (flow.mode == tcvod::notify_mode::none || (flow.mode == tcvod::notify_mode::finish && !last))
        return std::nullopt;
    tcvod::event e;
    e.format = tcvod::event_format::v2;
    e.version = "4.0";
    e.event_type = std::string(tcvod::procedure_state_changed_event_type);
    e.procedure_state = s;
    return e;
}

}  // namespace mock_vod

#endif
