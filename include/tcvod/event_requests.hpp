// PullEvent and ConfirmEvent requests: typed models with the hooks the
// core uses, so that tcvod::encode (validate, flatten, sign) and
// tcvod::decode_request<...> work for them unchanged.
// ConfirmEvent sends `msgHandle.n`, 0-based, in bytewise key order
// (msgHandle.10 before msgHandle.2). Standard library only.
#ifndef TCVOD_EVENT_REQUESTS_HPP
#define TCVOD_EVENT_REQUESTS_HPP

#include "tcvod/error.hpp"
#include "tcvod/flatten.hpp"
#include "tcvod/number.hpp"
#include "tcvod/query_decode.hpp"
#include "tcvod/validate.hpp"

#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace tcvod {
inline namespace v1 {

/// PullEvent: common parameters only. The server holds the request up to
/// 5 s when no event is waiting (use a 10 s client timeout).
struct pull_event_request {
    static constexpr std::string_view action = "PullEvent";

    friend bool operator==(const pull_event_request&, const pull_event_request&) noexcept { return true; }
    friend bool operator!=(const pull_event_request&, const pull_event_request&) noexcept { return false; }
};

/// ConfirmEvent: the msgHandles of pulled events (each valid for 30 s).
struct confirm_event_request {
    static constexpr std::string_view action = "ConfirmEvent";

    std::vector<std::string> msg_handles;  // msgHandle.0, msgHandle.1, ...

    friend bool operator==(const confirm_event_request& a, const confirm_event_request& b) {
        return a.msg_handles == b.msg_handles;
    }
    friend bool operator!=(const confirm_event_request& a, const confirm_event_request& b) { return !(a == b); }
};

// ---- encoding: flatten.hpp's visitor protocol --------------------------------

template <class F>
void visit_action_parameters(const pull_event_request&, F&&) {}

template <class F>
void visit_action_parameters(const confirm_event_request& r, F&& f) {
    detail::for_each_index_in_key_order(r.msg_handles.size(), [&](std::size_t i) {
        constexpr std::string_view prefix = "msgHandle.";
        char key[prefix.size() + max_number_chars];
        std::memcpy(key, prefix.data(), prefix.size());
        std::size_t n = prefix.size() + format_int64(static_cast<std::int64_t>(i), key + prefix.size());
        f(std::string_view(key, n), std::string_view(r.msg_handles[i]));
    });
}

// ---- validation: validate.hpp's overload set ---------------------------------

template <std::size_t Capacity>
void validate(const pull_event_request&, const validation_options&, basic_diagnostics<Capacity>&) {}

/// At least one handle, none empty.
template <std::size_t Capacity>
void validate(const confirm_event_request& r, const validation_options&, basic_diagnostics<Capacity>& diag) {
    if (r.msg_handles.empty()) diag.add(errc::missing_field, "msgHandle.0", "at least one msgHandle is required");
    for (std::size_t i = 0; i < r.msg_handles.size(); ++i)
        if (r.msg_handles[i].empty())
            diag.add(errc::empty_value, field_path("msgHandle.").append_index(i), "must not be empty");
}

// ---- decoding: query_decode.hpp's hooks --------------------------------------

namespace detail {

struct pull_event_decode_state {};

struct confirm_event_decode_state {
    std::vector<unsigned char> seen;
};

}  // namespace detail

inline detail::pull_event_decode_state make_decode_state(const pull_event_request&) { return {}; }
inline detail::confirm_event_decode_state make_decode_state(const confirm_event_request&) { return {}; }

/// PullEvent has no action parameters: every key is unknown.
inline bool decode_action_parameter(pull_event_request&, detail::pull_event_decode_state&, std::string_view,
                                    std::string_view, const decode_options&, diagnostics&) {
    return false;
}

inline void finish_action(pull_event_request&, detail::pull_event_decode_state&, diagnostics&) {}

/// `msgHandle.<n>`: a decimal index without leading zeros, below
/// decode_options::max_list_entries.
inline bool decode_action_parameter(confirm_event_request& r, detail::confirm_event_decode_state& state,
                                    std::string_view key, std::string_view value, const decode_options& opts,
                                    diagnostics& diag) {
    constexpr std::string_view prefix = "msgHandle.";
    if (key.substr(0, prefix.size()) != prefix) return false;
    std::string_view digits = key.substr(prefix.size());
    bool well_formed = !digits.empty() && digits.size() <= 9 && !(digits.size() > 1 && digits[0] == '0');
    std::size_t index = 0;
    for (char c : digits) {
        well_formed = well_formed && c >= '0' && c <= '9';
        if (well_formed) index = index * 10 + static_cast<std::size_t>(c - '0');
    }
    if (!well_formed) {
        diag.add(errc::bad_index, key, "needs a decimal index without leading zeros");
        return true;
    }
    if (index >= opts.max_list_entries) {
        diag.add(errc::too_many_entries, key, "index exceeds the configured list maximum");
        return true;
    }
    detail::list_entry(r.msg_handles, state.seen, index).assign(value.data(), value.size());
    return true;
}

/// Indices must be contiguous from 0. The English ConfirmEvent page and
/// the overview number from 1 (quirk Q7); such a list (1..n) is accepted
/// and stored from 0, as tcvod sends it.
inline void finish_action(confirm_event_request& r, detail::confirm_event_decode_state& state, diagnostics& diag) {
    r.msg_handles.resize(state.seen.size());  // entries left from an earlier decode into `r`
    if (state.seen.size() > 1 && !state.seen[0]) {
        bool rest_contiguous = true;
        for (std::size_t i = 1; i < state.seen.size(); ++i) rest_contiguous = rest_contiguous && state.seen[i];
        if (rest_contiguous) {
            r.msg_handles.erase(r.msg_handles.begin());
            state.seen.erase(state.seen.begin());
        }
    }
    detail::check_contiguous(state.seen, "msgHandle", diag);
}

}  // namespace v1
}  // namespace tcvod

#endif  // TCVOD_EVENT_REQUESTS_HPP
