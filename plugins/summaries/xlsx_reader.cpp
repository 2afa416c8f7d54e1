// Reading an edited chart from xlsx: the workbook's sheet list (workbook.xml + its rels), shared and inline
// strings, and the cells of each sheet. Only sheets with the chart's hidden key row are read; the key row and key
// column say which unit and code every summary cell belongs to.
#include <fmt/format.h>
#include <pugixml.hpp>
#include <zip.h>

#include <cstring>
#include <map>
#include <memory>

#include "chart/layout.hpp"
#include "export_xlsx/xlsx_xml.hpp"
#include "refi/error.hpp"
#include "refi/index.hpp"
#include "summaries/summaries.hpp"

namespace framer {

namespace {

constexpr std::uint64_t max_entry_bytes = 256ull << 20;

class XlsxArchive {
public:
    explicit XlsxArchive(const std::filesystem::path& path) : m_path(path.string()) {
        int error = 0;
        m_zip = zip_open(m_path.c_str(), ZIP_RDONLY, &error);
        if (!m_zip) throw refi::Error(m_path, {}, "not a readable xlsx (zip) file");
    }
    ~XlsxArchive() { if (m_zip) zip_discard(m_zip); }
    XlsxArchive(const XlsxArchive&) = delete;
    XlsxArchive& operator=(const XlsxArchive&) = delete;

    std::optional<std::string> read(const std::string& name) const {
        zip_int64_t index = zip_name_locate(m_zip, name.c_str(), ZIP_FL_NOCASE);
        if (index < 0) return std::nullopt;
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(m_zip, static_cast<zip_uint64_t>(index), 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) ||
            st.size > max_entry_bytes)
            throw refi::Error(m_path, {}, "xlsx entry " + name + " is unreadable or too large");
        std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> file(
            zip_fopen_index(m_zip, static_cast<zip_uint64_t>(index), 0), zip_fclose);
        if (!file) throw refi::Error(m_path, {}, "cannot open xlsx entry " + name);
        std::string bytes(st.size, '\0');
        zip_int64_t got = bytes.empty() ? 0 : zip_fread(file.get(), bytes.data(), st.size);
        if (got < 0 || static_cast<zip_uint64_t>(got) != st.size)
            throw refi::Error(m_path, {}, "corrupt xlsx entry " + name);
        return bytes;
    }
    const std::string& path() const { return m_path; }

private:
    std::string m_path;
    zip_t* m_zip = nullptr;
};

// Producers differ in prefixes (Excel writes none, some tools write x:row); match local names.
const char* local(const pugi::xml_node& n) {
    const char* name = n.name();
    const char* colon = std::strrchr(name, ':');
    return colon ? colon + 1 : name;
}
bool is(const pugi::xml_node& n, const char* want) { return std::strcmp(local(n), want) == 0; }
pugi::xml_node child(const pugi::xml_node& n, const char* want) {
    for (auto c : n.children())
        if (is(c, want)) return c;
    return {};
}
const char* attr(const pugi::xml_node& n, const char* want) {
    for (auto a : n.attributes()) {
        const char* name = a.name();
        const char* colon = std::strrchr(name, ':');
        if (std::strcmp(colon ? colon + 1 : name, want) == 0) return a.value();
    }
    return "";
}

pugi::xml_document parse(const XlsxArchive& zip, const std::string& entry, bool required) {
    pugi::xml_document doc;
    auto bytes = zip.read(entry);
    if (!bytes) {
        if (required) throw refi::Error(zip.path(), {}, "not an xlsx workbook: " + entry + " is missing");
        return doc;
    }
    auto ok = doc.load_buffer(bytes->data(), bytes->size(), pugi::parse_default | pugi::parse_ws_pcdata);
    if (!ok) throw refi::Error(zip.path(), {}, fmt::format("{}: {} at byte {}", entry, ok.description(), ok.offset));
    return doc;
}

// OOXML escapes characters XML cannot hold as _xHHHH_ (Excel writes a CR as _x000D_).
std::string unescape_ooxml(const std::string& s) {
    if (s.find("_x") == std::string::npos) return s;
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (xlsx::excel_escape_at(s, i)) {
            unsigned cp = static_cast<unsigned>(std::stoul(s.substr(i + 2, 4), nullptr, 16));
            if (cp < 0x80) out += static_cast<char>(cp);
            else if (cp < 0x800) { out += static_cast<char>(0xC0 | (cp >> 6)); out += static_cast<char>(0x80 | (cp & 0x3F)); }
            else {
                out += static_cast<char>(0xE0 | (cp >> 12));
                out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
                out += static_cast<char>(0x80 | (cp & 0x3F));
            }
            i += 6;
            continue;
        }
        out += s[i];
    }
    return out;
}

// The text of a <si> or <is>: its <t>, or the <t> of each rich-text run (phonetic runs skipped).
std::string string_item(const pugi::xml_node& item) {
    std::string text;
    for (auto c : item.children()) {
        if (is(c, "t")) text += c.text().get();
        else if (is(c, "r")) text += child(c, "t").text().get();
    }
    return unescape_ooxml(text);
}

struct CellRef { int row = 0; int col = 0; };
bool parse_ref(const char* r, CellRef& out) {
    int col = 0, row = 0;
    const char* p = r;
    while (*p >= 'A' && *p <= 'Z') col = col * 26 + (*p++ - 'A' + 1);
    while (*p >= '0' && *p <= '9') row = row * 10 + (*p++ - '0');
    if (col == 0 || row == 0 || *p) return false;
    out = {row, col - 1};
    return true;
}


/// A column's letters in messages (columns from 0, as the grid holds them).
std::string column_letters(int col) { return xlsx::column_name(static_cast<std::uint32_t>(col)); }

using Grid = std::map<int, std::map<int, std::string>>;  // row (1-based) -> column (0-based) -> text

Grid read_grid(const pugi::xml_document& sheet, const std::vector<std::string>& shared) {
    Grid grid;
    auto data = child(child(sheet, "worksheet"), "sheetData");
    int row_number = 0;
    for (auto row : data.children()) {
        if (!is(row, "row")) continue;
        const char* r = attr(row, "r");
        row_number = *r ? std::atoi(r) : row_number + 1;
        int col = -1;
        for (auto c : row.children()) {
            if (!is(c, "c")) continue;
            CellRef ref;
            col = parse_ref(attr(c, "r"), ref) ? ref.col : col + 1;
            std::string type = attr(c, "t"), text;
            if (type == "s") {
                auto i = static_cast<std::size_t>(std::atol(child(c, "v").text().get()));
                if (i < shared.size()) text = shared[i];
            } else if (type == "inlineStr") {
                text = string_item(child(c, "is"));
            } else {
                text = unescape_ooxml(child(c, "v").text().get());
            }
            if (!text.empty()) grid[row_number][col] = std::move(text);
        }
    }
    return grid;
}

std::vector<std::string> tokens(const std::string& s) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < s.size()) {
        auto j = s.find(' ', i);
        if (j == std::string::npos) j = s.size();
        if (j > i) out.push_back(s.substr(i, j - i));
        i = j + 1;
    }
    return out;
}

std::string token_value(const std::vector<std::string>& toks, const std::string& prefix) {
    for (const auto& t : toks)
        if (t.rfind(prefix, 0) == 0) return t.substr(prefix.size());
    return {};
}
bool has_token(const std::vector<std::string>& toks, const char* t) {
    for (const auto& x : toks)
        if (x == t) return true;
    return false;
}

struct Sheet {
    std::string name;
    std::string entry;
};

void read_sheet(const Sheet& sheet, const Grid& grid, const refi::Project& project, const refi::ProjectIndex& index,
                std::vector<ChartCell>& cells, std::vector<std::string>& problems, bool& found) {
    namespace keys = chart::keys;
    // The key row: the row whose first filled cell is the marker (title or note rows may sit above the header).
    int key_row = 0, first_col = 0;
    for (const auto& [r, cols] : grid) {
        if (!cols.empty() && cols.begin()->second.rfind(keys::marker, 0) == 0) {
            key_row = r;
            first_col = cols.begin()->first;
            break;
        }
    }
    if (!key_row) return;  // not a chart sheet (e.g. a notes sheet): ignored
    found = true;
    const auto& key_cells = grid.at(key_row);
    const std::string where_sheet = "sheet '" + sheet.name + "'";
    int key_col = -1;
    for (const auto& [c, text] : key_cells)
        if (text.rfind(keys::sheet, 0) == 0) key_col = c;
    if (key_col < 0) {
        problems.push_back(where_sheet + ": its hidden key column is gone (a column was deleted?)");
        return;
    }
    std::string written = key_cells.at(key_col).substr(std::strlen(keys::sheet));
    if (written != sheet.name) {
        problems.push_back(fmt::format("{}: the sheet was renamed (framer chart wrote it as '{}')", where_sheet, written));
        return;
    }
    auto header_it = grid.find(key_row - 1);
    static const std::map<int, std::string> no_cells;
    const auto& header = header_it == grid.end() ? no_cells : header_it->second;
    auto text_at = [](const std::map<int, std::string>& row, int c) {
        auto it = row.find(c);
        return it == row.end() ? std::string() : it->second;
    };
    auto marker = tokens(key_cells.at(first_col));
    const std::string theme_guid = token_value(marker, keys::theme);
    const std::string marker_unit = token_value(marker, keys::unit);
    const bool per_unit = !marker_unit.empty();

    // Check every header against what the chart writes for that key today.
    auto check_header = [&](int c, const std::string& expected) {
        std::string got = text_at(header, c);
        if (got != expected)
            problems.push_back(fmt::format("{}, column {}: header '{}' was changed (expected '{}')", where_sheet,
                                           column_letters(c), got, expected));
    };
    const char* first_header = per_unit ? chart::per_unit_code_header : nullptr;
    std::string h0 = text_at(header, first_col);
    if (per_unit ? h0 != first_header : (h0 != "Case" && h0 != "Source"))
        problems.push_back(fmt::format("{}, column {}: header '{}' was changed (expected '{}')", where_sheet,
                                       column_letters(first_col), h0, per_unit ? first_header : "Case' or 'Source"));
    check_header(key_col, keys::key_header);
    std::vector<int> summary_cols;
    for (int c = first_col + 1; c < key_col; ++c) {
        auto toks = tokens(text_at(key_cells, c));
        std::string code_guid = token_value(toks, keys::code);
        const refi::Code* code = code_guid.empty() ? nullptr : index.find_code(code_guid);
        bool self = has_token(toks, keys::self);
        if (toks.empty()) {
            problems.push_back(fmt::format("{}, column {}: a column was inserted or its key cleared", where_sheet,
                                           column_letters(c)));
        } else if (toks.front().rfind(keys::var, 0) == 0) {
            check_header(c, text_at(key_cells, c).substr(std::strlen(keys::var)));
        } else if (!code_guid.empty() && !code) {
            problems.push_back(fmt::format("{}, column {}: unknown code GUID {}", where_sheet, column_letters(c), code_guid));
        } else if (toks.front() == keys::data) {
            check_header(c, per_unit ? chart::per_unit_data_header : chart::data_header(code->name, self));
        } else if (toks.front() == keys::summary) {
            check_header(c, per_unit ? chart::per_unit_summary_header : chart::summary_header(code->name, self));
            summary_cols.push_back(c);
        }
    }
    for (auto it = grid.upper_bound(key_row); it != grid.end(); ++it) {
        const auto& [r, row] = *it;
        auto row_toks = tokens(text_at(row, key_col));
        for (int c : summary_cols) {
            auto col_toks = tokens(text_at(key_cells, c));
            ChartCell cell;
            cell.where = fmt::format("{}, row {} (cell {}{})", where_sheet, r, column_letters(c), r);
            cell.summary = text_at(row, c);
            cell.theme_guid = theme_guid;
            cell.unit_guid = token_value(row_toks, keys::unit);
            if (cell.unit_guid.empty()) cell.unit_guid = token_value(col_toks, keys::unit);
            cell.code_guid = token_value(row_toks, keys::code);
            if (cell.code_guid.empty()) cell.code_guid = token_value(col_toks, keys::code);
            if (row_toks.empty()) {
                if (!cell.summary.empty())
                    problems.push_back(cell.where + ": a summary in a row framer chart did not write (no key)");
                continue;
            }
            if (!per_unit) cell.unit_name = text_at(row, first_col);
            cells.push_back(std::move(cell));
        }
    }
    (void)project;
}

}  // namespace

std::vector<ChartCell> read_chart_xlsx(const std::filesystem::path& path, const refi::Project& project,
                                       std::vector<std::string>& problems) {
    XlsxArchive zip(path);
    auto workbook = parse(zip, "xl/workbook.xml", true);
    auto rels = parse(zip, "xl/_rels/workbook.xml.rels", true);
    std::map<std::string, std::string> targets;
    for (auto r : child(rels, "Relationships").children())
        if (is(r, "Relationship")) targets[attr(r, "Id")] = attr(r, "Target");
    std::vector<Sheet> sheets;
    for (auto s : child(child(workbook, "workbook"), "sheets").children()) {
        if (!is(s, "sheet")) continue;
        std::string target = targets[attr(s, "id")];
        if (target.empty()) continue;
        std::string entry = target.front() == '/' ? target.substr(1) : "xl/" + target;
        sheets.push_back({unescape_ooxml(attr(s, "name")), entry});  // an escaped string, as cell text is
    }
    std::vector<std::string> shared;
    auto sst = parse(zip, "xl/sharedStrings.xml", false);
    for (auto si : child(sst, "sst").children())
        if (is(si, "si")) shared.push_back(string_item(si));

    refi::ProjectIndex index(project);
    std::vector<ChartCell> cells;
    bool found = false;
    for (const auto& sheet : sheets) {
        auto doc = parse(zip, sheet.entry, true);
        read_sheet(sheet, read_grid(doc, shared), project, index, cells, problems, found);
    }
    if (!found) problems.push_back("no chart sheet found: the workbook has no sheet written by framer chart");
    return cells;
}

}  // namespace framer
