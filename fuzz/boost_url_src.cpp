// Boost.URL's compiled part, built with the fuzzers' instrumentation.
#include <boost/url/src.hpp>
