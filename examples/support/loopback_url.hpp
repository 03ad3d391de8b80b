// `http://HOST[:PORT][/path]` with HOST a loopback address, parsed with
// Boost.URL (no DNS lookup). The examples refuse anything else, so they
// never send traffic off this machine.
#ifndef TCVOD_EXAMPLES_LOOPBACK_URL_HPP
#define TCVOD_EXAMPLES_LOOPBACK_URL_HPP

#include <boost/url/parse.hpp>

#include <arpa/inet.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace examples {

struct loopback_url {
    std::string address;  // "127.0.0.1" or "::1"
    std::uint16_t port = 80;
    std::string host_header;  // host[:port] as written, for the Host field
    std::string target;       // path and query, "/" when empty
    std::string text;         // the URL as given
};

/// 127.0.0.0/8, ::1, or `localhost` (taken as 127.0.0.1).
inline std::optional<loopback_url> parse_loopback_url(std::string_view text, std::string& problem) {
    auto parsed = boost::urls::parse_uri(boost::urls::string_view(text.data(), text.size()));
    if (!parsed) {
        problem = "not an absolute URL";
        return std::nullopt;
    }
    if (parsed->scheme() != "http") {
        problem = "only http:// URLs (on a loopback address) are supported";
        return std::nullopt;
    }
    loopback_url out;
    std::string host(parsed->encoded_host());
    unsigned char bytes[16];
    if (host == "localhost") {
        out.address = "127.0.0.1";
    } else if (::inet_pton(AF_INET, host.c_str(), bytes) == 1 && bytes[0] == 127) {
        out.address = host;
    } else if (host == "[::1]") {
        out.address = "::1";
    } else {
        problem = "the host must be a loopback address (127.0.0.1, [::1] or localhost)";
        return std::nullopt;
    }
    if (parsed->has_port()) {
        if (parsed->port_number() == 0) {
            problem = "invalid port";
            return std::nullopt;
        }
        out.port = parsed->port_number();
    }
    if (parsed->has_fragment() || parsed->has_userinfo()) {
        problem = "the URL must not have user info or a fragment";
        return std::nullopt;
    }
    out.host_header = std::string(parsed->encoded_host_and_port());
    out.target = std::string(parsed->encoded_target());
    if (out.target.empty() || out.target.front() != '/') out.target.insert(0, "/");
    out.text = std::string(text);
    return out;
}

}  // namespace examples

#endif
