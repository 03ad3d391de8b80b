// Event notifications decoded with simdjson On-Demand: an HTTP callback
// body (one event) or a PullEvent response (`eventList` of msgHandle +
// eventContent), into the typed structs of event_model.hpp or a precise
// error (tcvod::errc and the JSON field path).
//
// - The layout is detected by the top-level key: `eventType` is the 2.0
//   layout, `EventType` the 3.0 layout (quirk Q19). 3.0 events are reported
//   as such, with the core fields of ProcedureStateChangeEvent decoded.
// - Type drift of the documentation is tolerated (quirks Q8-Q12): `version`
//   as a string or a number, integers as numbers, integral fractions (10.0)
//   or numeric strings, CoverBySnapshot `imageUrl` as a string or an array,
//   PullFile `md5` and `fileSize` as strings or numbers, both ImageSprites
//   and the withdrawn ImageSprite. Anything else with the wrong type is an
//   error naming the field.
// - Required: `version`, `eventType` and (ProcedureStateChanged) `data`
//   with `status`; in each task `taskType` and `status`; in a PullEvent
//   response `code`, `message` and, per entry, `msgHandle` and
//   `eventContent`. Unknown fields are ignored but checked: the whole body
//   must be well-formed JSON.
// - Same padding, strict/lenient and bounds rules as response.hpp.
//
// Needs simdjson. Error codes only: compiles with -fno-exceptions.
#ifndef TCVOD_EVENTS_HPP
#define TCVOD_EVENTS_HPP

#include "tcvod/event_model.hpp"
#include "tcvod/response.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tcvod {
inline namespace v1 {

/// What decode_any found.
enum class event_body_kind {
    callback,             // one event (an HTTP callback body)
    pull_event_response,  // a PullEvent response
};

/// Decodes events. Reusable: keeps its parser, padded buffer and scratch
/// space, and decodes into the caller's structs reusing their capacity.
/// One decoder per thread.
class event_decoder {
public:
    explicit event_decoder(json_decode_options options = {}) : options_(options) {}

    const json_decode_options& options() const noexcept { return options_; }

    /// An HTTP callback body. `out` is unspecified after an error.
    [[nodiscard]] field_error decode_event(std::string_view body, event& out) {
        return decode_event(body, body.size(), out);
    }
    /// In place when `capacity` leaves SIMDJSON_PADDING spare bytes.
    [[nodiscard]] field_error decode_event(std::string_view body, std::size_t capacity, event& out);

    /// A PullEvent response.
    [[nodiscard]] field_error decode_pull_event_response(std::string_view body, pull_event_response& out) {
        return decode_pull_event_response(body, body.size(), out);
    }
    [[nodiscard]] field_error decode_pull_event_response(std::string_view body, std::size_t capacity,
                                                         pull_event_response& out);

    /// Either: a body with a top-level `code` or `eventList` is a PullEvent
    /// response; anything else is a callback, stored as the only element of
    /// `out.events` (with an empty msgHandle, code 0).
    result<event_body_kind> decode_any(std::string_view body, pull_event_response& out);

private:
    json_decode_options options_;
    simdjson::ondemand::parser parser_;
    detail::padded_input input_;
};

}  // namespace v1
}  // namespace tcvod

#endif  // TCVOD_EVENTS_HPP
