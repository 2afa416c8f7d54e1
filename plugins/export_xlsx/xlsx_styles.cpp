// Cell styles in the order of first use, and styles.xml as Excel writes it for them: the element order and the
// apply* flags are those Excel (and libxlsxwriter, which Framer used before) give, so the part reads the same in
// Excel, LibreOffice and the readers that follow Excel's files.
#include "export_xlsx/xlsx_styles.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "export_xlsx/xlsx_xml.hpp"

namespace framer::xlsx {
namespace {

struct Font {
    bool bold;
    int size;
    bool operator==(const Font& o) const { return bold == o.bold && size == o.size; }
};

std::string font_xml(const Font& f) {
    return fmt::format("<font>{}<sz val=\"{}\"/><color theme=\"1\"/><name val=\"Calibri\"/><family val=\"2\"/>"
                       "<scheme val=\"minor\"/></font>",
                       f.bold ? "<b/>" : "", f.size);
}

std::string fill_xml(std::uint32_t rgb) {
    return fmt::format("<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FF{:06X}\"/><bgColor indexed=\"64\"/>"
                       "</patternFill></fill>",
                       rgb);
}

/// Index of `value` in `list`, appending it when new.
template <class T>
std::size_t intern(std::vector<T>& list, const T& value) {
    auto it = std::find(list.begin(), list.end(), value);
    if (it != list.end()) return static_cast<std::size_t>(it - list.begin());
    list.push_back(value);
    return list.size() - 1;
}

}  // namespace

int StyleSheet::index(const CellStyle& style) {
    auto it = m_index.find(style);
    if (it != m_index.end()) return it->second;
    m_styles.push_back(style);
    m_looks_unwritten.push_back(style.fill == 0 && !style.bottom_border && !style.bold &&
                                style.font_size == CellStyle().font_size && style.number_format.empty());
    const int i = static_cast<int>(m_styles.size());
    m_index.emplace(style, i);
    return i;
}

bool StyleSheet::blank_looks_unwritten(int index) const {
    if (index <= 0 || static_cast<std::size_t>(index) > m_styles.size()) return false;
    return m_looks_unwritten[static_cast<std::size_t>(index) - 1] != 0;
}

std::string StyleSheet::xml() const {
    std::vector<Font> fonts{{false, 11}};
    std::vector<std::uint32_t> fills{0, 1};  // none and gray125, which every styles part starts with
    std::vector<bool> borders{false};
    std::vector<std::string> number_formats;  // custom ones, numbered from 164
    struct Xf {
        std::size_t number, font, fill, border;
    };
    std::vector<Xf> xfs;
    for (const CellStyle& s : m_styles) {
        Xf x{};
        x.font = intern(fonts, Font{s.bold, s.font_size});
        x.fill = s.fill ? intern(fills, s.fill | 0x1000000u) : 0;  // (the flag keeps RGB 0/1 apart from none/gray125)
        x.border = intern(borders, s.bottom_border);
        x.number = s.number_format.empty() ? 0 : 164 + intern(number_formats, s.number_format);
        xfs.push_back(x);
    }

    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                      "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">";
    if (!number_formats.empty()) {
        out += fmt::format("<numFmts count=\"{}\">", number_formats.size());
        for (std::size_t i = 0; i < number_formats.size(); ++i)
            out += fmt::format("<numFmt numFmtId=\"{}\" formatCode=\"{}\"/>", 164 + i, attribute(number_formats[i]));
        out += "</numFmts>";
    }
    out += fmt::format("<fonts count=\"{}\">", fonts.size());
    for (const Font& f : fonts) out += font_xml(f);
    out += fmt::format("</fonts><fills count=\"{}\">", fills.size());
    out += "<fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>";
    for (std::size_t i = 2; i < fills.size(); ++i) out += fill_xml(fills[i] & 0xFFFFFFu);
    out += fmt::format("</fills><borders count=\"{}\">", borders.size());
    for (bool bottom : borders)
        out += bottom ? "<border><left/><right/><top/><bottom style=\"thin\"><color auto=\"1\"/></bottom><diagonal/></border>"
                      : "<border><left/><right/><top/><bottom/><diagonal/></border>";
    out += "</borders><cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/>"
           "</cellStyleXfs>";
    out += fmt::format("<cellXfs count=\"{}\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>",
                       xfs.size() + 1);
    for (std::size_t i = 0; i < xfs.size(); ++i) {
        const CellStyle& s = m_styles[i];
        const Xf& x = xfs[i];
        const bool aligned = s.top || s.wrap || s.right || s.indent > 0;
        out += fmt::format("<xf numFmtId=\"{}\" fontId=\"{}\" fillId=\"{}\" borderId=\"{}\" xfId=\"0\"", x.number, x.font,
                           x.fill, x.border);
        if (x.number) out += " applyNumberFormat=\"1\"";
        if (x.font) out += " applyFont=\"1\"";
        if (x.fill) out += " applyFill=\"1\"";
        if (x.border) out += " applyBorder=\"1\"";
        if (aligned) out += " applyAlignment=\"1\"";
        if (s.unlocked) out += " applyProtection=\"1\"";
        if (!aligned && !s.unlocked) {
            out += "/>";
            continue;
        }
        out += '>';
        if (aligned) {
            out += "<alignment";
            // An indent takes a horizontal alignment; Excel gives it "left" when there is none.
            if (s.right) out += " horizontal=\"right\"";
            else if (s.indent > 0) out += " horizontal=\"left\"";
            if (s.top) out += " vertical=\"top\"";
            if (s.indent > 0) out += fmt::format(" indent=\"{}\"", s.indent);
            if (s.wrap) out += " wrapText=\"1\"";
            out += "/>";
        }
        if (s.unlocked) out += "<protection locked=\"0\"/>";
        out += "</xf>";
    }
    out += "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
           "<dxfs count=\"0\"/><tableStyles count=\"0\" defaultTableStyle=\"TableStyleMedium9\" "
           "defaultPivotStyle=\"PivotStyleLight16\"/></styleSheet>";
    return out;
}

const std::string& run_properties(RunFont font) {
    static const std::string tail =
        "<sz val=\"11\"/><color theme=\"1\"/><rFont val=\"Calibri\"/><family val=\"2\"/><scheme val=\"minor\"/></rPr>";
    static const std::string plain = "<rPr>" + tail;
    static const std::string bold = "<rPr><b/>" + tail;
    static const std::string superscript = "<rPr><vertAlign val=\"superscript\"/>" + tail;
    switch (font) {
    case RunFont::bold: return bold;
    case RunFont::superscript: return superscript;
    case RunFont::plain: break;
    }
    return plain;
}

}  // namespace framer::xlsx
