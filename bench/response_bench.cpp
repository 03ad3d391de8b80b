// RunProcedure's JSON response: BM_decode_response (the library, views
// into a padded body: the reused decoder's zero-copy path),
// BM_decode_response_portable (the same on the portable JSON backend),
// BM_decode_response_owning (into a reused owning `response`),
// BM_floor_decode_response (simdjson On-Demand pulling the three fields,
// no checks), BM_naive_decode_response (nlohmann::json parse + get<>),
// and the RapidJSON and Boost.JSON peers.
#include "checks.hpp"
#include "fixtures.hpp"

#include "tcvod/response.hpp"

#include <rapidjson/document.h>
#include <simdjson.h>
#include <boost/json.hpp>
#include <nlohmann/json.hpp>

#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace tcvod_bench {
namespace {

/// A successful RunProcedure response as the server sends it (codeDesc
/// included, §6.1 of the protocol notes).
constexpr std::string_view response_body =
    R"({"code":0,"message":"","codeDesc":"Success","vodTaskId":"procedure-7a2229a8f1957bfce08ba733fbfd4a3c"})";

/// The body in a buffer with simdjson's padding after it, as an HTTP
/// client that reserves 64 spare bytes would hand it over.
std::string padded_body() {
    std::string body(response_body);
    body.reserve(body.size() + simdjson::SIMDJSON_PADDING);
    return body;
}

/// The three fields every decoder must produce.
struct fields {
    std::int64_t code = -1;
    std::string_view message;
    std::string_view vod_task_id;
    friend bool operator==(const fields& a, const fields& b) {
        return a.code == b.code && a.message == b.message && a.vod_task_id == b.vod_task_id;
    }
};

template <class Decoder>
bool library_views(Decoder& decoder, const std::string& body, fields& out) {
    auto r = decoder.decode(body, body.capacity());
    if (!r || !r->vod_task_id) return false;
    out = {r->code, r->message, *r->vod_task_id};
    return true;
}

/// The floor: simdjson On-Demand, fields taken in document order, no checks.
bool floor_decode(simdjson::ondemand::parser& parser, const std::string& body, fields& out) {
    auto doc = parser.iterate(body.data(), body.size(), body.capacity());
    out.code = doc.find_field("code").get_int64().value_unsafe();
    out.message = doc.find_field("message").get_string().value_unsafe();
    out.vod_task_id = doc.find_field("vodTaskId").get_string().value_unsafe();
    return true;
}

bool naive_decode(const std::string& body, std::int64_t& code, std::string& message, std::string& task) {
    auto j = nlohmann::json::parse(body);
    code = j.at("code").get<std::int64_t>();
    message = j.at("message").get<std::string>();
    task = j.at("vodTaskId").get<std::string>();
    return true;
}

/// RapidJSON's own allocator interface, counted like operator new.
struct counting_crt_allocator {
    [[maybe_unused]] static const bool kNeedFree = true;  // RapidJSON's Allocator concept
    void* Malloc(std::size_t size) { return size ? counting_malloc(size) : nullptr; }
    void* Realloc(void* p, std::size_t, std::size_t new_size) {
        if (new_size == 0) {
            counting_free(p);
            return nullptr;
        }
        return counting_realloc(p, new_size);
    }
    static void Free(void* p) { counting_free(p); }
};
using rapidjson_document =
    rapidjson::GenericDocument<rapidjson::UTF8<>, rapidjson::MemoryPoolAllocator<counting_crt_allocator>,
                               counting_crt_allocator>;

bool rapidjson_decode(const std::string& body, std::int64_t& code_out, std::string& message_out,
                      std::string& task_out) {
    rapidjson_document doc;
    doc.Parse(body.data(), body.size());
    if (doc.HasParseError() || !doc.IsObject()) return false;
    auto code = doc.FindMember("code");
    auto message = doc.FindMember("message");
    auto task = doc.FindMember("vodTaskId");
    if (code == doc.MemberEnd() || message == doc.MemberEnd() || task == doc.MemberEnd()) return false;
    if (!code->value.IsInt64() || !message->value.IsString() || !task->value.IsString()) return false;
    code_out = code->value.GetInt64();
    message_out.assign(message->value.GetString(), message->value.GetStringLength());
    task_out.assign(task->value.GetString(), task->value.GetStringLength());
    return true;
}

bool boostjson_decode(const std::string& body, std::int64_t& code, std::string& message, std::string& task) {
    boost::json::error_code ec;
    boost::json::value v = boost::json::parse(body, ec);
    if (ec || !v.is_object()) return false;
    const auto& o = v.get_object();
    const auto* c = o.if_contains("code");
    const auto* m = o.if_contains("message");
    const auto* t = o.if_contains("vodTaskId");
    if (!c || !m || !t || !c->is_int64() || !m->is_string() || !t->is_string()) return false;
    code = c->get_int64();
    message.assign(m->get_string().data(), m->get_string().size());
    task.assign(t->get_string().data(), t->get_string().size());
    return true;
}

// ------------------------------------------------------------- benchmarks

template <class Decode>
void run_decoder(benchmark::State& state, std::size_t bytes, Decode&& decode) {
    if (!decode()) state.SkipWithError("decode failed");  // also the warm-up
    const auto allocations = allocation_count();
    for (auto _ : state) {
        bool ok = decode();
        benchmark::DoNotOptimize(ok);
        benchmark::ClobberMemory();
    }
    report_allocations(state, allocations);
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes));
}

void BM_decode_response(benchmark::State& state) {
    const std::string body = padded_body();
    tcvod::response_decoder decoder;
    fields out;
    run_decoder(state, body.size(), [&] { return library_views(decoder, body, out); });
}

void BM_decode_response_portable(benchmark::State& state) {
    const std::string body = padded_body();
    tcvod::basic_response_decoder<tcvod::detail::portable_json_backend> decoder;
    fields out;
    run_decoder(state, body.size(), [&] { return library_views(decoder, body, out); });
}

void BM_decode_response_owning(benchmark::State& state) {
    const std::string body(response_body);  // no padding: the decoder copies into its own buffer
    tcvod::response_decoder decoder;
    tcvod::response out;
    run_decoder(state, body.size(), [&] { return decoder.decode(body, out).code == tcvod::errc::ok; });
}

void BM_floor_decode_response(benchmark::State& state) {
    const std::string body = padded_body();
    simdjson::ondemand::parser parser;
    fields out;
    run_decoder(state, body.size(), [&] {
        floor_decode(parser, body, out);
        benchmark::DoNotOptimize(out);
        return true;
    });
}

void BM_naive_decode_response(benchmark::State& state) {
    const std::string body(response_body);
    std::int64_t code = 0;
    std::string message, task;
    run_decoder(state, body.size(), [&] { return naive_decode(body, code, message, task); });
}

void BM_peer_rapidjson_decode_response(benchmark::State& state) {
    const std::string body(response_body);
    std::int64_t code = 0;
    std::string message, task;
    run_decoder(state, body.size(), [&] { return rapidjson_decode(body, code, message, task); });
}

void BM_peer_boostjson_decode_response(benchmark::State& state) {
    const std::string body(response_body);
    std::int64_t code = 0;
    std::string message, task;
    run_decoder(state, body.size(), [&] { return boostjson_decode(body, code, message, task); });
}

}  // namespace

BENCHMARK(BM_decode_response);
BENCHMARK(BM_decode_response_portable);
BENCHMARK(BM_decode_response_owning);
BENCHMARK(BM_floor_decode_response);
BENCHMARK(BM_naive_decode_response);
BENCHMARK(BM_peer_rapidjson_decode_response);
BENCHMARK(BM_peer_boostjson_decode_response);

std::string check_response() {
    const std::string body = padded_body();
    const fields expected{0, "", "procedure-7a2229a8f1957bfce08ba733fbfd4a3c"};
    tcvod::response_decoder decoder;
    fields got;
    if (!library_views(decoder, body, got) || !(got == expected)) return "library response decode is wrong";
    tcvod::response owning;
    if (decoder.decode(body, owning).code != tcvod::errc::ok || owning.code != 0 || !owning.vod_task_id ||
        *owning.vod_task_id != expected.vod_task_id)
        return "library owning response decode is wrong";
    simdjson::ondemand::parser parser;
    if (!floor_decode(parser, body, got) || !(got == expected)) return "floor response decode is wrong";
    std::int64_t code = -1;
    std::string message, task;
    if (!rapidjson_decode(body, code, message, task) || !(fields{code, message, task} == expected))
        return "RapidJSON response decode is wrong";
    if (!naive_decode(body, code, message, task) || !(fields{code, message, task} == expected))
        return "nlohmann response decode is wrong";
    if (!boostjson_decode(body, code, message, task) || !(fields{code, message, task} == expected))
        return "Boost.JSON response decode is wrong";
    return {};
}

}  // namespace tcvod_bench
