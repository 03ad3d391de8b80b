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
    # One option per component that needs a library (tcvod::core needs none):
    # with every option off the package requires nothing.
    options = {
        "with_json": [True, False],       # tcvod::json: response.hpp, events.hpp (simdjson)
        "with_fmt": [True, False],        # tcvod::fmt: fmt.hpp (fmt)
        "with_openssl": [True, False],    # tcvod::openssl: SHA-1/SHA-256 from libcrypto
        "with_boost_url": [True, False],  # tcvod::boost_url: pull.url checked by Boost.URL
    }
    default_options = {"with_json": True, "with_fmt": True, "with_openssl": False, "with_boost_url": False}
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
        if self.options.with_json:
            self.requires("simdjson/3.13.0")
        if self.options.with_fmt:
            self.requires("fmt/9.1.0")
        if self.options.with_openssl:
            self.requires("openssl/[>=1.1 <4]")
        if self.options.with_boost_url:
            self.requires("boost/1.81.0")  # Boost.URL, first released in 1.81

    def package_id(self):
        # Same headers for every configuration; the options only change
        # requirements and defines, both applied on the consumer side.
        self.info.clear()

    def validate(self):
        check_min_cppstd(self, 17)
        # No Boost (with_boost_url=False), or a system Boost declared by
        # [platform_requires], which is not in the dependency set: no options to check.
        if not self._has_dependency("boost"):
            return
        boost = self.dependencies["boost"].options
        if boost.get_safe("header_only") or boost.get_safe("without_url"):
            raise ConanInvalidConfiguration(f"{self.ref} needs the compiled Boost.URL library: "
                                            "boost/*:header_only=False and boost/*:without_url=False")

    def _has_dependency(self, name):
        try:
            self.dependencies[name]
        except KeyError:
            return False
        return True

    def build(self):
        pass

    def package(self):
        copy(self, "LICENSE", self.source_folder, os.path.join(self.package_folder, "licenses"))
        copy(self, "*.hpp", os.path.join(self.source_folder, "include"), os.path.join(self.package_folder, "include"))

    def package_info(self):
        # Components, named as in the CMake config and the .pc files meson
        # installs: tcvod::<name> and tcvod-<name>.pc. tcvod::tcvod (tcvod.pc)
        # is every enabled component: core + json + fmt by default.
        self.cpp_info.set_property("cmake_file_name", "tcvod")
        self.cpp_info.set_property("cmake_target_name", "tcvod::tcvod")
        self.cpp_info.set_property("pkg_config_name", "tcvod")

        core = self.cpp_info.components["core"]
        core.set_property("cmake_target_name", "tcvod::core")
        core.set_property("pkg_config_name", "tcvod-core")
        core.bindirs = []
        core.libdirs = []

        def component(name, requires, defines=()):
            c = self.cpp_info.components[name]
            c.set_property("cmake_target_name", f"tcvod::{name}")
            c.set_property("pkg_config_name", f"tcvod-{name}")
            c.bindirs = []
            c.libdirs = []
            c.includedirs = []
            c.requires = ["core"]
            # A [platform_requires] package is not among the dependencies
            # (Conan generates nothing for it; see README.md): the consumer
            # links the system's copy itself.
            if self._has_dependency(requires.split("::")[0]):
                c.requires.append(requires)
            c.defines = list(defines)

        if self.options.with_json:
            component("json", "simdjson::simdjson")
        if self.options.with_fmt:
            component("fmt", "fmt::fmt")
        if self.options.with_openssl:
            component("openssl", "openssl::crypto", ["TCVOD_CRYPTO_OPENSSL"])
        if self.options.with_boost_url:
            # Only Boost.URL out of Boost, not every Boost library.
            component("boost_url", "boost::url", ["TCVOD_USE_BOOST_URL"])
