// (b) A typed MultiFile RunProcedure over caller-owned memory
// (run_procedure_request_view), validated, signed (HMAC-SHA1 or
// HMAC-SHA256, as SignatureMethod says) and encoded into a fixed buffer
// with tcvod::encode_to: three fileList entries with offsets. Inputs come from volatile storage (footprint/io.hpp).
#include "io.hpp"

#include <tcvod/encode.hpp>

#include <cstddef>
#include <cstdint>

// The secret key, Region, SecretId, procedure, then the three file IDs.
extern "C" const volatile char footprint_input[] =
    "tcvod-footprint-secret-key\0"
    "gz\0"
    "AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA\0"
    "Some Procedure\0"
    "14508071098244959037\0"
    "14508071098244966759\0"
    "14508071098244971234\0";
// Timestamp, Nonce, then start and end offsets of each entry, in
// microseconds (tcvod::time_offset is fixed point: no floating point).
extern "C" const volatile std::int64_t footprint_numbers[] = {1465185768, 11886};
extern "C" const volatile std::int64_t footprint_offsets[] = {30000000, 100000000, 300500000, 400000000, 0, 12250000};

namespace {
char arena[sizeof footprint_input];
char output[1024];
}  // namespace

int main() {
    // The heap-free form: views over the arena and an array of clips on
    // the stack; nothing here calls malloc.
    footprint::reader in(footprint_input, sizeof footprint_input, arena);
    tcvod::signer signer(in.next());

    tcvod::common_parameters_view common;
    common.region = in.next();
    common.secret_id = in.next();
    common.timestamp = footprint_numbers[0];
    common.nonce = footprint_numbers[1];

    tcvod::run_procedure_request_view request;
    request.type = tcvod::input_type::multi_file;
    request.procedure = in.next();
    tcvod::file_clip_view clips[3];
    for (std::size_t i = 0; i < 3; ++i) {
        clips[i].id = in.next();
        clips[i].start_time_offset = tcvod::time_offset::from_microseconds(footprint_offsets[2 * i]);
        clips[i].end_time_offset = tcvod::time_offset::from_microseconds(footprint_offsets[2 * i + 1]);
    }
    request.file_list = clips;

    auto size = tcvod::encode_to(request, common, signer, {}, output, sizeof output);
    if (!size) {
        footprint::sink = static_cast<unsigned char>(size.error().code);
        return 1;
    }
    footprint::consume(*size);
    footprint::consume(output, *size <= sizeof output ? *size : 0);
    return 0;
}
