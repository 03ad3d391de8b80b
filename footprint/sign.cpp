// (a) Signing a parameter set into a fixed buffer: tcvod::signer (HMAC-SHA1
// and HMAC-SHA256) and tcvod::encode_parameters_to (sort, sign, write the
// URL). The hash is picked at run time from the SignatureMethod parameter,
// so both are linked. Inputs come from volatile storage (footprint/io.hpp).
#include "io.hpp"

#include <tcvod/query_encode.hpp>
#include <tcvod/sign.hpp>

#include <cstddef>

// The secret key, then key and value pairs (raw text, unsorted).
extern "C" const volatile char footprint_input[] =
    "tcvod-footprint-secret-key\0"
    "Action\0"
    "RunProcedure\0"
    "Region\0"
    "gz\0"
    "SecretId\0"
    "AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA\0"
    "Timestamp\0"
    "1465185768\0"
    "Nonce\0"
    "11886\0"
    "SignatureMethod\0"
    "HmacSHA256\0"
    "inputType\0"
    "MultiFile\0"
    "fileList.0.id\0"
    "14508071098244959037\0"
    "fileList.0.startTimeOffset\0"
    "30\0"
    "fileList.1.id\0"
    "14508071098244966759\0"
    "fileList.1.endTimeOffset\0"
    "400.5\0"
    "procedure\0"
    "Some Procedure\0";

namespace {
constexpr std::size_t max_parameters = 16;
char arena[sizeof footprint_input];
tcvod::parameter params[max_parameters];
char output[1024];
}  // namespace

int main() {
    footprint::reader in(footprint_input, sizeof footprint_input, arena);
    tcvod::signer signer(in.next());
    std::size_t count = 0;
    while (count < max_parameters && in.more()) {
        params[count].key = in.next();
        params[count].value = in.next();
        ++count;
    }
    // Sorts params in place, picks the hash from SignatureMethod, signs and
    // writes the URL.
    std::size_t size = tcvod::encode_parameters_to(signer, tcvod::endpoint{}, tcvod::output_form::url, params, count,
                                                   output, sizeof output);
    footprint::consume(size);
    footprint::consume(output, size <= sizeof output ? size : 0);
    return 0;
}
