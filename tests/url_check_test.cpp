// The built-in pull.url check: hand-picked URLs, the places where Boost.URL
// 1.81 parts from RFC 3986, and a differential test against Boost.URL (the
// reference it replaces) over every small mutation of a set of seed URLs and
// a few hundred thousand generated ones.
#define TCVOD_URL_CHECK_WITH_BOOST_REFERENCE
#include "tcvod/url_check.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace {

using tcvod::detail::boost_is_pull_url;
using tcvod::detail::builtin_is_pull_url;

// Bytes as C++ source, so a failing case can be pasted into a test.
std::string printable(std::string_view text) {
    std::string out = "\"";
    for (char ch : text) {
        auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\x%02X", c);
            out += escaped;
            out += "\"\"";  // so a following hex digit is not read into the escape
        } else {
            out += ch;
        }
    }
    return out + "\"";
}

// Both checks give `expected`.
void expect_pull_url(std::string_view text, bool expected) {
    EXPECT_EQ(builtin_is_pull_url(text), expected) << printable(text);
    EXPECT_EQ(boost_is_pull_url(text), expected) << printable(text) << " (Boost.URL)";
}

TEST(UrlCheck, Accepted) {
    for (const char* url : {
             "http://a",
             "http://cloud.tencent.com/sample_video/sample.mp4",          // the API page
             "http://cloud.tencent.com/sample_video/sample.mp4?a=1&b=2",  // signature vectors
             "https://cloud.tencent.com/v.mp4?a=1&b=2",
             "http://125xx.vod2.myqcloud.com/vod125xx/14508071098244929440/f0.mp4",
             "https://1400000001.vod2.myqcloud.com/xxx/xxx/f0.mp4",
             "http://127.0.0.1:41234/v2/index.php",  // README
             "http://[::1]",
             "http://[::1]/x",
             "http://[::]",
             "http://[1:2:3:4:5:6:7:8]/",
             "http://[1::]",
             "http://[1:2:3:4:5:6:7::]",
             "http://[::2:3:4:5:6:7:8]",
             "http://[1:2:3:4:5:6:1.2.3.4]",
             "http://[::ffff:1.2.3.4]:80/",
             "http://[::1.2.3.4]",
             "http://[1:2:3:4:5::255.255.255.255]",
             "http://[fe80::A:b:C]",
             "http://[v1.x]",
             "http://[vF.a:b!$]",
             "http://[v1a.:]",
             "http://10.0.0.1/",
             "http://1.2.3.4:8080",
             "http://1.2.3.256/",
             "http://01.2.3.4",
             "http://1.2.3",
             "http://h:",
             "http://h:0",
             "http://h:65535",
             "http://h:99999999999999999999",  // any digits
             "https://user@host/p",
             "https://user:pass@host/p",
             "http://@h",
             "http://u:p:q@h",
             "http://%41%42:%7e@h",
             "http://!$&'()*+,;=@h",
             "HTTP://host:8080/x#frag",
             "HtTpS://h",
             "https://h?",
             "https://h#",
             "https://h/?#",
             "https://h?a=/?:@&b#/?:@",
             "https://h/my video.mp4",
             "https://h/\xE8\xA7\x86\xE9\xA2\x91.mp4",
             "https://h/?q=\xE6\xB5\x8B x",
             "https://h/#\xFF",
             "http://h/%00%ff%Fa",
             "http://h/a//b/./../c",
             "http://\xE6\xB5\x8B.com/",
             "http://%E6%B5%8B.com/",
             "http://u ser@h",  // raw bytes count as pct-encoded
             "http://a%21%7e%80%FF%7E",
             "http://u%00:%20@h",  // decoded controls matter in the host only
             "http://h:80x",
             "http://h:80:81",
             "http://a@b@c",  // Boost.URL 1.81 quirks, below
         })
        expect_pull_url(url, true);
}

TEST(UrlCheck, Refused) {
    for (const char* url : {
             "",
             "h",
             "http",
             "http:",
             "http:/",
             "http://",
             "http:///x",
             "http:///",
             "http:a",
             "http:/a",
             "cloud.tencent.com/v.mp4",
             "/v.mp4",
             "//host/v.mp4",
             "?a",
             "#a",  // relative references
             "ftp://host/v.mp4",
             "file:///etc/passwd",
             "mailto:a@b",
             "ws://h",
             "httpx://h",
             "http+s://h",
             "https2://h",
             "htt://h",
             " http://h",
             "http ://h",
             "http\x01://h",
             "\xE6http://h",
             "http://:80",
             "http://@",
             "http://u@:1",
             "http://?a",
             "http://#a",  // no host
             "http://a b/",
             "http:// ",
             "http://a%20b",
             "http://%00",
             "http://a%1f",
             "http://%7F",
             "http://%7f/",
             "http://%09:80",  // controls in the host
             "https://host/\x01",
             "https://host/\x7F",
             "http://h\t/",
             "http://h/\n",
             "https://host/%zz",
             "https://h/%",
             "https://h/%2",
             "http://%/",
             "http://%g0/",
             "http://h/%%41",
             "http://h/% 41",
             "http://h/%\xE6\xB5",
             "http://u%zz@h",
             "http://h?%",
             "http://h#%0",
             "http://h/a b%",
             "http://[::1]/%",
             "http://[::1",
             "http://[]",
             "http://[",
             "http://[:]",
             "http://[:::]",
             "http://[1:2]",
             "http://[1:2:3:4:5:6:7:8:9]",
             "http://[1:2:3:4:5:6:7:8::]",
             "http://[::1:2:3:4:5:6:7:8]",
             "http://[1::2::3]",
             "http://[12345::]",
             "http://[g::]",
             "http://[1.2.3.4]",
             "http://[::1.2.3]",
             "http://[::1.2.3.256]",
             "http://[::01.2.3.4]",
             "http://[1:2:3:4:5:6:7:1.2.3.4]",
             "http://[1:2:3:4:5:6::1.2.3.4]",
             "http://[::1.2.3.4:5]",
             "http://[1::1.2.3.4.5]",
             "http://[fe80::1%25eth0]",
             "http://[fe80::1%eth0]",
             "http://[::1 ]",
             "http://[ ::1]",
             "http://[V1.x]",
             "http://[v.x]",
             "http://[v1.]",
             "http://[v1x]",
             "http://[v1.%41]",
             "http://[vg.a]",
             "http://[::1]]",
             "http://a[b]",
             "http://h]",
             "http://h/[",
             "http://h?]",
             "http://h#a#b",
             "http://h<",
             "http://h/\"",
             "http://h/{}",
             "http://h\\x",
             "http://h/|",
             "http://h/^",
             "http://h/`",
         })
        expect_pull_url(url, false);
    // A NUL inside the view, not at its end.
    expect_pull_url(std::string_view("http://h\0/", 10), false);
}

// Where Boost.URL 1.81 parts from RFC 3986 the check follows Boost (the
// reference it replaces); each quirk stays visible here.
TEST(UrlCheck, FollowsBoostUrlWhereItPartsFromRfc3986) {
    // After the authority the path need not start with "/" (RFC 3986:
    // path-abempty), so text after a port or a second "@" is a path.
    expect_pull_url("http://h:80x", true);
    expect_pull_url("http://h:80@x", true);
    expect_pull_url("http://a@b@c", true);
    expect_pull_url("http://1.2.3.4x", true);  // a reg-name anyway
    expect_pull_url("http://[::1]x", true);
    // userinfo is never taken back: "h@" is a userinfo and the host is empty.
    expect_pull_url("http://h@", false);
    // ABNF literals are case-insensitive, but Boost takes only "v".
    expect_pull_url("http://[v1.x]", true);
    expect_pull_url("http://[V1.x]", false);
    // The host is checked once percent-decoded: a pasted space and its
    // triplet alike are refused there, and accepted in the path.
    expect_pull_url("http://a b/", false);
    expect_pull_url("http://a%20b/", false);
    expect_pull_url("http://ab/ %20", true);
    // An IPv4address host ends with the address and the rest is path (with
    // no "/" needed), so a space after it is not in the host; a near miss is
    // a reg-name that runs on and takes the space in.
    expect_pull_url("http://1.2.3.4 /", true);
    expect_pull_url("http://1.2.3.4%20", true);
    expect_pull_url("http://1.2.3.256 /", false);
    expect_pull_url("http://1.2.3.2555 /", false);  // a fourth digit: no IPv4address
    expect_pull_url("http://01.2.3.4 /", false);    // a leading zero: no IPv4address
    expect_pull_url("http://1.2.3 /", false);
}

TEST(UrlCheck, LongInputsNeedNoBuffer) {
    // Boost's reference copies these to the heap; the built-in check reads in place.
    expect_pull_url("https://h/" + std::string(5000, 'a') + " " + std::string(600, '\xE9'), true);
    expect_pull_url("https://" + std::string(100000, '\xE9') + "/", true);
    expect_pull_url("ftp://h/" + std::string(5000, 'a'), false);
    expect_pull_url("https://h/" + std::string(5000, 'a') + "%", false);
}

TEST(UrlCheck, PublicNameIsTheBuiltInCheck) {
    static_assert(noexcept(tcvod::is_pull_url(std::string_view())), "no exceptions, no allocation");
    EXPECT_TRUE(tcvod::is_pull_url("https://h/a b"));
    EXPECT_FALSE(tcvod::is_pull_url("http:///x"));
}

// --- differential against Boost.URL ---

std::size_t differential_cases = 0;
std::size_t differential_accepted = 0;
std::size_t differential_failures = 0;

void compare(std::string_view text) {
    ++differential_cases;
    bool builtin = builtin_is_pull_url(text);
    differential_accepted += builtin;
    if (builtin != boost_is_pull_url(text) && ++differential_failures <= 20)
        ADD_FAILURE() << printable(text) << ": built-in " << builtin << ", Boost.URL " << !builtin;
}

const char* const seed_urls[] = {
    "http://a",
    "https://cloud.tencent.com/sample_video/sample.mp4?a=1&b=2#f",
    "HTTP://h:8080/x",
    "https://user:pw@host:1/p/q",
    "http://@h",
    "http://1.2.3.4/",
    "http://1.2.3.25:5",
    "http://[::1]/",
    "http://[1:2:3:4:5:6:7:8]",
    "http://[::ffff:1.2.3.4]",
    "http://[1:2:3:4:5:6:1.2.3.4]",
    "http://[1::2:3]:80",
    "http://[a:b::]",
    "http://[v1.a:b]",
    "http://[vA.x]/",
    "http://%41%e9/",
    "https://h/%2F?%41#%42",
    "http://h/a b",
    "http://h/\xE8\xA7\x86",
    "http://h?q=/?:@",
    "http://h#/?",
    "http://u@h@x",
    "http://h:80x",
    "https://h/",
    "http:///x",
    "ftp://h",
    "http:h",
    "https:/h",
    "//h/x",
    "http://[::1.2.3.4]:",
};

// Bytes that matter somewhere in the grammar, and a few that never do.
constexpr char alphabet_bytes[] = "\x00 \t\x7F\x80\xE6\xFF:/?#[]@%!$&'()*+,;=-._~aAfFgGvVzZhHtTpPsS0123456789<\"\\^{";
const std::string_view alphabet(alphabet_bytes, sizeof alphabet_bytes - 1);

TEST(UrlCheck, DifferentialMutationsOfSeeds) {
    differential_cases = differential_accepted = differential_failures = 0;
    for (std::string_view seed : seed_urls) {
        std::string text(seed);
        compare(text);
        for (std::size_t at = 0; at <= seed.size(); ++at) {
            if (at < seed.size()) compare(std::string(seed).erase(at, 1));
            for (char a : alphabet) {
                if (at < seed.size()) {  // replace one byte
                    text[at] = a;
                    compare(text);
                    text[at] = seed[at];
                }
                std::string inserted = std::string(seed).insert(at, 1, a);
                compare(inserted);
                for (char b : alphabet) {
                    if (at + 1 < seed.size()) {  // replace two bytes
                        text[at] = a;
                        text[at + 1] = b;
                        compare(text);
                        text[at] = seed[at];
                        text[at + 1] = seed[at + 1];
                    }
                    inserted.insert(at + 1, 1, b);  // insert two bytes
                    compare(inserted);
                    inserted.erase(at + 1, 1);
                }
            }
        }
    }
    std::printf("[ differential ] %zu mutations of %zu seeds, %zu accepted\n", differential_cases, std::size(seed_urls),
                differential_accepted);
    EXPECT_EQ(differential_failures, 0u);
}

// A generator that knows the grammar: each part is valid most of the time
// and a near miss otherwise, so both answers stay common and most inputs
// reach the end of the grammar. One random draw per statement, so every
// compiler generates the same URLs.
class url_generator {
public:
    explicit url_generator(std::uint32_t seed) : rng_(seed) {}

    std::string next() {
        std::string url = either({"http", "https", "HTTP", "hTtPs"}, {"ftp", "httpss", "h", "", "http+x", "hTtP:"});
        url += either({"://"}, {":/", ":", "//", ":///", ""});
        if (chance(4)) url += text({"u", ":", "%41", " ", "!", "~", "\xE6"}, {"@", "%", "%4", "/", "["}, 4) + "@";
        url += host();
        if (chance(3)) url += ":" + text({"0", "8", "80", "65535", "99999"}, {"x", ":", "%41", " ", "@"}, 2);
        if (chance(2))
            url += text({"/", "/", "a", "%41", " ", "\xE6", ":", "@", ".", "..", "~"}, {"%", "%g", "[", "\x7F"}, 8);
        if (chance(3)) url += "?" + text({"a", "=", "&", "/", "?", ":", "@", "%20", " ", "\x80"}, {"%", "[", "#"}, 8);
        if (chance(4)) url += "#" + text({"f", "/", "?", "%7e", " "}, {"#", "%z", "]"}, 5);
        if (chance(16)) {
            std::size_t at = below(url.size() + 1);
            url.insert(at, 1, static_cast<char>(below(256)));
        }
        if (chance(16) && !url.empty()) url.erase(below(url.size()), 1);
        return url;
    }

private:
    using choices = std::initializer_list<const char*>;
    std::mt19937 rng_;  // the same sequence on every platform (the distributions are not)

    std::size_t below(std::size_t n) { return static_cast<std::size_t>(rng_() % n); }
    bool chance(std::size_t one_in) { return below(one_in) == 0; }
    std::string pick(choices from) { return *(from.begin() + below(from.size())); }
    std::string either(choices good, choices near_miss) { return chance(10) ? pick(near_miss) : pick(good); }
    std::string text(choices good, choices near_miss, std::size_t most) {
        std::string out;
        for (std::size_t n = below(most + 1); n != 0; --n) out += chance(30) ? pick(near_miss) : pick(good);
        return out;
    }

    std::string octet() {
        return either({"0", "1", "9", "10", "99", "100", "199", "249", "250", "255"}, {"256", "300", "01", "1000", ""});
    }
    std::string ipv4() {
        std::string out = octet();
        for (int i = chance(20) ? 2 : 3; i != 0; --i) out += "." + octet();
        return out;
    }
    std::string h16() { return either({"0", "1", "ab", "FFFF", "1a2b", "fff"}, {"12345", "g", "00000", ""}); }
    std::string ipv6() {
        // Up to nine groups, maybe one elided as "::", maybe an IPv4 tail.
        std::size_t groups = below(10);
        std::size_t elide_at = chance(4) ? groups + 1 : below(groups + 1);
        std::string out;
        for (std::size_t i = 0; i < groups; ++i) {
            if (i == elide_at)
                out += "::";
            else if (i != 0)
                out += ":";
            out += h16();
        }
        if (elide_at == groups) out += "::";
        if (chance(3)) out += (out.empty() || out.back() == ':' ? "" : ":") + ipv4();
        if (chance(20)) out += pick({"%25eth0", "%eth0", ":", " ", "%", "::"});
        return out;
    }
    std::string host() {
        switch (below(6)) {
        case 0: return ipv4();
        case 1:
        case 2: {
            std::string literal = "[" + ipv6();
            return chance(20) ? literal : literal + "]";
        }
        case 3: {
            std::string literal = "[" + either({"v1", "vF", "v1a"}, {"v", "V1", "vg", ""});
            literal += either({"."}, {"", ":"});
            return literal + text({"a", ":", "!", "~"}, {"%41", "]", " "}, 3) + "]";
        }
        default:
            return text({"h", "a.b", "-", "%41", "%e9", "\xE6\xB5\x8B", "!", "$", "~", "1", "."},
                        {" ", "%", "%20", "%7F", "%1f", "]", "["}, 5);
        }
    }
};

TEST(UrlCheck, DifferentialGeneratedUrls) {
    differential_cases = differential_accepted = differential_failures = 0;
    url_generator generate(20261202);
    for (int i = 0; i < 400000; ++i) compare(generate.next());
    std::printf("[ differential ] %zu generated URLs, %zu accepted\n", differential_cases, differential_accepted);
    EXPECT_EQ(differential_failures, 0u);
    EXPECT_GT(differential_accepted, differential_cases / 10);  // the generator reaches deep enough
}

}  // namespace
