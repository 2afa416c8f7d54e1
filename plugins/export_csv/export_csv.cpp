// CSV: the machine-readable rendering. Cell text only; style hints do not apply.
#include "export_csv/export_csv.hpp"

#include <ostream>

#include "core/table_util.hpp"

namespace framer {
namespace {

void write_field(const std::string& text, std::ostream& out) {
    // RFC 4180: quote fields with a comma, quote or line break; double the quotes inside. Leading or trailing
    // spaces are quoted too so spreadsheet programs keep them.
    bool quote = text.find_first_of(",\"\r\n") != std::string::npos ||
                 (!text.empty() && (text.front() == ' ' || text.back() == ' '));
    if (!quote) {
        out << text;
        return;
    }
    out << '"';
    for (char c : text) {
        if (c == '"') out << '"';
        out << c;
    }
    out << '"';
}

void write_row(const std::vector<Cell>& row, std::size_t columns, std::ostream& out) {
    for (std::size_t c = 0; c < columns; ++c) {
        if (c) out << ',';
        write_field(cell_at(row, c).text, out);
    }
    out << "\r\n";
}

class CsvExporter : public Exporter {
public:
    std::string name() const override { return "csv"; }
    std::vector<std::string> extensions() const override { return {".csv"}; }
    void write(const Result& result, std::ostream& out) const override {
        bool first = true;
        for (const Table* table : csv_tables(result)) {
            if (!first) out << "\r\n";
            first = false;
            std::size_t columns = column_count(*table);
            for (const auto& row : table->header) write_row(row, columns, out);
            for_each_row(*table, [&](const std::vector<Cell>& row) { write_row(row, columns, out); });
        }
    }
};

}  // namespace

std::unique_ptr<Exporter> make_csv_exporter() { return std::make_unique<CsvExporter>(); }

}  // namespace framer
