// Event notifications: an HTTP callback
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
//   with `status`; in each task `taskType` and `status`; in the 3.0 layout
//   `EventType` and (ProcedureStateChanged) `ProcedureStateChangeEvent`
//   with `TaskId` and `Status`; in a PullEvent
//   response `code`, `message` and, per entry, `msgHandle` and
//   `eventContent`. Unknown fields are ignored but checked: the whole body
//   must be well-formed JSON.
// - Same JSON backends, padding, strict/lenient and bounds rules as
//   response.hpp (basic_event_decoder<B>; event_decoder is the default).
// - Two forms (event_model.hpp). Views (`event_view`,
//   `pull_event_response_view`): strings view the body (or the decoder's
//   copy of it) when they had no escapes, else the decoder's parsers or its
//   arena; lists view the decoder's arena. Valid until the decoder is used
//   again and while the body is alive and unchanged. Strings of documents
//   nested in the body (an eventContent sent as a JSON string, a `data`
//   that came before its eventType) live in the arena too. The decoder
//   keeps its arena, list stacks and parsers, cleared but not freed: once
//   it has decoded a body of the same shape, decoding into views allocates
//   nothing. The owning forms (`event`, `pull_event_response`) are the
//   views copied out (`assign`), reusing the capacity of the caller's
//   structs.
//
// Needs simdjson unless the portable JSON backend is used (response.hpp).
// Error codes only: compiles with -fno-exceptions.
#ifndef TCVOD_EVENTS_HPP
#define TCVOD_EVENTS_HPP

#include "tcvod/event_model.hpp"
#include "tcvod/response.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace tcvod {
inline namespace v1 {

namespace detail {

inline constexpr integer_rules drifting_integer{true, true};

// ---- where views point: the decoder's arena and list stacks --------------

/// Bump allocation in blocks that never move: what a view points to stays
/// put while the decode goes on. reset() keeps the blocks, so a body of a
/// shape seen before is decoded without allocating.
class view_arena {
public:
    view_arena() = default;
    view_arena(const view_arena&) = delete;
    view_arena& operator=(const view_arena&) = delete;

    void reset() noexcept {
        current_ = 0;
        used_ = 0;
    }

    void* allocate(std::size_t size, std::size_t align) {
        for (;;) {
            if (current_ < blocks_.size()) {
                block& b = blocks_[current_];
                std::size_t at = (used_ + align - 1) & ~(align - 1);
                if (at <= b.size && size <= b.size - at) {
                    used_ = at + size;
                    return reinterpret_cast<char*>(b.data.get()) + at;
                }
                ++current_;  // the rest of this block stays unused until reset
                used_ = 0;
                continue;
            }
            std::size_t last = blocks_.empty() ? 0 : blocks_.back().size;
            std::size_t n = std::max({std::size_t{4096}, 2 * last, size + align});
            std::size_t units = (n + sizeof(std::max_align_t) - 1) / sizeof(std::max_align_t);
            blocks_.push_back(block{std::unique_ptr<std::max_align_t[]>(new std::max_align_t[units]),
                                    units * sizeof(std::max_align_t)});
        }
    }

    /// `n` elements copied into the arena (the model's view types are
    /// trivially destructible: the arena never destroys them).
    template <class T>
    list_view<T> copy(const T* first, std::size_t n) {
        static_assert(std::is_trivially_destructible_v<T>, "the arena never runs destructors");
        static_assert(alignof(T) <= alignof(std::max_align_t), "the arena's blocks are max_align_t aligned");
        if (n == 0) return {};
        T* to = static_cast<T*>(allocate(n * sizeof(T), alignof(T)));
        std::uninitialized_copy_n(first, n, to);
        return list_view<T>(to, n);
    }

    /// `text` followed by `padding` spaces (what simdjson may read past a
    /// document's end); the view covers `text` only.
    std::string_view copy(std::string_view text, std::size_t padding = 0) {
        char* to = static_cast<char*>(allocate(text.size() + padding, 1));
        if (!text.empty()) std::memcpy(to, text.data(), text.size());
        if (padding != 0) std::memset(to + text.size(), ' ', padding);
        return std::string_view(to, text.size());
    }

private:
    struct block {
        std::unique_ptr<std::max_align_t[]> data;
        std::size_t size;
    };
    std::vector<block> blocks_;
    std::size_t current_ = 0, used_ = 0;
};

/// What one decoder keeps for the views it returns: the arena, a stack per
/// list element type (a list is read onto its stack, then copied into the
/// arena in one block), the JSON of a `data` captured before its type is
/// known, and, while a nested document is read, that document's bytes.
class view_store {
public:
    view_arena arena;
    std::string capture;

    void reset() noexcept {
        arena.reset();
        nested_ = false;
    }

    template <class T>
    std::vector<T>& stack() noexcept {
        return std::get<std::vector<T>>(stacks_);
    }

    /// A string a backend returned. In a nested document, one that is not
    /// in the document's bytes was unescaped into a parser that the next
    /// nested document reuses: it is copied into the arena.
    std::string_view keep(std::string_view text) {
        if (!nested_ || text.empty()) return text;
        std::less_equal<const char*> le;
        if (le(begin_, text.data()) && le(text.data() + text.size(), end_)) return text;
        return arena.copy(text);
    }

    /// While `f()` runs, strings are read from `document` (in the arena).
    template <class F>
    bool in_nested(std::string_view document, F&& f) {
        bool nested = nested_;
        const char *begin = begin_, *end = end_;
        nested_ = true;
        begin_ = document.data();
        end_ = document.data() + document.size();
        bool ok = f();
        nested_ = nested;
        begin_ = begin;
        end_ = end;
        return ok;
    }

private:
    std::tuple<std::vector<std::string_view>, std::vector<std::int64_t>, std::vector<video_stream_view>,
               std::vector<audio_stream_view>, std::vector<mosaic_view>, std::vector<snapshot_image_view>,
               std::vector<review_segment_view>, std::vector<classification_result_view>, std::vector<tag_result_view>,
               std::vector<task_view>, std::vector<pulled_event_view>>
        stacks_;
    bool nested_ = false;
    const char* begin_ = nullptr;
    const char* end_ = nullptr;
};

/// A backend's value handle (json_read.hpp's reader interface) that also
/// carries the decoder's view_store: the readers below take their lists'
/// storage from it, and its strings are kept valid (view_store::keep).
template <class V>
class view_value {
public:
    view_value(V& v, view_store& store) noexcept : v_(&v), store_(&store) {}

    view_store& store() const noexcept { return *store_; }

    /// Asked once per value (readers ask again, e.g. after a null check).
    json_error kind(json_kind& out) noexcept {
        if (!has_kind_) {
            if (json_error e = v_->kind(kind_); e != json_error::success) return e;
            has_kind_ = true;
        }
        out = kind_;
        return json_error::success;
    }
    std::string_view scalar() noexcept { return v_->scalar(); }  // a view of the document's bytes
    json_error get_string(std::string_view& out) {
        json_error e = v_->get_string(out);
        if (e == json_error::success) out = store_->keep(out);
        return e;
    }
    json_error get_bool(bool& out) noexcept { return v_->get_bool(out); }
    bool take_null() noexcept { return v_->take_null(); }

    template <class OnField>
    json_error for_each_field(OnField&& on_field) {
        return v_->for_each_field([&](std::string_view key, V& field) {
            view_value value(field, *store_);
            return on_field(key, value);
        });
    }
    template <class OnItem>
    json_error for_each_item(OnItem&& on_item) {
        return v_->for_each_item([&](V& item) {
            view_value value(item, *store_);
            return on_item(value);
        });
    }

private:
    V* v_;
    view_store* store_;
    json_kind kind_{};
    bool has_kind_ = false;
};

// ---- scalar readers for event fields: null means absent -------------------

template <class V>
bool is_null_value(json_context& ctx, V& v, const json_path& path, bool& null) {
    json_kind type{};
    if (!value_kind(ctx, v, path, type)) return false;
    null = type == json_kind::null;
    return !null || read_null(ctx, v, path);
}

/// A string; null leaves it empty.
template <class V>
bool read_plain_string(json_context& ctx, V& v, const json_path& path, std::string_view& out) {
    bool null = false;
    if (!is_null_value(ctx, v, path, null)) return false;
    out = {};
    if (null) return true;
    return read_string(ctx, v, path, out);
}

/// A string that the documentation types inconsistently: a number is kept
/// as its JSON text (`md5`, `fileSize`, mosaic positions, ids).
template <class V>
bool read_text(json_context& ctx, V& v, const json_path& path, std::string_view& out) {
    json_kind type{};
    if (!value_kind(ctx, v, path, type)) return false;
    if (type == json_kind::number) {
        out = v.scalar();
        if (classify_number(out) == number_kind::invalid)
            return ctx.fail(errc::invalid_number, path, "has a malformed number");
        return true;
    }
    if (type != json_kind::string) return ctx.fail(errc::wrong_type, path, "must be a string or a number");
    return read_string_contents(ctx, v, path, out);
}

template <class V>
bool read_optional_text(json_context& ctx, V& v, const json_path& path, std::optional<std::string_view>& out) {
    bool null = false;
    if (!is_null_value(ctx, v, path, null)) return false;
    if (null) {
        out.reset();
        return true;
    }
    return read_text(ctx, v, path, out.emplace());
}

template <class V>
bool read_optional_integer(json_context& ctx, V& v, const json_path& path, std::optional<std::int64_t>& out) {
    bool null = false;
    if (!is_null_value(ctx, v, path, null)) return false;
    if (null) {
        out.reset();
        return true;
    }
    std::int64_t value = 0;
    if (!read_integer(ctx, v, path, drifting_integer, value)) return false;
    out = value;
    return true;
}

/// An integer with a default: null keeps 0.
template <class V>
bool read_plain_integer(json_context& ctx, V& v, const json_path& path, std::int64_t& out) {
    std::optional<std::int64_t> value;
    if (!read_optional_integer(ctx, v, path, value)) return false;
    out = value.value_or(0);
    return true;
}

template <class V>
bool read_optional_decimal(json_context& ctx, V& v, const json_path& path, std::optional<double>& out) {
    bool null = false;
    if (!is_null_value(ctx, v, path, null)) return false;
    if (null) {
        out.reset();
        return true;
    }
    double value = 0;
    if (!read_decimal(ctx, v, path, value)) return false;
    out = value;
    return true;
}

/// A required string that names one of a few values.
template <class Enum, class V, class FromWire>
bool read_enumerated(json_context& ctx, V& v, const json_path& path, FromWire from_wire, const char* allowed,
                     Enum& out) {
    std::string_view text;
    if (!read_string(ctx, v, path, text)) return false;
    auto parsed = from_wire(text);
    if (!parsed) return ctx.fail(errc::invalid_value, path, allowed);
    out = *parsed;
    return true;
}

// ---- arrays: null means empty ---------------------------------------------

/// The elements are read in place on the store's stack for T, then copied
/// into the arena in one block. No element type holds a list of its own
/// type (the model has no recursion), so nothing else pushes onto that
/// stack while an element is read.
template <class T, class V, class ReadElement>
bool read_list(json_context& ctx, V& v, const json_path& path, std::size_t depth, list_view<T>& out,
               ReadElement read_element) {
    out = {};
    bool null = false;
    if (!is_null_value(ctx, v, path, null)) return false;
    if (null) return true;
    view_store& store = v.store();
    std::vector<T>& stack = store.template stack<T>();
    const std::size_t base = stack.size();
    bool ok = for_each_element(ctx, v, path, depth, [&](std::size_t, auto& item, const json_path& here) {
        stack.emplace_back();
        return read_element(item, here, stack.back());
    });
    if (ok) out = store.arena.copy(stack.data() + base, stack.size() - base);
    stack.resize(base);
    return ok;
}

template <class V>
bool read_string_list(json_context& ctx, V& v, const json_path& path, std::size_t depth,
                      list_view<std::string_view>& out) {
    return read_list(ctx, v, path, depth, out, [&](auto& item, const json_path& here, std::string_view& s) {
        return read_string(ctx, item, here, s);
    });
}

template <class V>
bool read_integer_list(json_context& ctx, V& v, const json_path& path, std::size_t depth,
                       list_view<std::int64_t>& out) {
    return read_list(ctx, v, path, depth, out, [&](auto& item, const json_path& here, std::int64_t& n) {
        return read_integer(ctx, item, here, drifting_integer, n);
    });
}

// ---- objects ---------------------------------------------------------------

/// An object member that may be null (absent): `read(value)` otherwise.
template <class T, class V, class Read>
bool read_optional_object(json_context& ctx, V& v, const json_path& path, std::optional<T>& out, Read read) {
    bool null = false;
    if (!is_null_value(ctx, v, path, null)) return false;
    if (null) {
        out.reset();
        return true;
    }
    out.emplace();
    return read(*out);
}

struct video_stream_keys {
    static constexpr std::string_view names[] = {"bitrate", "height", "width", "codec", "fps"};
    enum : std::size_t { bitrate, height, width, codec, fps };
};

template <class V>
bool read_video_stream(json_context& ctx, V& v, const json_path& path, std::size_t depth, video_stream_view& out) {
    using k = video_stream_keys;
    seen_members seen;
    return for_each_member(ctx, v, path, depth, k::names, seen, [&](std::size_t i, auto& f, const json_path& p) {
        switch (i) {
        case k::bitrate: return read_optional_integer(ctx, f, p, out.bitrate);
        case k::height: return read_optional_integer(ctx, f, p, out.height);
        case k::width: return read_optional_integer(ctx, f, p, out.width);
        case k::codec: return read_optional_string(ctx, f, p, out.codec);
        default: return read_optional_decimal(ctx, f, p, out.fps);
        }
    });
}

struct audio_stream_keys {
    static constexpr std::string_view names[] = {"bitrate", "samplingRate", "codec"};
    enum : std::size_t { bitrate, sampling_rate, codec };
};

template <class V>
bool read_audio_stream(json_context& ctx, V& v, const json_path& path, std::size_t depth, audio_stream_view& out) {
    using k = audio_stream_keys;
    seen_members seen;
    return for_each_member(ctx, v, path, depth, k::names, seen, [&](std::size_t i, auto& f, const json_path& p) {
        switch (i) {
        case k::bitrate: return read_optional_integer(ctx, f, p, out.bitrate);
        case k::sampling_rate: return read_optional_integer(ctx, f, p, out.sampling_rate);
        default: return read_optional_string(ctx, f, p, out.codec);
        }
    });
}

/// metaData members; the output table starts with the same names.
struct media_keys {
    static constexpr std::string_view names[] = {"size", "container", "bitrate", "height",          "width",
                                                 "md5",  "duration",  "rotate",  "videoStreamList", "audioStreamList"};
    enum : std::size_t {
        size,
        container,
        bitrate,
        height,
        width,
        md5,
        duration,
        rotate,
        video_streams,
        audio_streams,
        count
    };
};

template <class V>
bool read_media_member(json_context& ctx, std::size_t index, V& f, const json_path& p, std::size_t depth,
                       media_info_view& out) {
    using k = media_keys;
    switch (index) {
    case k::size: return read_optional_integer(ctx, f, p, out.size);
    case k::container: return read_optional_string(ctx, f, p, out.container);
    case k::bitrate: return read_optional_integer(ctx, f, p, out.bitrate);
    case k::height: return read_optional_integer(ctx, f, p, out.height);
    case k::width: return read_optional_integer(ctx, f, p, out.width);
    case k::md5: return read_optional_text(ctx, f, p, out.md5);
    case k::duration: return read_optional_decimal(ctx, f, p, out.duration);
    case k::rotate: return read_optional_integer(ctx, f, p, out.rotate);
    case k::video_streams:
        return read_list(ctx, f, p, depth, out.video_streams,
                         [&](auto& item, const json_path& here, video_stream_view& s) {
                             return read_video_stream(ctx, item, here, depth + 1, s);
                         });
    default:
        return read_list(ctx, f, p, depth, out.audio_streams,
                         [&](auto& item, const json_path& here, audio_stream_view& s) {
                             return read_audio_stream(ctx, item, here, depth + 1, s);
                         });
    }
}

template <class V>
bool read_media(json_context& ctx, V& v, const json_path& path, std::size_t depth, media_info_view& out) {
    seen_members seen;
    return for_each_member(
        ctx, v, path, depth, media_keys::names, seen,
        [&](std::size_t i, auto& f, const json_path& p) { return read_media_member(ctx, i, f, p, depth + 1, out); });
}

struct mosaic_keys {
    static constexpr std::string_view names[] = {"width", "height", "left", "top", "startTimeOffset", "endTimeOffset"};
    enum : std::size_t { width, height, left, top, start_time_offset, end_time_offset };
};

template <class V>
bool read_mosaic(json_context& ctx, V& v, const json_path& path, std::size_t depth, mosaic_view& out) {
    using k = mosaic_keys;
    seen_members seen;
    return for_each_member(ctx, v, path, depth, k::names, seen, [&](std::size_t i, auto& f, const json_path& p) {
        switch (i) {
        case k::width: return read_optional_text(ctx, f, p, out.width);
        case k::height: return read_optional_text(ctx, f, p, out.height);
        case k::left: return read_optional_text(ctx, f, p, out.left);
        case k::top: return read_optional_text(ctx, f, p, out.top);
        case k::start_time_offset: return read_optional_decimal(ctx, f, p, out.start_time_offset);
        default: return read_optional_decimal(ctx, f, p, out.end_time_offset);
        }
    });
}

struct task_input_keys {
    static constexpr std::string_view names[] = {
        "definition", "watermark",    "mosaicList", "startTime", "endTime",  "watermarkDefinition",
        "timeOffset", "positionType", "position",   "url",       "fileName", "md5"};
    enum : std::size_t {
        definition,
        watermark,
        mosaic_list,
        start_time,
        end_time,
        watermark_definition,
        time_offset,
        position_type,
        position,
        url,
        file_name,
        md5
    };
};

template <class V>
bool read_task_input(json_context& ctx, V& v, const json_path& path, std::size_t depth, task_input_view& out) {
    using k = task_input_keys;
    seen_members seen;
    return for_each_member(ctx, v, path, depth, k::names, seen, [&](std::size_t i, auto& f, const json_path& p) {
        switch (i) {
        case k::definition: return read_optional_integer(ctx, f, p, out.definition);
        case k::watermark: return read_optional_integer(ctx, f, p, out.watermark);
        case k::mosaic_list:
            return read_list(ctx, f, p, depth + 1, out.mosaic_list,
                             [&](auto& item, const json_path& here, mosaic_view& m) {
                                 return read_mosaic(ctx, item, here, depth + 2, m);
                             });
        case k::start_time: return read_optional_integer(ctx, f, p, out.start_time);
        case k::end_time: return read_optional_integer(ctx, f, p, out.end_time);
        case k::watermark_definition: return read_integer_list(ctx, f, p, depth + 1, out.watermark_definition);
        case k::time_offset: return read_integer_list(ctx, f, p, depth + 1, out.time_offset);
        case k::position_type: return read_optional_string(ctx, f, p, out.position_type);
        case k::position: return read_optional_decimal(ctx, f, p, out.position);
        case k::url: return read_optional_string(ctx, f, p, out.url);
        case k::file_name: return read_optional_string(ctx, f, p, out.file_name);
        default: return read_optional_text(ctx, f, p, out.md5);
        }
    });
}

struct snapshot_image_keys {
    static constexpr std::string_view names[] = {"timeOffset", "url"};
};

struct review_segment_keys {
    static constexpr std::string_view names[] = {"startTimeOffset", "endTimeOffset", "confidence",
                                                 "suggestion",      "url",           "picUrlExpireTimeStamp"};
    enum : std::size_t { start_time_offset, end_time_offset, confidence, suggestion, url, pic_url_expire_time_stamp };
};

struct classification_keys {
    static constexpr std::string_view names[] = {"classification", "confidence"};
};

struct tag_keys {
    static constexpr std::string_view names[] = {"tag", "confidence"};
};

/// Output members after the media ones (indices from media_keys::count).
struct task_output_keys {
    static constexpr std::string_view names[] = {
        "size",       "container",       "bitrate",         "height",     "width",   "md5",       "duration",
        "rotate",     "videoStreamList", "audioStreamList", "url",        "fps",     "imageUrls", "imgInfo",
        "imageUrl",   "fileId",          "fileSize",        "totalCount", "urlList", "webVttUrl", "confidence",
        "suggestion", "segments",        "classifications", "tags"};
    enum : std::size_t {
        url = media_keys::count,
        fps,
        image_urls,
        img_info,
        image_url,
        file_id,
        file_size,
        total_count,
        url_list,
        web_vtt_url,
        confidence,
        suggestion,
        segments,
        classifications,
        tags
    };
};

/// CoverBySnapshot `imageUrl`: a string in the examples, "Array" in the
/// table (Q10).
template <class V>
bool read_string_or_list(json_context& ctx, V& v, const json_path& path, std::size_t depth,
                         list_view<std::string_view>& out) {
    json_kind type{};
    if (!value_kind(ctx, v, path, type)) return false;
    if (type != json_kind::string) return read_string_list(ctx, v, path, depth, out);
    std::string_view text;
    if (!read_string_contents(ctx, v, path, text)) return false;
    out = v.store().arena.copy(&text, 1);
    return true;
}

template <class V>
bool read_task_output(json_context& ctx, V& v, const json_path& path, std::size_t depth, task_output_view& out) {
    using k = task_output_keys;
    seen_members seen;
    const std::size_t inner = depth + 1;
    return for_each_member(ctx, v, path, depth, k::names, seen, [&](std::size_t i, auto& f, const json_path& p) {
        if (i < media_keys::count) return read_media_member(ctx, i, f, p, inner, out.media);
        switch (i) {
        case k::url: return read_optional_string(ctx, f, p, out.url);
        case k::fps: return read_optional_decimal(ctx, f, p, out.fps);
        case k::image_urls: return read_string_list(ctx, f, p, inner, out.image_urls);
        case k::img_info:
            return read_list(
                ctx, f, p, inner, out.img_info, [&](auto& item, const json_path& here, snapshot_image_view& s) {
                    seen_members seen_image;
                    return for_each_member(ctx, item, here, inner + 1, snapshot_image_keys::names, seen_image,
                                           [&](std::size_t j, auto& g, const json_path& q) {
                                               return j == 0 ? read_optional_integer(ctx, g, q, s.time_offset)
                                                             : read_optional_string(ctx, g, q, s.url);
                                           });
                });
        case k::image_url: return read_string_or_list(ctx, f, p, inner, out.image_url);
        case k::file_id: return read_optional_text(ctx, f, p, out.file_id);
        case k::file_size: return read_optional_text(ctx, f, p, out.file_size);
        case k::total_count: return read_optional_integer(ctx, f, p, out.total_count);
        case k::url_list: return read_string_list(ctx, f, p, inner, out.url_list);
        case k::web_vtt_url: return read_optional_string(ctx, f, p, out.web_vtt_url);
        case k::confidence: return read_optional_decimal(ctx, f, p, out.confidence);
        case k::suggestion: return read_optional_string(ctx, f, p, out.suggestion);
        case k::segments:
            return read_list(
                ctx, f, p, inner, out.segments, [&](auto& item, const json_path& here, review_segment_view& s) {
                    using r = review_segment_keys;
                    seen_members seen_segment;
                    return for_each_member(ctx, item, here, inner + 1, r::names, seen_segment,
                                           [&](std::size_t j, auto& g, const json_path& q) {
                                               switch (j) {
                                               case r::start_time_offset:
                                                   return read_optional_decimal(ctx, g, q, s.start_time_offset);
                                               case r::end_time_offset:
                                                   return read_optional_decimal(ctx, g, q, s.end_time_offset);
                                               case r::confidence:
                                                   return read_optional_decimal(ctx, g, q, s.confidence);
                                               case r::suggestion: return read_optional_string(ctx, g, q, s.suggestion);
                                               case r::url: return read_optional_string(ctx, g, q, s.url);
                                               default:
                                                   return read_optional_integer(ctx, g, q, s.pic_url_expire_time_stamp);
                                               }
                                           });
                });
        case k::classifications:
            return read_list(ctx, f, p, inner, out.classifications,
                             [&](auto& item, const json_path& here, classification_result_view& c) {
                                 seen_members seen_class;
                                 return for_each_member(ctx, item, here, inner + 1, classification_keys::names,
                                                        seen_class, [&](std::size_t j, auto& g, const json_path& q) {
                                                            return j == 0
                                                                       ? read_plain_string(ctx, g, q, c.classification)
                                                                       : read_optional_decimal(ctx, g, q, c.confidence);
                                                        });
                             });
        default:
            return read_list(ctx, f, p, inner, out.tags, [&](auto& item, const json_path& here, tag_result_view& t) {
                seen_members seen_tag;
                return for_each_member(ctx, item, here, inner + 1, tag_keys::names, seen_tag,
                                       [&](std::size_t j, auto& g, const json_path& q) {
                                           return j == 0 ? read_plain_string(ctx, g, q, t.tag)
                                                         : read_optional_decimal(ctx, g, q, t.confidence);
                                       });
            });
        }
    });
}

struct task_keys {
    static constexpr std::string_view names[] = {"taskType", "status", "errCode", "message", "input", "output"};
    enum : std::size_t { task_type, status, err_code, message, input, output };
};

template <class V>
bool read_task(json_context& ctx, V& v, const json_path& path, std::size_t depth, task_view& out) {
    using k = task_keys;
    seen_members seen;
    bool ok = for_each_member(ctx, v, path, depth, k::names, seen, [&](std::size_t i, auto& f, const json_path& p) {
        switch (i) {
        case k::task_type: {
            std::string_view name;
            if (!read_string(ctx, f, p, name)) return false;
            out.type = task_type_from_wire(name);
            if (out.type == task_type::other) out.other_type = name;
            return true;
        }
        case k::status:
            return read_enumerated(ctx, f, p, task_status_from_wire, "must be PROCESSING, SUCCESS or FAIL", out.status);
        case k::err_code: return read_plain_integer(ctx, f, p, out.err_code);
        case k::message: return read_plain_string(ctx, f, p, out.message);
        case k::input:
            return read_optional_object(ctx, f, p, out.input,
                                        [&](task_input_view& in) { return read_task_input(ctx, f, p, depth + 1, in); });
        default:
            return read_optional_object(ctx, f, p, out.output,
                                        [&](task_output_view& o) { return read_task_output(ctx, f, p, depth + 1, o); });
        }
    });
    if (!ok) return false;
    if (!seen.has(k::task_type)) return ctx.fail(errc::missing_field, json_path(path, "taskType"), "is required");
    if (!seen.has(k::status)) return ctx.fail(errc::missing_field, json_path(path, "status"), "is required");
    return true;
}

template <class V>
bool read_task_list(json_context& ctx, V& v, const json_path& path, std::size_t depth, list_view<task_view>& out) {
    return read_list(ctx, v, path, depth, out, [&](auto& item, const json_path& here, task_view& t) {
        return read_task(ctx, item, here, depth + 1, t);
    });
}

struct drm_keys {
    static constexpr std::string_view names[] = {"definition", "keySource", "getKeyUrl", "edkList"};
    enum : std::size_t { definition, key_source, get_key_url, edk_list };
};

struct procedure_state_keys {
    static constexpr std::string_view names[] = {
        "vodTaskId", "status", "errCode",         "message",           "fileId",
        "metaData",  "drm",    "processTaskList", "contentReviewList", "aIAnalysisList"};
    enum : std::size_t {
        vod_task_id,
        status,
        err_code,
        message,
        file_id,
        meta_data,
        drm,
        process_tasks,
        content_reviews,
        ai_analyses
    };
};

/// read_text with null meaning empty (`fileId` of both layouts).
template <class V, class Text>
bool read_plain_text(json_context& ctx, V& v, const json_path& path, Text& out) {
    bool null = false;
    if (!is_null_value(ctx, v, path, null)) return false;
    if (null) {
        out = {};
        return true;
    }
    return read_text(ctx, v, path, out);
}

template <class V>
bool read_procedure_state(json_context& ctx, V& v, const json_path& path, std::size_t depth,
                          procedure_state_changed_view& out) {
    using k = procedure_state_keys;
    seen_members seen;
    bool ok = for_each_member(ctx, v, path, depth, k::names, seen, [&](std::size_t i, auto& f, const json_path& p) {
        switch (i) {
        case k::vod_task_id: return read_optional_text(ctx, f, p, out.vod_task_id);
        case k::status:
            return read_enumerated(ctx, f, p, procedure_status_from_wire, "must be PROCESSING or FINISH", out.status);
        case k::err_code: return read_plain_integer(ctx, f, p, out.err_code);
        case k::message: return read_plain_string(ctx, f, p, out.message);
        case k::file_id: return read_plain_text(ctx, f, p, out.file_id);
        case k::meta_data:
            return read_optional_object(ctx, f, p, out.meta_data,
                                        [&](media_info_view& m) { return read_media(ctx, f, p, depth + 1, m); });
        case k::drm:
            return read_optional_object(ctx, f, p, out.drm, [&](drm_info_view& d) {
                using dk = drm_keys;
                seen_members seen_drm;
                return for_each_member(ctx, f, p, depth + 1, dk::names, seen_drm,
                                       [&](std::size_t j, auto& g, const json_path& q) {
                                           switch (j) {
                                           case dk::definition: return read_optional_integer(ctx, g, q, d.definition);
                                           case dk::key_source: return read_optional_string(ctx, g, q, d.key_source);
                                           case dk::get_key_url: return read_optional_string(ctx, g, q, d.get_key_url);
                                           default: return read_string_list(ctx, g, q, depth + 2, d.edk_list);
                                           }
                                       });
            });
        case k::process_tasks: return read_task_list(ctx, f, p, depth + 1, out.process_tasks);
        case k::content_reviews: return read_task_list(ctx, f, p, depth + 1, out.content_reviews);
        default: return read_task_list(ctx, f, p, depth + 1, out.ai_analyses);
        }
    });
    if (!ok) return false;
    if (!seen.has(k::status)) return ctx.fail(errc::missing_field, json_path(path, "status"), "is required");
    return true;
}

struct procedure_state_v3_keys {
    static constexpr std::string_view names[] = {"TaskId", "Status",   "ErrCode", "Message",
                                                 "FileId", "FileName", "FileUrl"};
    enum : std::size_t { task_id, status, err_code, message, file_id, file_name, file_url };
};

template <class V>
bool read_procedure_state_v3(json_context& ctx, V& v, const json_path& path, std::size_t depth,
                             procedure_state_change_event_view& out) {
    using k = procedure_state_v3_keys;
    seen_members seen;
    bool ok = for_each_member(ctx, v, path, depth, k::names, seen, [&](std::size_t i, auto& f, const json_path& p) {
        switch (i) {
        case k::task_id: return read_plain_string(ctx, f, p, out.task_id);
        case k::status:
            return read_enumerated(ctx, f, p, procedure_status_from_wire, "must be PROCESSING or FINISH", out.status);
        case k::err_code: return read_plain_integer(ctx, f, p, out.err_code);
        case k::message: return read_plain_string(ctx, f, p, out.message);
        case k::file_id: return read_plain_text(ctx, f, p, out.file_id);
        case k::file_name: return read_plain_string(ctx, f, p, out.file_name);
        default: return read_plain_string(ctx, f, p, out.file_url);
        }
    });
    if (!ok) return false;
    if (!seen.has(k::task_id)) return ctx.fail(errc::missing_field, json_path(path, "TaskId"), "is required");
    if (!seen.has(k::status)) return ctx.fail(errc::missing_field, json_path(path, "Status"), "is required");
    return true;
}

/// Parsers for documents inside documents: `data` captured before its
/// `eventType` was known, and an eventContent sent as a JSON string.
template <class Backend>
struct nested_parsers {
    typename Backend::parser data_parser;
    typename Backend::parser content_parser;
};

/// Parses `document` (a nested document already in the arena, followed by
/// Backend::padding spaces) with `parser` and hands its root object, as a
/// view_value, to `decode_root`; errors carry paths under `base`.
template <class Backend, class DecodeRoot>
bool decode_nested(json_context& ctx, view_store& store, typename Backend::parser& parser, std::string_view document,
                   const json_path& base, DecodeRoot&& decode_root) {
    return store.in_nested(document, [&] {
        return decode_root_object<Backend>(ctx, parser, document.data(), document.size(),
                                           document.size() + Backend::padding, base, "must hold a JSON object",
                                           "has content after the JSON value", [&](typename Backend::value& root) {
                                               view_value<typename Backend::value> value(root, store);
                                               return decode_root(value);
                                           });
    });
}

/// Reads one event object in one pass. The members of an event (both
/// layouts) are kept separate from the reading loop, so that decode_any
/// can mix them with the PullEvent response members.
template <class Backend>
class event_reader {
public:
    struct keys {
        static constexpr std::string_view names[] = {"version", "eventType", "data", "EventType",
                                                     "ProcedureStateChangeEvent"};
        enum : std::size_t { version, event_type, data, event_type_v3, procedure_state_v3, count };
    };

    event_reader(json_context& ctx, view_store& store, nested_parsers<Backend>& nested, const json_path& path,
                 std::size_t depth, event_view& out)
        : ctx_(ctx), store_(store), nested_(nested), path_(path), depth_(depth), out_(out) {
        out_ = event_view{};
        out_.version = {};
    }

    template <class V>
    bool member(std::size_t index, V& f, const json_path& p) {
        switch (index) {
        case keys::version: {
            has_v2_ = true;
            json_kind type{};
            if (!value_kind(ctx_, f, p, type)) return false;
            if (type == json_kind::number) {  // Q8: "version": 4
                out_.version = f.scalar();
                if (classify_number(out_.version) == number_kind::invalid)
                    return ctx_.fail(errc::invalid_number, p, "has a malformed number");
                return true;
            }
            if (type != json_kind::string) return ctx_.fail(errc::wrong_type, p, "must be a string or a number");
            return read_string_contents(ctx_, f, p, out_.version);
        }
        case keys::event_type: has_v2_ = true; return read_string(ctx_, f, p, out_.event_type);
        case keys::data: {
            has_v2_ = true;
            bool null = false;
            if (!is_null_value(ctx_, f, p, null)) return false;
            if (null) return true;
            has_data_ = true;
            if (seen_.has(keys::event_type) && out_.event_type == procedure_state_changed_event_type)
                return read_procedure_state(ctx_, f, p, depth_ + 1, out_.procedure_state.emplace());
            // Kept as JSON (padded: finish() may parse it in place); typed
            // after the loop if eventType says so.
            store_.capture.clear();
            json_writer<std::string> writer(store_.capture);
            if (!walk_value(ctx_, f, p, depth_ + 1, &writer)) return false;
            out_.data_json = store_.arena.copy(store_.capture, Backend::padding);
            return true;
        }
        case keys::event_type_v3: has_v3_ = true; return read_string(ctx_, f, p, out_.event_type);
        default:
            has_v3_ = true;
            return read_procedure_state_v3(ctx_, f, p, depth_ + 1, out_.procedure_state_v3.emplace());
        }
    }

    seen_members& seen() noexcept { return seen_; }

    /// After the loop: layout, required members, deferred `data`.
    bool finish() {
        if (has_v2_ && has_v3_)
            return ctx_.fail(errc::invalid_value, path_,
                             "mixes the 2.0 layout (eventType) and the 3.0 layout (EventType)");
        if (has_v3_) {
            out_.format = event_format::v3;
            if (!seen_.has(keys::event_type_v3))
                return ctx_.fail(errc::missing_field, json_path(path_, "EventType"), "is required");
            if (out_.event_type == procedure_state_changed_event_type && !out_.procedure_state_v3)
                return ctx_.fail(errc::missing_field, json_path(path_, "ProcedureStateChangeEvent"),
                                 "is required when EventType is ProcedureStateChanged");
            return true;
        }
        out_.format = event_format::v2;
        if (!seen_.has(keys::event_type))
            return ctx_.fail(errc::missing_field, json_path(path_, "eventType"),
                             "is required (EventType in the 3.0 layout)");
        if (!seen_.has(keys::version))
            return ctx_.fail(errc::missing_field, json_path(path_, "version"), "is required");
        if (out_.event_type != procedure_state_changed_event_type) return true;
        if (!has_data_)
            return ctx_.fail(errc::missing_field, json_path(path_, "data"),
                             "is required when eventType is ProcedureStateChanged");
        if (out_.procedure_state) return true;
        json_path data_path(path_, "data");
        std::string_view captured = out_.data_json;  // in the arena, padded
        out_.data_json = {};
        return decode_nested<Backend>(ctx_, store_, nested_.data_parser, captured, data_path, [&](auto& root) {
            return read_procedure_state(ctx_, root, data_path, depth_ + 1, out_.procedure_state.emplace());
        });
    }

private:
    json_context& ctx_;
    view_store& store_;
    nested_parsers<Backend>& nested_;
    json_path path_;
    std::size_t depth_;
    event_view& out_;
    seen_members seen_;
    bool has_v2_ = false, has_v3_ = false, has_data_ = false;
};

template <class Backend, class V>
bool read_event(json_context& ctx, nested_parsers<Backend>& nested, V& v, const json_path& path, std::size_t depth,
                event_view& out) {
    event_reader<Backend> reader(ctx, v.store(), nested, path, depth, out);
    return for_each_member(ctx, v, path, depth, event_reader<Backend>::keys::names, reader.seen(),
                           [&](std::size_t i, auto& f, const json_path& p) { return reader.member(i, f, p); }) &&
           reader.finish();
}

/// `eventContent`: an object, or (tolerated) a string holding one.
template <class Backend, class V>
bool read_event_content(json_context& ctx, nested_parsers<Backend>& nested, V& v, const json_path& path,
                        std::size_t depth, event_view& out) {
    json_kind type{};
    if (!value_kind(ctx, v, path, type)) return false;
    if (type == json_kind::object) return read_event(ctx, nested, v, path, depth, out);
    if (type != json_kind::string)
        return ctx.fail(errc::wrong_type, path, "must be an object (or a string holding one)");
    if (!ctx.enter(depth, path)) return false;
    std::string_view text;
    if (!read_string_contents(ctx, v, path, text)) return false;
    view_store& store = v.store();
    std::string_view document = store.arena.copy(text, Backend::padding);
    return decode_nested<Backend>(ctx, store, nested.content_parser, document, path,
                                  [&](auto& root) { return read_event(ctx, nested, root, path, depth, out); });
}

struct pulled_event_keys {
    static constexpr std::string_view names[] = {"msgHandle", "eventContent"};
    enum : std::size_t { msg_handle, event_content };
};

template <class Backend, class V>
bool read_pulled_event(json_context& ctx, nested_parsers<Backend>& nested, V& v, const json_path& path,
                       std::size_t depth, pulled_event_view& out) {
    using k = pulled_event_keys;
    seen_members seen;
    bool ok = for_each_member(ctx, v, path, depth, k::names, seen, [&](std::size_t i, auto& f, const json_path& p) {
        if (i == k::msg_handle) return read_string(ctx, f, p, out.msg_handle);
        return read_event_content(ctx, nested, f, p, depth + 1, out.content);
    });
    if (!ok) return false;
    if (!seen.has(k::msg_handle)) return ctx.fail(errc::missing_field, json_path(path, "msgHandle"), "is required");
    if (!seen.has(k::event_content))
        return ctx.fail(errc::missing_field, json_path(path, "eventContent"), "is required");
    return true;
}

/// PullEvent response members: the envelope, then eventList.
struct pull_response_keys {
    static constexpr std::string_view names[] = {"code", "message", "codeDesc", "eventList"};
    enum : std::size_t { code, message, code_desc, event_list, count };
};

template <class Backend, class V>
bool read_pull_response_member(json_context& ctx, nested_parsers<Backend>& nested, std::size_t index, V& f,
                               const json_path& p, std::size_t depth, pull_event_response_view& out) {
    using k = pull_response_keys;
    switch (index) {
    case k::code: return read_integer(ctx, f, p, integer_rules{true, false}, out.code);
    case k::message: return read_string(ctx, f, p, out.message);
    case k::code_desc: return read_optional_string(ctx, f, p, out.code_desc);
    default:
        return read_list(ctx, f, p, depth, out.events, [&](auto& item, const json_path& here, pulled_event_view& e) {
            return read_pulled_event(ctx, nested, item, here, depth + 1, e);
        });
    }
}

inline bool check_pull_response(json_context& ctx, const seen_members& seen) {
    if (!seen.has(pull_response_keys::code)) return ctx.fail(errc::missing_field, "code", "is required");
    if (!seen.has(pull_response_keys::message)) return ctx.fail(errc::missing_field, "message", "is required");
    return true;
}

/// decode_any's top level: the PullEvent response members, then the event
/// members (shifted by pull_response_keys::count).
inline constexpr std::string_view any_body_names[] = {"code",      "message",   "codeDesc",
                                                      "eventList", "version",   "eventType",
                                                      "data",      "EventType", "ProcedureStateChangeEvent"};

}  // namespace detail

/// Decodes events, into views or into owning structs. Reusable: keeps its
/// parsers, input buffer, arena and list stacks (cleared, not freed, on
/// each call). Views are valid until the decoder is used again and while
/// the body is alive and unchanged; after warm-up on a body of the same
/// shape, decoding into views allocates nothing. One decoder per thread.
/// `Backend` is the JSON backend (json_backend.hpp); `event_decoder` uses
/// the default one.
///
///     tcvod::event_decoder decoder;  // kept and reused
///     auto e = decoder.decode_event(body);
///     if (!e) return reject(e.error());  // code and field path
///     if (e->procedure_state)
///         for (const tcvod::task_view& t : e->procedure_state->process_tasks) use(t.type, t.message);
template <class Backend>
class basic_event_decoder {
public:
    explicit basic_event_decoder(json_decode_options options = {}) : options_(options) {}

    const json_decode_options& options() const noexcept { return options_; }

    /// Bytes the backend may read past the end of a body parsed in place.
    static constexpr std::size_t padding = Backend::padding;

    /// An HTTP callback body, as views (valid until the decoder is used
    /// again and while `body` is alive and unchanged).
    result<event_view> decode_event(std::string_view body) { return decode_event(body, body.size()); }
    /// In place when `capacity` leaves `padding` spare bytes (response.hpp).
    result<event_view> decode_event(std::string_view body, std::size_t capacity) {
        event_view out;
        field_error e = decode(body, capacity, [&](detail::json_context& ctx, auto& root) {
            return detail::read_event(ctx, nested_, root, {}, 1, out);
        });
        if (e.code != errc::ok) return e;
        return out;
    }

    /// Views may point into the body: a temporary string would leave them
    /// dangling. A string literal lives on.
    result<event_view> decode_event(std::string&&) = delete;
    result<event_view> decode_event(std::string&&, std::size_t) = delete;
    template <std::size_t N>
    result<event_view> decode_event(const char (&literal)[N]) {
        return decode_event(std::string_view(literal, N - 1));
    }

    /// Into an owning event, reusing its capacity. `out` is unspecified
    /// after an error.
    [[nodiscard]] field_error decode_event(std::string_view body, event& out) {
        return decode_event(body, body.size(), out);
    }
    [[nodiscard]] field_error decode_event(std::string_view body, std::size_t capacity, event& out) {
        auto view = decode_event(body, capacity);
        if (!view) return view.error();
        assign(out, *view);
        return {};
    }

    /// A PullEvent response, as views.
    result<pull_event_response_view> decode_pull_event_response(std::string_view body) {
        return decode_pull_event_response(body, body.size());
    }
    result<pull_event_response_view> decode_pull_event_response(std::string_view body, std::size_t capacity) {
        pull_event_response_view out;
        field_error e = decode(body, capacity, [&](detail::json_context& ctx, auto& root) {
            detail::seen_members seen;
            return detail::for_each_member(ctx, root, {}, 1, detail::pull_response_keys::names, seen,
                                           [&](std::size_t i, auto& f, const detail::json_path& p) {
                                               return detail::read_pull_response_member(ctx, nested_, i, f, p, 2, out);
                                           }) &&
                   detail::check_pull_response(ctx, seen);
        });
        if (e.code != errc::ok) return e;
        return out;
    }

    result<pull_event_response_view> decode_pull_event_response(std::string&&) = delete;
    result<pull_event_response_view> decode_pull_event_response(std::string&&, std::size_t) = delete;
    template <std::size_t N>
    result<pull_event_response_view> decode_pull_event_response(const char (&literal)[N]) {
        return decode_pull_event_response(std::string_view(literal, N - 1));
    }

    /// Into an owning response, reusing its capacity.
    [[nodiscard]] field_error decode_pull_event_response(std::string_view body, pull_event_response& out) {
        return decode_pull_event_response(body, body.size(), out);
    }
    [[nodiscard]] field_error decode_pull_event_response(std::string_view body, std::size_t capacity,
                                                         pull_event_response& out) {
        auto view = decode_pull_event_response(body, capacity);
        if (!view) return view.error();
        assign(out, *view);
        return {};
    }

    /// Either: a body with a top-level `code`, `message`, `codeDesc` or
    /// `eventList` is a PullEvent response; anything else is a callback,
    /// stored as the only element of `out.events` (empty msgHandle, code 0).
    /// Into views: `out` is valid as decode_event's views are.
    result<event_body_kind> decode_any(std::string_view body, pull_event_response_view& out) {
        return decode_any(body, body.size(), out);
    }
    result<event_body_kind> decode_any(std::string_view body, std::size_t capacity, pull_event_response_view& out) {
        out = pull_event_response_view{};
        pulled_event_view callback;
        bool is_pull = false;
        field_error e = decode(body, capacity, [&](detail::json_context& ctx, auto& root) {
            constexpr std::size_t pull_count = detail::pull_response_keys::count;
            detail::event_reader<Backend> reader(ctx, root.store(), nested_, {}, 1, callback.content);
            detail::seen_members seen;
            bool ok =
                detail::for_each_member(ctx, root, {}, 1, detail::any_body_names, seen,
                                        [&](std::size_t i, auto& f, const detail::json_path& p) {
                                            if (i >= pull_count) {
                                                // Mirror the mark in the reader's own table for its checks.
                                                reader.seen().mark(i - pull_count);
                                                return reader.member(i - pull_count, f, p);
                                            }
                                            is_pull = true;
                                            return detail::read_pull_response_member(ctx, nested_, i, f, p, 2, out);
                                        });
            if (!ok) return false;
            if (is_pull) return detail::check_pull_response(ctx, seen);
            return reader.finish();
        });
        if (e.code != errc::ok) return e;
        if (is_pull) return event_body_kind::pull_event_response;
        out.events = store_.arena.copy(&callback, 1);
        return event_body_kind::callback;
    }

    result<event_body_kind> decode_any(std::string&&, pull_event_response_view&) = delete;
    result<event_body_kind> decode_any(std::string&&, std::size_t, pull_event_response_view&) = delete;

    /// Into an owning response, reusing its capacity.
    result<event_body_kind> decode_any(std::string_view body, pull_event_response& out) {
        return decode_any(body, body.size(), out);
    }
    result<event_body_kind> decode_any(std::string_view body, std::size_t capacity, pull_event_response& out) {
        pull_event_response_view view;
        auto kind = decode_any(body, capacity, view);
        if (kind) assign(out, view);
        return kind;
    }

private:
    /// Starts a decode: the views of the previous one are released.
    template <class Read>
    field_error decode(std::string_view body, std::size_t capacity, Read&& read) {
        store_.reset();
        return detail::decode_document<Backend>(options_, parser_, input_, body, capacity,
                                                [&](detail::json_context& ctx, typename Backend::value& root) {
                                                    detail::view_value<typename Backend::value> value(root, store_);
                                                    return read(ctx, value);
                                                });
    }

    json_decode_options options_;
    typename Backend::parser parser_;
    detail::json_input input_;
    detail::nested_parsers<Backend> nested_;
    detail::view_store store_;
};

/// The event decoder on the default JSON backend.
using event_decoder = basic_event_decoder<detail::default_json_backend>;

}  // namespace v1
}  // namespace tcvod

#endif  // TCVOD_EVENTS_HPP
