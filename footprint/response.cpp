// (d) A device reads the answer to its RunProcedure: tcvod::response_decoder
// over an API 2.0 response body, strict JSON, into a response_view. No
// simdjson on this target: json_backend.hpp picks the portable parser by
// itself (<simdjson.h> is not on the include path). Inputs come from
// volatile storage (footprint/io.hpp).
#include "io.hpp"

#include <tcvod/response.hpp>

#include <cstddef>

// Two bodies: a success with vodTaskId, and an error with codeDesc and an escape.
extern "C" const volatile char footprint_input[] =
    "{\"code\":0,\"message\":\"\",\"codeDesc\":\"Success\",\"vodTaskId\":\"procedure-10000-xxx\"}\0"
    "{\"code\":\"4000\",\"message\":\"(100006)\\u53c2\\u6570\\u9519\\u8bef\",\"codeDesc\":\"InvalidParameter\"}";

namespace {
char arena[sizeof footprint_input];
}  // namespace

int main() {
    footprint::reader in(footprint_input, sizeof footprint_input, arena);
    tcvod::response_decoder decoder;
    while (in.more()) {
        auto response = decoder.decode(in.next());
        if (!response) {
            footprint::consume(static_cast<std::size_t>(response.error().code));
            footprint::consume(response.error().path.view());
            continue;
        }
        footprint::consume(static_cast<std::size_t>(response->code));
        footprint::consume(response->message);
        if (response->code_desc) footprint::consume(*response->code_desc);
        if (response->vod_task_id) footprint::consume(*response->vod_task_id);
    }
    return 0;
}
