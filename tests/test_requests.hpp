// Requests shared by the tests: the API page's examples and the doc credentials.
#ifndef TCVOD_TESTS_REQUESTS_HPP
#define TCVOD_TESTS_REQUESTS_HPP

#include "tcvod/model.hpp"

namespace tcvod_test {

// The documentation's published example credentials (protocol-notes §4.1).
inline constexpr const char* doc_secret_id = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA";
inline constexpr const char* doc_secret_key = "Gu5t9xGARNpq86cd98joQYCN3Cozk1qA";

inline tcvod::common_parameters doc_common() {
    tcvod::common_parameters c;
    c.region = "gz";
    c.timestamp = 1465185768;
    c.nonce = 11886;
    c.secret_id = doc_secret_id;
    return c;
}

// API page example 1: SingleFile.
inline tcvod::run_procedure_request single_file_example() {
    tcvod::run_procedure_request r;
    r.type = tcvod::input_type::single_file;
    r.file = tcvod::file_clip{"12345", 10.0, 25.0};
    r.procedure = "SomeProcedure";
    return r;
}

// API page example 2: MultiFile.
inline tcvod::run_procedure_request multi_file_example() {
    tcvod::run_procedure_request r;
    r.type = tcvod::input_type::multi_file;
    r.file_list = {{"12345", 30.0, 100.0}, {"67899", 300.0, 400.0}};
    r.procedure = "SomeProcedure";
    return r;
}

// API page example 3 as its prose describes it (15020876538 to 15020876638):
// the literal example has end 1502087638 < start, a doc error.
inline tcvod::run_procedure_request stream_example_corrected() {
    tcvod::run_procedure_request r;
    r.type = tcvod::input_type::stream;
    r.stream = tcvod::stream_clip{"12345", 15020876538, 15020876638};
    r.procedure = "SomeProcedure";
    return r;
}

}  // namespace tcvod_test

#endif
