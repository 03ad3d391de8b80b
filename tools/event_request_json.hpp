// PullEvent and ConfirmEvent requests as one line of JSON for `tcvod verify`,
// in the same shape as request_json.hpp (wire names, lists as arrays).
#ifndef TCVOD_TOOLS_EVENT_REQUEST_JSON_HPP
#define TCVOD_TOOLS_EVENT_REQUEST_JSON_HPP

#include "request_json.hpp"

#include "tcvod/event_requests.hpp"

#include <string>

namespace tcvod_cli {

inline std::string to_json(const tcvod::common_parameters& c, const tcvod::pull_event_request&) {
    std::string out;
    json w(out);
    w.begin_object();
    write_common_members(w, tcvod::pull_event_request::action, c);
    w.end_object();
    return out;
}

inline std::string to_json(const tcvod::common_parameters& c, const tcvod::confirm_event_request& r) {
    std::string out;
    json w(out);
    w.begin_object();
    write_common_members(w, tcvod::confirm_event_request::action, c);
    w.key("msgHandle").begin_array();
    for (const auto& handle : r.msg_handles) w.value(handle);
    w.end_array();
    w.end_object();
    return out;
}

}  // namespace tcvod_cli

#endif
