// Random valid requests for property tests and fuzz seeds.
#ifndef TCVOD_TESTS_RANDOM_REQUESTS_HPP
#define TCVOD_TESTS_RANDOM_REQUESTS_HPP

#include "tcvod/model.hpp"

#include <random>
#include <string>

namespace tcvod_test {

class request_generator {
public:
    explicit request_generator(unsigned seed) : rng_(seed) {}

    /// Non-empty text mixing ASCII, reserved characters and UTF-8.
    std::string text(std::size_t max_len = 24) {
        static const char* const pieces[] = {"a",
                                             "Z",
                                             "9",
                                             "-",
                                             "_",
                                             ".",
                                             "~",
                                             " ",
                                             "&",
                                             "=",
                                             "#",
                                             "+",
                                             "%",
                                             "/",
                                             "?",
                                             "%2B",
                                             "\xE6\xB5\x8B",
                                             "\xE8\xAF\x95",
                                             "\xF0\x9F\x8E\xAC",
                                             "(",
                                             "{",
                                             ",",
                                             "'",
                                             "\"",
                                             "\\",
                                             "\t",
                                             "@"};
        std::string s;
        std::size_t n = 1 + pick(max_len);
        while (s.size() < n) s += pieces[pick(sizeof pieces / sizeof *pieces)];
        return s;
    }
    std::int64_t integer(std::int64_t lo, std::int64_t hi) {
        return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng_);
    }
    tcvod::time_offset offset() {
        switch (pick(5)) {
        case 0: return integer(0, 100000);
        case 1: return static_cast<double>(integer(0, 1000000)) / 1000.0;  // the hosted way: a double
        case 2: return tcvod::time_offset::from_microseconds(integer(0, 86400000000));
        case 3: return tcvod::time_offset::from_microseconds(integer(-9223372036854775807, 9223372036854775807));
        default: return static_cast<double>(integer(0, 3600)) + 0.5;
        }
    }
    bool coin() { return pick(2) == 0; }

    tcvod::file_clip clip() {
        tcvod::file_clip c;
        c.id = coin() ? std::to_string(integer(1, INT64_MAX)) : text();
        if (coin()) c.start_time_offset = offset();
        if (coin()) c.end_time_offset = offset();
        if (c.start_time_offset && c.end_time_offset && *c.end_time_offset < *c.start_time_offset)
            std::swap(c.start_time_offset, c.end_time_offset);
        return c;
    }
    tcvod::stream_clip stream(bool timestamps) {
        tcvod::stream_clip s;
        s.stream_id = text();
        if (timestamps || coin()) s.start_time_stamp = integer(0, 40000000000);
        if (timestamps || coin()) s.end_time_stamp = integer(0, 40000000000);
        if (s.start_time_stamp && s.end_time_stamp && *s.end_time_stamp < *s.start_time_stamp)
            std::swap(s.start_time_stamp, s.end_time_stamp);
        return s;
    }

    tcvod::run_procedure_request request() {
        tcvod::run_procedure_request r;
        r.type = static_cast<tcvod::input_type>(pick(5));
        switch (r.type) {
        case tcvod::input_type::single_file: r.file = clip(); break;
        case tcvod::input_type::multi_file:
            for (std::size_t i = 0, n = 1 + pick(coin() ? 3 : 25); i < n; ++i) r.file_list.push_back(clip());
            break;
        case tcvod::input_type::stream: r.stream = stream(true); break;
        case tcvod::input_type::multi_stream:
            for (std::size_t i = 0, n = 1 + pick(coin() ? 3 : 25); i < n; ++i) r.stream_list.push_back(stream(false));
            break;
        case tcvod::input_type::pull_file: {
            tcvod::pull_source p;
            p.url = (coin() ? "https://" : "http://") + std::string("cloud.tencent.com/") + text() + "?a=" + text();
            // keep the URL parseable: no raw '#' after the fragment, no '%' that is not an escape
            for (auto& ch : p.url)
                if (ch == '#' || ch == '%' || ch == '\\' || ch == '"' || ch == '{' || ch == '\t') ch = '_';
            p.file_name = text();
            if (coin()) p.file_md5 = "b3ae6ed07d9bf4efeeb94ed2d37ff3e3";
            if (coin()) p.class_id = integer(0, 100000);
            r.pull = p;
            break;
        }
        }
        r.procedure = coin() ? "QCVB_SimpleProcessFile({210,220}, 10, 10, 10)" : text();
        if (coin()) r.notify = static_cast<tcvod::notify_mode>(pick(3));
        if (coin()) r.priority = integer(-10, 10);
        return r;
    }

    tcvod::common_parameters common() {
        tcvod::common_parameters c;
        c.region = coin() ? "gz" : "ap-guangzhou";
        c.timestamp = integer(0, 4102444800);
        c.nonce = integer(1, INT64_MAX);
        c.secret_id = "AKID" + std::to_string(integer(0, 1 << 30));
        if (coin()) c.method = coin() ? tcvod::signature_method::hmac_sha1 : tcvod::signature_method::hmac_sha256;
        if (coin()) c.token = text();
        if (coin()) c.sub_app_id = integer(1, 1LL << 40);
        return c;
    }

private:
    std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_); }
    std::mt19937_64 rng_;
};

}  // namespace tcvod_test

#endif
