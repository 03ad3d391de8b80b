// Reads tests/vectors/signature_vectors.txt (see make_signature_vectors.py).
#ifndef TCVOD_TESTS_VECTORS_HPP
#define TCVOD_TESTS_VECTORS_HPP

#include <fstream>
#include <string>
#include <vector>

namespace tcvod_test {

struct signature_vector {
    std::string name, key, method, host, path, string_to_sign, signature, wire;
    std::vector<std::pair<std::string, std::string>> params;
};

inline std::string data_path(const std::string& file) { return std::string(TCVOD_TEST_DATA_DIR) + "/" + file; }

inline std::vector<signature_vector> load_signature_vectors() {
    std::ifstream in(data_path("vectors/signature_vectors.txt"));
    std::vector<signature_vector> out;
    std::string line;
    auto value = [&](const char* prefix) { return line.substr(std::string(prefix).size()); };
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        if (line[0] == '[') {
            out.emplace_back();
            out.back().name = line.substr(1, line.size() - 2);
        } else if (line.rfind("key: ", 0) == 0) {
            out.back().key = value("key: ");
        } else if (line.rfind("endpoint: ", 0) == 0) {
            std::string rest = value("endpoint: ");
            auto a = rest.find(' '), b = rest.find(' ', a + 1);
            out.back().method = rest.substr(0, a);
            out.back().host = rest.substr(a + 1, b - a - 1);
            out.back().path = rest.substr(b + 1);
        } else if (line.rfind("param: ", 0) == 0) {
            std::string kv = value("param: ");
            auto eq = kv.find('=');
            out.back().params.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
        } else if (line.rfind("string-to-sign: ", 0) == 0) {
            out.back().string_to_sign = value("string-to-sign: ");
        } else if (line.rfind("signature: ", 0) == 0) {
            out.back().signature = value("signature: ");
        } else if (line.rfind("wire: ", 0) == 0) {
            out.back().wire = value("wire: ");
        }
    }
    return out;
}

}  // namespace tcvod_test

#endif
