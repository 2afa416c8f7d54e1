#pragma once
/// CSV exporter ("csv"): RFC 4180, UTF-8 without BOM, CRLF line ends.

#include <memory>

#include "core/plugin.hpp"

namespace framer {

/// The csv exporter: writes the tables marked Table::csv (else the first), header rows then body rows,
/// hidden columns and rows included (they are what makes a sheet importable again). Several tables are
/// separated by an empty line.
std::unique_ptr<Exporter> make_csv_exporter();

}  // namespace framer
