// (c) Server side: tcvod::query_parameters::parse, verify (HMAC-SHA1 or
// HMAC-SHA256, from SignatureMethod) and tcvod::decode_request of a signed
// MultiFile RunProcedure query (README, "Server side"). Inputs come from
// volatile storage (footprint/io.hpp).
#include "io.hpp"

#include <tcvod/query_decode.hpp>

#include <cstddef>

// The secret key, then the query string (GET, signed with that key).
extern "C" const volatile char footprint_input[] =
    "tcvod-footprint-secret-key\0"
    "Action=RunProcedure&Nonce=11886&Region=gz&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA"
    "&Signature=Mv4M9oznGdlBbtmJ1k3rmTL7T70%3D&Timestamp=1465185768"
    "&fileList.0.endTimeOffset=100&fileList.0.id=14508071098244959037&fileList.0.startTimeOffset=30"
    "&fileList.1.endTimeOffset=400&fileList.1.id=14508071098244966759&fileList.1.startTimeOffset=300.5"
    "&fileList.2.endTimeOffset=12.25&fileList.2.id=14508071098244971234"
    "&inputType=MultiFile&procedure=Some%20Procedure";

namespace {
char arena[sizeof footprint_input];
// Trivially destructible and constant-initialised: no static constructor.
tcvod::diagnostics problems;
}  // namespace

int main() {
    footprint::reader in(footprint_input, sizeof footprint_input, arena);
    tcvod::signer signer(in.next());
    std::string_view query = in.next();

    tcvod::query_parameters params;
    if (!params.parse(query, {}, problems)) return 1;
    if (params.verify(signer, {tcvod::http_method::get}) != tcvod::errc::ok) return 2;
    tcvod::decoded_request<tcvod::run_procedure_request> decoded;
    if (!tcvod::decode_request(params, decoded, {}, problems)) return 3;

    footprint::consume(decoded.request.procedure);
    for (const auto& clip : decoded.request.file_list) {
        footprint::consume(clip.id);
        footprint::sink = static_cast<unsigned char>(clip.end_time_offset.value_or(0) > 100);
    }
    footprint::consume(static_cast<std::size_t>(decoded.common.nonce));
    return 0;
}
