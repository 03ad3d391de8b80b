// Client example on libcurl: the same flow as client_beast through another
// HTTP stack, to show that tcvod does not care which one moves the bytes.
// libcurl is a client library, so events come only through PullEvent.
#include "client_flow.hpp"

#include <curl/curl.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

constexpr const char* usage_text =
    "usage: client_curl --url http://127.0.0.1:PORT/v2/index.php [options]\n"
    "\n"
    "Submits RunProcedure for every inputType (GET and POST, HmacSHA1 and HmacSHA256) with libcurl,\n"
    "decodes the answers, follows the tasks' ProcedureStateChanged events through PullEvent and\n"
    "ConfirmEvent, and prints a trace. Exit status 0 when everything went as expected, 1\n"
    "otherwise, 2 on a usage error.\n"
    "\n";

/// One easy handle, reused: libcurl keeps the connection alive between requests.
class curl_transport final : public client_flow::transport {
public:
    explicit curl_transport(const examples::loopback_url& url) : url_(url), curl_(curl_easy_init()) {}
    ~curl_transport() override { curl_easy_cleanup(curl_); }
    curl_transport(const curl_transport&) = delete;
    curl_transport& operator=(const curl_transport&) = delete;

    bool ready() const noexcept { return curl_ != nullptr; }

    client_flow::http_result send(tcvod::http_method method, const std::string& query_or_body) override {
        client_flow::http_result out;
        bool get = method == tcvod::http_method::get;
        std::string target = url_.text + (get ? "?" + query_or_body : std::string());
        curl_easy_reset(curl_);
        curl_easy_setopt(curl_, CURLOPT_URL, target.c_str());
        curl_easy_setopt(curl_, CURLOPT_PROTOCOLS_STR, "http");
        curl_easy_setopt(curl_, CURLOPT_PROXY, "");           // never through a proxy from the environment
        curl_easy_setopt(curl_, CURLOPT_TIMEOUT_MS, 10000L);  // PullEvent may wait 5 s
        curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, &append_body);
        curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &out.body);
        curl_slist* headers = nullptr;
        if (!get) {
            headers = curl_slist_append(headers, "Content-Type: application/x-www-form-urlencoded");
            headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip
            curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, headers);
            curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, query_or_body.data());
            curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(query_or_body.size()));
        }
        CURLcode rc = curl_easy_perform(curl_);
        curl_slist_free_all(headers);
        if (rc != CURLE_OK) {
            out.error = std::string("libcurl: ") + curl_easy_strerror(rc);
            return out;
        }
        long status = 0;
        curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &status);
        out.status = static_cast<unsigned>(status);
        return out;
    }

private:
    static size_t append_body(char* data, size_t size, size_t count, void* user) {
        static_cast<std::string*>(user)->append(data, size * count);
        return size * count;
    }

    examples::loopback_url url_;
    CURL* curl_;
};

int usage_error(const std::string& message) {
    std::fprintf(stderr, "client_curl: %s (see --help)\n", message.c_str());
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    client_flow::options o;
    for (int i = 1; i < argc; ++i) {
        std::string flag = argv[i];
        if (flag == "--help" || flag == "-h") {
            std::fputs(usage_text, stdout);
            std::fputs(client_flow::shared_usage, stdout);
            return 0;
        }
        std::string value;
        if (flag != "--no-error-demo") {
            if (i + 1 >= argc) return usage_error(flag + " needs a value");
            value = argv[++i];
        }
        std::string problem = client_flow::take_flag(flag, value, o);
        if (problem == "unknown") return usage_error("unknown option " + flag);
        if (!problem.empty()) return usage_error(problem);
    }
    if (o.url.text.empty()) return usage_error("--url is required");
    const char* secret_key = std::getenv("TCVOD_SECRET_KEY");
    if (!secret_key || !*secret_key) return usage_error("set the secret key in TCVOD_SECRET_KEY");

    if (curl_global_init(CURL_GLOBAL_NOTHING) != CURLE_OK) return 1;
    int status = 1;
    {
        curl_transport transport(o.url);
        if (transport.ready()) {
            client_flow::runner runner(o, secret_key, transport, "curl");
            status = runner.run();
        }
    }
    curl_global_cleanup();
    return status;
}
