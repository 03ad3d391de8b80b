import os

from conan import ConanFile
from conan.errors import ConanInvalidConfiguration
from conan.tools.build import check_min_cppstd
from conan.tools.files import copy
from conan.tools.layout import basic_layout

required_conan_version = ">=2.0"


class TcvodConan(ConanFile):
    name = "tcvod"
    # Kept in sync with include/tcvod/version.hpp and meson.build by tests/version_test.py.
    version = "0.1.0"
    description = ("Header-only, transport-agnostic C++17 codec for the Tencent Cloud VOD "
                   "server API 2.0: typed requests to signed URLs and bodies, and back")
    license = "BSL-1.0"
    topics = ("tencent-cloud", "vod", "request-signing", "hmac", "header-only")
    package_type = "header-library"
    settings = "os", "arch", "compiler", "build_type"
    options = {"with_openssl": [True, False]}
    default_options = {"with_openssl": False}
    no_copy_source = True

    # The recipe lives in conan/ of the source tree; the sources are its parent.
    def export_sources(self):
        root = os.path.join(self.recipe_folder, os.pardir)
        copy(self, "LICENSE", root, self.export_sources_folder)
        copy(self, "*.hpp", os.path.join(root, "include"), os.path.join(self.export_sources_folder, "include"))

    def layout(self):
        basic_layout(self, src_folder=".")

    def requirements(self):
        # Header-only: every dependency is included by public headers, so all are transitive.
        self.requires("boost/1.81.0")      # Boost.URL, first released in 1.81
        self.requires("simdjson/3.13.0")
        self.requires("fmt/9.1.0")
        if self.options.with_openssl:
            self.requires("openssl/[>=1.1 <4]")

    def package_id(self):
        # Same headers for every configuration; the option only changes
        # requirements and a define, both applied on the consumer side.
        self.info.clear()

    def validate(self):
        check_min_cppstd(self, 17)
        # A system Boost declared by [platform_requires] is not in the
        # dependency set: it has no options to check.
        if "boost" not in self.dependencies:
            return
        boost = self.dependencies["boost"].options
        if boost.get_safe("header_only") or boost.get_safe("without_url"):
            raise ConanInvalidConfiguration(f"{self.ref} needs the compiled Boost.URL library: "
                                            "boost/*:header_only=False and boost/*:without_url=False")

    def build(self):
        pass

    def package(self):
        copy(self, "LICENSE", self.source_folder, os.path.join(self.package_folder, "licenses"))
        copy(self, "*.hpp", os.path.join(self.source_folder, "include"), os.path.join(self.package_folder, "include"))

    def package_info(self):
        self.cpp_info.set_property("cmake_file_name", "tcvod")
        self.cpp_info.set_property("cmake_target_name", "tcvod::tcvod")
        self.cpp_info.set_property("pkg_config_name", "tcvod")
        self.cpp_info.bindirs = []
        self.cpp_info.libdirs = []
        # Only Boost.URL out of Boost, not every Boost library.
        self.cpp_info.requires = ["boost::url", "simdjson::simdjson", "fmt::fmt"]
        if self.options.with_openssl:
            self.cpp_info.requires.append("openssl::crypto")
            self.cpp_info.defines = ["TCVOD_CRYPTO_OPENSSL"]
