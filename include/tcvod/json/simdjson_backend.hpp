// The simdjson On-Demand backend of json_read.hpp (the default where
// simdjson is available). simdjson reads up to SIMDJSON_PADDING (64) bytes
// past the end of its input, so bodies are parsed in place only when the
// caller says that many bytes are allocated after them.
//
// Needs simdjson (a compiled library).
#ifndef TCVOD_JSON_SIMDJSON_BACKEND_HPP
#define TCVOD_JSON_SIMDJSON_BACKEND_HPP

#include "tcvod/json_read.hpp"

#include <simdjson.h>

#include <cstddef>
#include <cstring>
#include <string_view>
#include <utility>

namespace tcvod {
inline namespace v1 {
namespace detail {

struct simdjson_backend {
    static constexpr std::size_t padding = simdjson::SIMDJSON_PADDING;
    using parser = simdjson::ondemand::parser;

    static json_error translate(simdjson::error_code e) noexcept {
        switch (e) {
        case simdjson::SUCCESS: return json_error::success;
        case simdjson::EMPTY: return json_error::empty;
        case simdjson::UTF8_ERROR: return json_error::utf8;
        case simdjson::CAPACITY: return json_error::capacity;
        case simdjson::DEPTH_ERROR: return json_error::depth;
        case simdjson::UNESCAPED_CHARS: return json_error::unescaped_chars;
        case simdjson::UNCLOSED_STRING: return json_error::unclosed_string;
        case simdjson::STRING_ERROR: return json_error::string_error;
        case simdjson::INCOMPLETE_ARRAY_OR_OBJECT: return json_error::incomplete;
        case simdjson::T_ATOM_ERROR:
        case simdjson::F_ATOM_ERROR:
        case simdjson::N_ATOM_ERROR: return json_error::atom;
        case simdjson::NUMBER_ERROR: return json_error::number;
        case simdjson::TAPE_ERROR: return json_error::tape;
        case simdjson::TRAILING_CONTENT: return json_error::trailing_content;
        case simdjson::INCORRECT_TYPE: return json_error::incorrect_type;
        default: return json_error::other;
        }
    }

    /// A handle on an On-Demand value (which lives in its field, array
    /// element or document while the callback runs).
    class value {
    public:
        explicit value(simdjson::ondemand::value& v) noexcept : v_(&v) {}

        json_error kind(json_kind& out) noexcept {
            simdjson::ondemand::json_type type{};
            if (auto e = v_->type().get(type)) return translate(e);
            switch (type) {
            case simdjson::ondemand::json_type::object: out = json_kind::object; break;
            case simdjson::ondemand::json_type::array: out = json_kind::array; break;
            case simdjson::ondemand::json_type::string: out = json_kind::string; break;
            case simdjson::ondemand::json_type::number: out = json_kind::number; break;
            case simdjson::ondemand::json_type::boolean: out = json_kind::boolean; break;
            case simdjson::ondemand::json_type::null: out = json_kind::null; break;
            }
            return json_error::success;
        }

        /// The token without the whitespace simdjson keeps after it.
        std::string_view scalar() noexcept {
            std::string_view t = v_->raw_json_token();
            while (!t.empty() && is_json_space(t.back())) t.remove_suffix(1);
            return t;
        }

        /// A view of the input when the string has no escapes (zero-copy),
        /// else unescaped by simdjson into its parser. Either way the string
        /// is consumed: left unread, On-Demand's skip would take a string
        /// followed by ':' for a key and skip what follows unchecked
        /// (`{"a":"x":{,]]}` was accepted; the differential fuzz found it).
        json_error get_string(std::string_view& out) noexcept {
            std::string_view token = scalar();
            if (token.size() >= 2 && token.front() == '"' && token.back() == '"' &&
                std::memchr(token.data(), '\\', token.size()) == nullptr) {
                simdjson::ondemand::raw_json_string raw;
                if (auto e = v_->get_raw_json_string().get(raw)) return translate(e);
                out = token.substr(1, token.size() - 2);
                return json_error::success;
            }
            return translate(v_->get_string().get(out));
        }

        json_error get_bool(bool& out) noexcept { return translate(v_->get_bool().get(out)); }

        bool take_null() noexcept {
            bool is_null = false;
            return v_->is_null().get(is_null) == simdjson::SUCCESS && is_null;
        }

        template <class OnField>
        json_error for_each_field(OnField&& on_field) noexcept {
            simdjson::ondemand::object object;
            if (auto e = v_->get_object().get(object)) return translate(e);
            for (auto member : object) {
                simdjson::ondemand::field field;
                if (auto e = std::move(member).get(field)) return translate(e);
                std::string_view key;
                if (auto e = field.unescaped_key().get(key)) return translate(e);
                value v(field.value());
                if (!on_field(key, v)) return json_error::aborted;
            }
            return json_error::success;
        }

        template <class OnItem>
        json_error for_each_item(OnItem&& on_item) noexcept {
            simdjson::ondemand::array array;
            if (auto e = v_->get_array().get(array)) return translate(e);
            for (auto element : array) {
                simdjson::ondemand::value item;
                if (auto e = std::move(element).get(item)) return translate(e);
                value v(item);
                if (!on_item(v)) return json_error::aborted;
            }
            return json_error::success;
        }

    private:
        simdjson::ondemand::value* v_;
    };

    class document {
    public:
        json_error start(parser& p, const char* data, std::size_t size, std::size_t capacity) noexcept {
            return translate(p.iterate(data, size, capacity).get(doc_));
        }
        json_error kind(json_kind& out) noexcept {
            simdjson::ondemand::json_type type{};
            if (auto e = doc_.type().get(type)) return translate(e);
            out = type == simdjson::ondemand::json_type::object ? json_kind::object : json_kind::null;
            if (type == simdjson::ondemand::json_type::array) out = json_kind::array;
            return json_error::success;
        }
        /// `on_root(value&)` on the root (a document is not a value; its
        /// object is reached through a value view).
        template <class OnRoot>
        json_error with_root(OnRoot&& on_root) noexcept {
            simdjson::ondemand::value root;
            if (auto e = doc_.get_value().get(root)) return translate(e);
            value v(root);
            return on_root(v) ? json_error::success : json_error::aborted;
        }
        bool has_trailing_content() noexcept {
            const char* rest = nullptr;
            return doc_.current_location().get(rest) == simdjson::SUCCESS;
        }

    private:
        simdjson::ondemand::document doc_;
    };
};

}  // namespace detail
}  // namespace v1
}  // namespace tcvod

#endif  // TCVOD_JSON_SIMDJSON_BACKEND_HPP
