// A documented ProcedureStateChanged callback (2.0 format, 5 KB: metadata,
// DRM, a content review, two AI analyses, seven processing tasks):
// BM_decode_event (the library's event_decoder into views: event_view,
// strings and lists in the body and the decoder's reused buffers, no
// allocation after warm-up), BM_decode_event_owning (the same decode copied
// into a reused owning tcvod::event) and BM_naive_decode_event
// (nlohmann::json parse, then the fields a handler typically reads). The
// naive version reads fewer fields than the library decodes, so the ratio
// is conservative.
#include "checks.hpp"
#include "fixtures.hpp"

#include "tcvod/events.hpp"

#include <simdjson.h>
#include <nlohmann/json.hpp>

#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace tcvod_bench {
namespace {

std::string event_body() {
    std::ifstream in(TCVOD_BENCH_BODIES_DIR "/procedure_state_changed_2_0.json", std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

struct naive_task {
    std::string type, status;
    std::int64_t err_code = 0;
};
struct naive_event {
    std::string event_type, vod_task_id, status, file_id, md5;
    std::int64_t err_code = 0, size = 0;
    double duration = 0;
    std::vector<naive_task> tasks;
};

bool naive_decode_event(const std::string& body, naive_event& out) {
    auto j = nlohmann::json::parse(body);
    out.event_type = j.at("eventType").get<std::string>();
    const auto& d = j.at("data");
    out.vod_task_id = d.at("vodTaskId").get<std::string>();
    out.status = d.at("status").get<std::string>();
    out.err_code = d.at("errCode").get<std::int64_t>();
    out.file_id = d.at("fileId").get<std::string>();
    const auto& meta = d.at("metaData");
    out.size = meta.at("size").get<std::int64_t>();
    out.duration = meta.at("duration").get<double>();
    out.md5 = meta.at("md5").get<std::string>();
    out.tasks.clear();
    for (const char* list : {"contentReviewList", "aIAnalysisList", "processTaskList"}) {
        if (!d.contains(list)) continue;
        for (const auto& t : d.at(list))
            out.tasks.push_back({t.at("taskType").get<std::string>(), t.at("status").get<std::string>(),
                                 t.at("errCode").get<std::int64_t>()});
    }
    return true;
}

void BM_decode_event(benchmark::State& state) {
    std::string body = event_body();
    body.reserve(body.size() + simdjson::SIMDJSON_PADDING);  // parsed in place
    tcvod::event_decoder decoder;
    if (!decoder.decode_event(body, body.capacity())) state.SkipWithError("decode failed");  // also the warm-up
    const auto allocations = allocation_count();
    for (auto _ : state) {
        auto e = decoder.decode_event(body, body.capacity());
        benchmark::DoNotOptimize(e);
        benchmark::ClobberMemory();
    }
    report_allocations(state, allocations);
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(body.size()));
}

void BM_decode_event_owning(benchmark::State& state) {
    std::string body = event_body();
    body.reserve(body.size() + simdjson::SIMDJSON_PADDING);  // parsed in place
    tcvod::event_decoder decoder;
    tcvod::event out;
    if (decoder.decode_event(body, body.capacity(), out).code != tcvod::errc::ok)
        state.SkipWithError("decode failed");  // also the warm-up
    const auto allocations = allocation_count();
    for (auto _ : state) {
        auto e = decoder.decode_event(body, body.capacity(), out);
        benchmark::DoNotOptimize(e);
        benchmark::ClobberMemory();
    }
    report_allocations(state, allocations);
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(body.size()));
}

void BM_naive_decode_event(benchmark::State& state) {
    const std::string body = event_body();
    naive_event out;
    naive_decode_event(body, out);
    const auto allocations = allocation_count();
    for (auto _ : state) {
        bool ok = naive_decode_event(body, out);
        benchmark::DoNotOptimize(ok);
        benchmark::ClobberMemory();
    }
    report_allocations(state, allocations);
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(body.size()));
}

}  // namespace

BENCHMARK(BM_decode_event);
BENCHMARK(BM_decode_event_owning);
BENCHMARK(BM_naive_decode_event);

std::string check_event() {
    const std::string body = event_body();
    if (body.empty()) return "cannot read the ProcedureStateChanged body";
    tcvod::event_decoder decoder;
    tcvod::event out;
    auto e = decoder.decode_event(body, out);
    if (e.code != tcvod::errc::ok || !out.procedure_state) return "library event decode failed: " + e.message();
    auto view = decoder.decode_event(body);
    if (!view || tcvod::to_owned(*view) != out) return "the event's views and owning decode disagree";
    naive_event naive;
    if (!naive_decode_event(body, naive)) return "naive event decode failed";
    const auto& d = *out.procedure_state;
    if (d.vod_task_id != naive.vod_task_id || d.file_id != naive.file_id || d.err_code != naive.err_code)
        return "library and naive event decodes disagree";
    return {};
}

}  // namespace tcvod_bench
