// Replays inputs through a fuzz target without libFuzzer, so the seed
// corpora and every past crash input run as ordinary tests with any
// compiler. Usage: TARGET_replay PATH...  (files, or directories read
// recursively). Fails when a path is missing or no input was found: a
// replay that runs nothing must not pass. An abort (a failed invariant, or
// a sanitizer report with abort_on_error) names the input that caused it;
// TCVOD_REPLAY_VERBOSE=1 lists every input as it runs.
#include <algorithm>
#include <csignal>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

// The input being replayed, for the abort handler (which may only call
// async-signal-safe functions, hence a fixed buffer and write()).
char current_input[4096];

void report_current_input(int signal_number) {
    static const char prefix[] = "\nreplay: aborted while running ";
    (void)!::write(2, prefix, sizeof prefix - 1);
    (void)!::write(2, current_input, std::strlen(current_input));
    (void)!::write(2, "\n", 1);
    std::signal(signal_number, SIG_DFL);
    std::raise(signal_number);
}

bool collect(const fs::path& path, std::vector<fs::path>& files) {
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) {
        files.push_back(path);
        return true;
    }
    if (!fs::is_directory(path, ec)) {
        std::fprintf(stderr, "replay: %s: no such file or directory\n", path.string().c_str());
        return false;
    }
    std::vector<fs::path> found;
    for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_regular_file(ec) && it->path().filename().string()[0] != '.') found.push_back(it->path());
    if (ec) {
        std::fprintf(stderr, "replay: %s: %s\n", path.string().c_str(), ec.message().c_str());
        return false;
    }
    std::sort(found.begin(), found.end());  // a stable order makes failures reproducible
    files.insert(files.end(), found.begin(), found.end());
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<fs::path> files;
    bool ok = argc > 1;
    for (int i = 1; i < argc; ++i) ok &= collect(argv[i], files);
    if (!ok) return 1;
    if (files.empty()) {
        std::fprintf(stderr, "replay: no inputs found\n");
        return 1;
    }
    std::signal(SIGABRT, report_current_input);
    const bool verbose = std::getenv("TCVOD_REPLAY_VERBOSE") != nullptr;
    std::size_t bytes = 0;
    for (const auto& file : files) {
        std::ifstream in(file, std::ios::binary);
        std::vector<char> data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (!in.eof() && in.fail()) {
            std::fprintf(stderr, "replay: cannot read %s\n", file.string().c_str());
            return 1;
        }
        std::snprintf(current_input, sizeof current_input, "%s", file.string().c_str());
        if (verbose) std::fprintf(stderr, "replay: %s (%zu bytes)\n", current_input, data.size());
        // A copy in its own allocation: ASan then catches reads past the end.
        std::vector<std::uint8_t> exact(data.begin(), data.end());
        LLVMFuzzerTestOneInput(exact.data(), exact.size());
        bytes += exact.size();
    }
    std::printf("replayed %zu inputs, %zu bytes\n", files.size(), bytes);
    return 0;
}
