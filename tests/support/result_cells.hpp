#pragma once
// Test helpers: the cells exporter tests build their Results from, and a Result rendered by a format.

#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "core/registry.hpp"
#include "core/result.hpp"

namespace framer::test {

inline Cell text(std::string t, bool bold = false, int indent = 0) {
    Cell c;
    c.text = std::move(t);
    c.bold = bold;
    c.indent = indent;
    return c;
}

/// A right-aligned number cell.
inline Cell num(std::string t) {
    Cell c = text(std::move(t));
    c.numeric = true;
    return c;
}

/// `r` as the built-in exporter of `format` writes it.
inline std::string render(const std::string& format, const Result& r) {
    const Exporter* e = builtin_registry().exporter(format);
    REQUIRE(e);
    std::ostringstream out;
    e->write(r, out);
    return out.str();
}

}  // namespace framer::test
