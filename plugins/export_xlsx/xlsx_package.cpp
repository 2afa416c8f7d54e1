// The parts of a SpreadsheetML package around the sheets, as Excel writes them: [Content_Types].xml, the
// relationships, xl/workbook.xml (sheets and print titles), the theme that the styles' fonts refer to
// (Calibri, text colour), and the document properties.
#include "export_xlsx/xlsx_package.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "export_xlsx/xlsx_xml.hpp"
#include "refi/text.hpp"
#include "refi/zip_writer.hpp"

namespace framer::xlsx {
namespace {

constexpr const char* k_declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
// Level 1: about as small as zlib's default level on workbook XML, several times faster.
constexpr int k_level = 1;

std::string content_types(std::size_t sheets) {
    std::string out = k_declaration;
    out += "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
           "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
           "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
           "<Override PartName=\"/docProps/app.xml\" "
           "ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
           "<Override PartName=\"/docProps/core.xml\" "
           "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
           "<Override PartName=\"/xl/styles.xml\" "
           "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
           "<Override PartName=\"/xl/theme/theme1.xml\" "
           "ContentType=\"application/vnd.openxmlformats-officedocument.theme+xml\"/>"
           "<Override PartName=\"/xl/workbook.xml\" "
           "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>";
    for (std::size_t i = 1; i <= sheets; ++i)
        out += fmt::format("<Override PartName=\"/xl/worksheets/sheet{}.xml\" "
                           "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>",
                           i);
    out += "</Types>";
    return out;
}

std::string package_relationships() {
    return std::string(k_declaration) +
           "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
           "<Relationship Id=\"rId1\" "
           "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
           "Target=\"xl/workbook.xml\"/>"
           "<Relationship Id=\"rId2\" "
           "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" "
           "Target=\"docProps/core.xml\"/>"
           "<Relationship Id=\"rId3\" "
           "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" "
           "Target=\"docProps/app.xml\"/></Relationships>";
}

std::string workbook_relationships(std::size_t sheets) {
    std::string out = k_declaration;
    out += "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
    for (std::size_t i = 1; i <= sheets; ++i)
        out += fmt::format("<Relationship Id=\"rId{}\" "
                           "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
                           "Target=\"worksheets/sheet{}.xml\"/>",
                           i, i);
    out += fmt::format("<Relationship Id=\"rId{}\" "
                       "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme\" "
                       "Target=\"theme/theme1.xml\"/>"
                       "<Relationship Id=\"rId{}\" "
                       "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
                       "Target=\"styles.xml\"/></Relationships>",
                       sheets + 1, sheets + 2);
    return out;
}

/// A sheet name as a formula refers to it: in apostrophes (doubled inside) unless it is plain letters, digits
/// and underscores not starting with a digit.
std::string quoted_sheet(const std::string& name) {
    const bool plain = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0])) &&
                       std::all_of(name.begin(), name.end(), [](char c) {
                           return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
                       });
    if (plain) return name;
    std::string out = "'";
    for (char c : name) {
        out += c;
        if (c == '\'') out += '\'';
    }
    return out + "'";
}

std::string column_span(const Span& s, const std::string& sheet) {
    return sheet + "!$" + column_name(s.first) + ":$" + column_name(s.second);
}
std::string row_span(const Span& s, const std::string& sheet) {
    return sheet + "!$" + std::to_string(s.first + 1) + ":$" + std::to_string(s.second + 1);
}

struct PrintTitles {
    std::size_t sheet;
    std::string formula;
};

/// The sheets' print titles as defined names, sorted by the sheet name as a formula quotes it (as Excel lists them).
std::vector<PrintTitles> print_titles(const std::vector<std::string>& names,
                                      const std::vector<SheetPrintTitles>& titles) {
    std::vector<PrintTitles> out;
    for (std::size_t i = 0; i < titles.size(); ++i) {
        const std::string sheet = quoted_sheet(names[i]);
        std::string formula;
        if (titles[i].columns) formula = column_span(*titles[i].columns, sheet);
        if (titles[i].rows) {
            if (!formula.empty()) formula += ',';  // (appended, not "," + span: GCC 12 warns -Wrestrict falsely)
            formula += row_span(*titles[i].rows, sheet);
        }
        if (!formula.empty()) out.push_back({i, formula});
    }
    std::stable_sort(out.begin(), out.end(), [&](const PrintTitles& a, const PrintTitles& b) {
        return refi::ascii_lower(quoted_sheet(names[a.sheet])) < refi::ascii_lower(quoted_sheet(names[b.sheet]));
    });
    return out;
}

std::string workbook(const std::vector<std::string>& names, const std::vector<PrintTitles>& titles) {
    std::string out = k_declaration;
    out += "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
           "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
           "<fileVersion appName=\"xl\" lastEdited=\"4\" lowestEdited=\"4\" rupBuild=\"4505\"/>"
           "<workbookPr defaultThemeVersion=\"124226\"/><bookViews><workbookView xWindow=\"240\" yWindow=\"15\" "
           "windowWidth=\"16095\" windowHeight=\"9660\"/></bookViews><sheets>";
    for (std::size_t i = 0; i < names.size(); ++i)
        out += fmt::format("<sheet name=\"{}\" sheetId=\"{}\" r:id=\"rId{}\"/>", xstring_attribute(names[i]), i + 1, i + 1);
    out += "</sheets>";
    if (!titles.empty()) {
        out += "<definedNames>";
        for (const auto& t : titles) {
            out += fmt::format("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"{}\">", t.sheet);
            append_plain_text(out, t.formula);
            out += "</definedName>";
        }
        out += "</definedNames>";
    }
    out += "<calcPr calcId=\"124519\" fullCalcOnLoad=\"1\"/></workbook>";
    return out;
}

/// The Office theme's colours and fonts: styles.xml's fonts are "theme colour 1" (text, black) in the minor
/// font (Calibri); the format lists (fills, lines, effects) are the smallest the schema allows.
std::string theme() {
    auto three = [](const char* item) { return std::string(item) + item + item; };
    const char* solid = "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>";
    std::string out = k_declaration;
    out += "<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"Office Theme\">"
           "<a:themeElements><a:clrScheme name=\"Office\">"
           "<a:dk1><a:sysClr val=\"windowText\" lastClr=\"000000\"/></a:dk1>"
           "<a:lt1><a:sysClr val=\"window\" lastClr=\"FFFFFF\"/></a:lt1>"
           "<a:dk2><a:srgbClr val=\"1F497D\"/></a:dk2><a:lt2><a:srgbClr val=\"EEECE1\"/></a:lt2>"
           "<a:accent1><a:srgbClr val=\"4F81BD\"/></a:accent1><a:accent2><a:srgbClr val=\"C0504D\"/></a:accent2>"
           "<a:accent3><a:srgbClr val=\"9BBB59\"/></a:accent3><a:accent4><a:srgbClr val=\"8064A2\"/></a:accent4>"
           "<a:accent5><a:srgbClr val=\"4BACC6\"/></a:accent5><a:accent6><a:srgbClr val=\"F79646\"/></a:accent6>"
           "<a:hlink><a:srgbClr val=\"0000FF\"/></a:hlink><a:folHlink><a:srgbClr val=\"800080\"/></a:folHlink>"
           "</a:clrScheme><a:fontScheme name=\"Office\">"
           "<a:majorFont><a:latin typeface=\"Cambria\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/></a:majorFont>"
           "<a:minorFont><a:latin typeface=\"Calibri\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/></a:minorFont>"
           "</a:fontScheme><a:fmtScheme name=\"Office\"><a:fillStyleLst>";
    out += three(solid);
    out += "</a:fillStyleLst><a:lnStyleLst>";
    out += three((std::string("<a:ln w=\"9525\">") + solid + "</a:ln>").c_str());
    out += "</a:lnStyleLst><a:effectStyleLst>";
    out += three("<a:effectStyle><a:effectLst/></a:effectStyle>");
    out += "</a:effectStyleLst><a:bgFillStyleLst>";
    out += three(solid);
    out += "</a:bgFillStyleLst></a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>";
    return out;
}

std::string core_properties(const std::string& title, const std::string& author) {
    std::string out = k_declaration;
    out += "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
           "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
           "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">";
    if (!title.empty()) {
        out += "<dc:title>";
        append_plain_text(out, title);
        out += "</dc:title>";
    }
    out += "<dc:creator>";
    append_plain_text(out, author);
    out += "</dc:creator><cp:lastModifiedBy>";
    append_plain_text(out, author);
    // A fixed date keeps the file reproducible.
    out += "</cp:lastModifiedBy><dcterms:created xsi:type=\"dcterms:W3CDTF\">1970-01-01T00:00:01Z</dcterms:created>"
           "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">1970-01-01T00:00:01Z</dcterms:modified>"
           "</cp:coreProperties>";
    return out;
}

std::string app_properties(const std::vector<std::string>& names, const std::vector<PrintTitles>& titles) {
    std::string out = k_declaration;
    out += "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" "
           "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
           "<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>";
    const std::size_t pairs = titles.empty() ? 1 : 2;
    out += fmt::format("<HeadingPairs><vt:vector size=\"{}\" baseType=\"variant\"><vt:variant><vt:lpstr>Worksheets"
                       "</vt:lpstr></vt:variant><vt:variant><vt:i4>{}</vt:i4></vt:variant>",
                       pairs * 2, names.size());
    if (!titles.empty())
        out += fmt::format("<vt:variant><vt:lpstr>Named Ranges</vt:lpstr></vt:variant><vt:variant><vt:i4>{}</vt:i4>"
                           "</vt:variant>",
                           titles.size());
    out += fmt::format("</vt:vector></HeadingPairs><TitlesOfParts><vt:vector size=\"{}\" baseType=\"lpstr\">",
                       names.size() + titles.size());
    for (const auto& name : names) {
        out += "<vt:lpstr>";
        append_plain_text(out, name);
        out += "</vt:lpstr>";
    }
    for (const auto& t : titles) {
        out += "<vt:lpstr>";
        append_plain_text(out, quoted_sheet(names[t.sheet]) + "!Print_Titles");
        out += "</vt:lpstr>";
    }
    out += "</vt:vector></TitlesOfParts><Company></Company><LinksUpToDate>false</LinksUpToDate>"
           "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>12.0000</AppVersion>"
           "</Properties>";
    return out;
}

}  // namespace

Package::Package(const std::filesystem::path& path, std::vector<std::string> sheet_names, std::string title,
                 std::string author)
    : m_zip(std::make_unique<refi::ZipWriter>(path, path.string())), m_names(std::move(sheet_names)),
      m_title(std::move(title)), m_author(std::move(author)) {
    m_zip->add_deflated("[Content_Types].xml", content_types(m_names.size()), k_level);
    m_zip->add_deflated("_rels/.rels", package_relationships(), k_level);
    m_zip->add_deflated("xl/_rels/workbook.xml.rels", workbook_relationships(m_names.size()), k_level);
}

Package::~Package() {
    // Unwinding (a failed sheet, a full disk): let the thread finish its sheet and end; the output is discarded.
    {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_changed.wait(lock, [&] { return !m_job; });
        m_stop = true;
    }
    m_changed.notify_all();
    if (m_worker.joinable()) m_worker.join();
}

ByteSink Package::rows_buffer() {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_spare.empty()) return ByteSink();
    ByteSink rows = std::move(m_spare.back());
    m_spare.pop_back();
    return rows;
}

void Package::write_sheet(Job& job) {
    m_zip->add_deflated(job.name, job.part.pieces(), k_level);
}

void Package::work() {
    for (;;) {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_changed.wait(lock, [&] { return m_job || m_stop; });
        if (!m_job) return;
        lock.unlock();
        try {
            write_sheet(*m_job);
        } catch (...) {
            lock.lock();
            m_failure = std::current_exception();
            lock.unlock();
        }
        lock.lock();
        m_spare.push_back(std::move(m_job->part.rows));
        m_job.reset();
        lock.unlock();
        m_changed.notify_all();
    }
}

void Package::wait_idle() {
    std::unique_lock<std::mutex> lock(m_mutex);
    m_changed.wait(lock, [&] { return !m_job; });
    if (m_failure) std::rethrow_exception(std::exchange(m_failure, nullptr));
}

void Package::add_sheet(SheetPart part, const SheetPrintTitles& titles) {
    if (m_titles.size() >= m_names.size()) throw std::logic_error("xlsx: more sheets than names");
    m_titles.push_back(titles);
    Job job{fmt::format("xl/worksheets/sheet{}.xml", m_titles.size()), std::move(part)};
    if (m_names.size() == 1) {  // nothing to lay out meanwhile: no thread
        write_sheet(job);
        return;
    }
    wait_idle();
    if (!m_worker.joinable()) m_worker = std::thread([this] { work(); });
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_job = std::move(job);
    }
    m_changed.notify_all();
}

void Package::close(const StyleSheet& styles) {
    wait_idle();
    if (m_titles.size() != m_names.size()) throw std::logic_error("xlsx: a sheet was not written");
    const auto titles = print_titles(m_names, m_titles);
    m_zip->add_deflated("xl/workbook.xml", workbook(m_names, titles), k_level);
    m_zip->add_deflated("xl/theme/theme1.xml", theme(), k_level);
    m_zip->add_deflated("xl/styles.xml", styles.xml(), k_level);
    m_zip->add_deflated("docProps/core.xml", core_properties(m_title, m_author), k_level);
    m_zip->add_deflated("docProps/app.xml", app_properties(m_names, titles), k_level);
    m_zip->close();
}

}  // namespace framer::xlsx
