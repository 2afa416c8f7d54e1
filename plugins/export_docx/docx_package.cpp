// The fixed parts of a docx and the zip around them. Only what Word and LibreOffice need to open the file
// without a repair prompt: [Content_Types].xml first, the package and document relationships, styles (the
// cell, heading and table-note paragraphs the body refers to), settings and core properties.
#include "export_docx/docx_package.hpp"

#include <zip.h>

#include <cstring>
#include <ctime>
#include <deque>
#include <stdexcept>

namespace framer::docx {
namespace {

const char* const content_types = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>
</Types>
)";

const char* const package_rels = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>
</Relationships>
)";

const char* const document_rels = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>
</Relationships>
)";

// Table text is 9 pt (7 pt in wide tables, see document.cpp): journals set tables smaller than body text.
const char* const styles = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults>
<w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Calibri" w:cs="Calibri"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="259" w:lineRule="auto"/></w:pPr></w:pPrDefault>
</w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>
<w:pPr><w:keepNext/><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>
<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="FramerCell"><w:name w:val="Table Cell"/><w:basedOn w:val="Normal"/><w:qFormat/>
<w:pPr><w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="FramerCellSmall"><w:name w:val="Table Cell Small"/><w:basedOn w:val="FramerCell"/><w:qFormat/>
<w:rPr><w:sz w:val="14"/><w:szCs w:val="14"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="FramerTableNote"><w:name w:val="Table Note"/><w:basedOn w:val="Normal"/><w:qFormat/>
<w:pPr><w:spacing w:before="0" w:after="40" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/>
<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="85" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
</w:styles>
)";

const char* const settings = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:defaultTabStop w:val="709"/>
<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>
</w:settings>
)";

const char* const app = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>framer</Application></Properties>
)";

/// Builds a zip in memory. libzip reads entry data only at zip_close, so the texts are kept until then (a
/// deque: its elements never move).
class ZipBuilder {
public:
    ZipBuilder() {
        zip_error_init(&m_error);
        m_source = zip_source_buffer_create(nullptr, 0, 0, &m_error);
        if (!m_source) fail("cannot create a buffer");
        zip_source_keep(m_source);
        m_zip = zip_open_from_source(m_source, ZIP_TRUNCATE, &m_error);
        if (!m_zip) {
            zip_source_free(m_source);
            fail("cannot open a zip in memory");
        }
    }
    ~ZipBuilder() {
        if (m_zip) zip_discard(m_zip);
        if (m_source) zip_source_free(m_source);
        zip_error_fini(&m_error);
    }
    ZipBuilder(const ZipBuilder&) = delete;
    ZipBuilder& operator=(const ZipBuilder&) = delete;

    void add(const std::string& name, std::string content) {
        const std::string& kept = m_data.emplace_back(std::move(content));
        zip_source_t* s = zip_source_buffer(m_zip, kept.data(), kept.size(), 0);
        if (!s) fail("cannot add " + name);
        zip_int64_t index = zip_file_add(m_zip, name.c_str(), s, ZIP_FL_ENC_UTF_8);
        if (index < 0) {
            zip_source_free(s);
            fail("cannot add " + name);
        }
        auto i = static_cast<zip_uint64_t>(index);
        // A fixed date keeps the bytes reproducible (2 January 1980: the DOS epoch in any time zone).
        if (zip_set_file_compression(m_zip, i, ZIP_CM_DEFLATE, 9) < 0 || zip_file_set_mtime(m_zip, i, 315619200, 0) < 0)
            fail("cannot set up " + name);
    }

    std::string finish() {
        if (zip_close(m_zip) < 0) fail("cannot write the zip");
        m_zip = nullptr;
        if (zip_source_open(m_source) < 0) fail("cannot read the zip back");
        std::string bytes;
        char buffer[65536];
        zip_int64_t n;
        while ((n = zip_source_read(m_source, buffer, sizeof buffer)) > 0) bytes.append(buffer, static_cast<std::size_t>(n));
        zip_source_close(m_source);
        if (n < 0) fail("cannot read the zip back");
        return bytes;
    }

private:
    [[noreturn]] void fail(const std::string& what) {
        std::string detail;
        if (m_zip && zip_get_error(m_zip)) detail = zip_error_strerror(zip_get_error(m_zip));
        else detail = zip_error_strerror(&m_error);
        throw std::runtime_error("docx: " + what + ": " + detail);
    }

    zip_error_t m_error;
    zip_source_t* m_source = nullptr;
    zip_t* m_zip = nullptr;
    std::deque<std::string> m_data;
};

/// Length of the valid UTF-8 sequence at s[i] (XML 1.0 characters only), or 0.
std::size_t valid_sequence(const std::string& s, std::size_t i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = byte(i);
    std::size_t length;
    char32_t cp;
    if (c < 0x80) return 1;
    if ((c & 0xE0) == 0xC0) { length = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { length = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { length = 4; cp = c & 0x07; }
    else return 0;
    if (i + length > s.size()) return 0;
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    static const char32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < smallest[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF)
        return 0;
    return length;
}

}  // namespace

std::string xml_text(const std::string& text) {
    static const char* const replacement = "\xEF\xBF\xBD";
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        char c = text[i];
        switch (c) {
            case '&': out += "&amp;"; ++i; continue;
            case '<': out += "&lt;"; ++i; continue;
            case '>': out += "&gt;"; ++i; continue;
            case '"': out += "&quot;"; ++i; continue;
            default: break;
        }
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            out += replacement;
            ++i;
            continue;
        }
        std::size_t n = valid_sequence(text, i);
        if (n == 0) {
            out += replacement;
            ++i;
        } else {
            out.append(text, i, n);
            i += n;
        }
    }
    return out;
}

std::string package(const std::string& document_xml, const std::string& title) {
    std::string core = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:title>)" + xml_text(title) + R"(</dc:title><dc:creator>framer</dc:creator></cp:coreProperties>
)";
    ZipBuilder zip;
    zip.add("[Content_Types].xml", content_types);  // first, as Office writes it
    zip.add("_rels/.rels", package_rels);
    zip.add("docProps/core.xml", core);
    zip.add("docProps/app.xml", app);
    zip.add("word/_rels/document.xml.rels", document_rels);
    zip.add("word/document.xml", document_xml);
    zip.add("word/styles.xml", styles);
    zip.add("word/settings.xml", settings);
    return zip.finish();
}

}  // namespace framer::docx
