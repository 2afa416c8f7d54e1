// The .qdc codebook: read leniently (namespace variants, any child order, unknown content kept), write strictly
// (Codebook.xsd order, MemberCode/@guid, the 1.0 namespace).
#include "refi/codebook.hpp"

#include <fmt/format.h>
#include <pugixml.hpp>

#include <cstring>
#include <fstream>
#include <sstream>

#include "refi/io.hpp"
#include "refi/text.hpp"
#include "xml_location.hpp"
#include "xml_out.hpp"

namespace refi {

namespace {

constexpr std::string_view k_codebook_namespace = "urn:QDA-XML:codebook:1.0";
constexpr std::uint64_t k_max_codebook_bytes = 256ull << 20;

class CodebookReader {
public:
    CodebookReader(std::string text, std::string file, Diagnostics& diagnostics)
        : m_text(std::move(text)), m_file(std::move(file)), m_diag(diagnostics) {}

    Codebook read() {
        std::string_view body = strip_bom(m_text);
        m_lines.emplace(body);
        // parse_ws_pcdata_single keeps a Description that is only spaces, as the project reader does.
        auto result = m_doc.load_buffer(body.data(), body.size(), pugi::parse_default | pugi::parse_ws_pcdata_single,
                                        pugi::encoding_utf8);
        if (!result)
            throw Error(m_file, m_lines->at(result.offset), fmt::format("malformed XML: {}", result.description()));
        pugi::xml_node root = m_doc.document_element();
        if (!root || detail::local_name(root.name()) != "CodeBook")
            throw Error(m_file, root ? where(root) : Location{},
                        fmt::format("the root element is <{}>, not <CodeBook>: not a REFI-QDA codebook",
                                    root ? root.name() : ""));
        check_namespace(root);

        Codebook cb;
        for (auto a : root.attributes()) {
            if (std::strcmp(a.name(), "origin") == 0)
                cb.origin = a.value();
            else
                cb.ext.attributes.push_back({a.name(), a.value()});
        }
        bool seen_codes = false, seen_sets = false;
        children(root, cb.ext, [&](std::string_view name, pugi::xml_node n) {
            if (name == "Codes" && !seen_codes) {
                seen_codes = true;
                container(n, "Code", cb.codes_ext, [&](pugi::xml_node c) { cb.codes.push_back(code(c)); });
                return true;
            }
            if (name == "Sets" && !seen_sets) {
                seen_sets = true;
                container(n, "Set", cb.sets_ext, [&](pugi::xml_node s) { cb.sets.push_back(set(s)); });
                return true;
            }
            return false;
        });
        if (!seen_codes) m_diag.warning("missing-element", m_file, where(root), "<CodeBook> has no <Codes>");
        return cb;
    }

private:
    Location where(pugi::xml_node n) const {
        // offset_debug points at the element's name, one byte after its '<'.
        const auto offset = n.offset_debug();
        return m_lines->at(offset > 0 ? offset - 1 : offset);
    }

    void check_namespace(pugi::xml_node root) {
        std::string_view name = root.name();
        auto colon = name.find(':');
        std::string attribute = colon == std::string_view::npos ? "xmlns" : "xmlns:" + std::string(name.substr(0, colon));
        std::string_view ns = root.attribute(attribute.c_str()).value();
        // Seen in the wild: 1.0 (spec, Taguette), 1:0 (NVivo 12 for Mac), 0:4 (ATLAS.ti 23), none (REFI-QDA-NOTES §7.2).
        if (ns.empty() || ns.rfind("urn:QDA-XML:codebook:", 0) == 0) return;
        m_diag.warning("unexpected-namespace", m_file, where(root),
                       fmt::format("<CodeBook> is in namespace '{}'; read as a REFI-QDA codebook", ns));
    }

    /// Element children by local name; those `known` does not take are kept verbatim with their position.
    template <class F>
    void children(pugi::xml_node parent, Extensions& ext, F&& known) {
        std::size_t position = 0;
        for (auto c : parent.children()) {
            if (c.type() != pugi::node_element) continue;
            if (!known(detail::local_name(c.name()), c)) ext.elements.push_back({position, raw(c)});
            ++position;
        }
    }

    template <class F>
    void container(pugi::xml_node n, std::string_view item, Extensions& ext, F&& read_item) {
        for (auto a : n.attributes()) ext.attributes.push_back({a.name(), a.value()});
        std::size_t count = 0;
        children(n, ext, [&](std::string_view name, pugi::xml_node c) {
            if (name != item) return false;
            read_item(c);
            ++count;
            return true;
        });
        // Taguette writes an empty <Sets/>; the schema requires a child, so it is not written back (as in projects).
        if (count == 0)
            m_diag.warning("empty-container", m_file, where(n),
                           fmt::format("<{}> is empty; the schema requires at least one <{}> (it is dropped on write)",
                                       detail::local_name(n.name()), item));
    }

    static std::string raw(pugi::xml_node n) {
        std::ostringstream out;
        n.print(out, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
        return out.str();
    }

    std::string required(pugi::xml_node n, const char* attribute) {
        auto a = n.attribute(attribute);
        if (!a) throw Error(m_file, where(n), fmt::format("<{}> has no @{}", detail::local_name(n.name()), attribute));
        return a.value();
    }

    Code code(pugi::xml_node n, int depth = 0) {
        Code c;
        c.loc = where(n);
        // Recursion, as in the project reader: refuse absurd nesting instead of overflowing the stack.
        if (depth > 256)
            throw Error(m_file, c.loc, "<Code> elements nested more than 256 levels deep; refusing the file");
        c.guid = required(n, "guid");
        bool has_name = false, has_codable = false;
        for (auto a : n.attributes()) {
            std::string_view name = a.name();
            if (name == "guid") continue;
            if (name == "name") {
                c.name = a.value();
                has_name = true;
            } else if (name == "isCodable") {
                c.is_codable = a.value();
                has_codable = true;
            } else if (name == "color") {
                c.color = a.value();
            } else {
                c.ext.attributes.push_back({a.name(), a.value()});
            }
        }
        if (!has_name) m_diag.warning("missing-attribute", m_file, c.loc, fmt::format("<Code> {} has no @name", c.guid));
        if (!has_codable)
            m_diag.warning("missing-attribute", m_file, c.loc,
                           fmt::format("<Code> {} has no @isCodable; taken as true", c.guid));
        children(n, c.ext, [&](std::string_view name, pugi::xml_node x) {
            if (name == "Description" && !c.description) {
                c.description = x.child_value();
                return true;
            }
            if (name == "Code") {
                c.children.push_back(code(x, depth + 1));
                return true;
            }
            return false;
        });
        return c;
    }

    Set set(pugi::xml_node n) {
        Set s;
        s.loc = where(n);
        s.guid = required(n, "guid");
        s.name = required(n, "name");
        for (auto a : n.attributes()) {
            std::string_view name = a.name();
            if (name != "guid" && name != "name") s.ext.attributes.push_back({a.name(), a.value()});
        }
        children(n, s.ext, [&](std::string_view name, pugi::xml_node x) {
            if (name == "Description" && !s.description) {
                s.description = x.child_value();
                return true;
            }
            if (name != "MemberCode") return false;
            // The codebook schema spells it @guid; a project's MemberCode spells it @targetGUID. Accept both.
            Ref r;
            r.loc = where(x);
            bool found = false;
            for (auto a : x.attributes()) {
                std::string_view an = a.name();
                if (!found && (an == "guid" || an == "targetGUID")) {
                    r.target = a.value();
                    found = true;
                } else {
                    r.ext.attributes.push_back({a.name(), a.value()});
                }
            }
            if (!found) throw Error(m_file, r.loc, "<MemberCode> has no @guid");
            for (auto c : x.children())
                if (c.type() == pugi::node_element) r.ext.elements.push_back({0, raw(c)});
            s.member_codes.push_back(std::move(r));
            return true;
        });
        return s;
    }

    std::string m_text;
    std::string m_file;
    Diagnostics& m_diag;
    pugi::xml_document m_doc;
    std::optional<detail::LineMap> m_lines;
};

void write_code(detail::XmlOut& xml, const Code& c) {
    xml.open("Code", &c.ext);
    xml.attr("guid", c.guid);
    xml.attr("name", c.name);
    xml.attr("isCodable", c.is_codable);
    xml.attr("color", c.color);
    xml.text_element("Description", c.description);
    // A .qdc has no NoteRef (Codebook.xsd): a code's notes stay in the project.
    for (const auto& child : c.children) write_code(xml, child);
    xml.close();
}

Code without_project_content(const Code& c) {
    Code out;
    out.guid = c.guid;
    out.name = c.name;
    out.is_codable = c.is_codable;
    out.color = c.color;
    out.description = c.description;
    out.loc = c.loc;
    for (const auto& child : c.children) out.children.push_back(without_project_content(child));
    return out;
}

}  // namespace

Codebook read_codebook(const std::filesystem::path& path, Diagnostics& diagnostics) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) throw Error(path.string(), {}, "no such file");
    auto size = std::filesystem::file_size(path, ec);
    if (ec) throw Error(path.string(), {}, "cannot read the file");
    if (size > k_max_codebook_bytes)
        throw Error(path.string(), {}, fmt::format("the file is {} bytes, more than the limit of {} bytes for a codebook",
                                                   size, k_max_codebook_bytes));
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(path.string(), {}, "cannot open the file");
    std::string text(static_cast<std::size_t>(size), '\0');
    in.read(text.data(), static_cast<std::streamsize>(size));
    if (!in) throw Error(path.string(), {}, "cannot read the file");
    return CodebookReader(std::move(text), path.filename().string(), diagnostics).read();
}

Codebook codebook_of(const Project& project) {
    Codebook cb;
    cb.origin = project.origin;
    // Unknown content of a project's codes belongs to the project schema; the .qdc must validate on its own.
    for (const auto& c : project.codes) cb.codes.push_back(without_project_content(c));
    for (const auto& s : project.sets) {
        Set out;
        out.guid = s.guid;
        out.name = s.name;
        out.description = s.description;
        out.loc = s.loc;
        for (const auto& m : s.member_codes) out.member_codes.push_back({m.target, {}, m.loc});
        cb.sets.push_back(std::move(out));
    }
    return cb;
}

Project project_of(const Codebook& codebook, const std::string& name) {
    Project p;
    p.name = name;
    p.origin = codebook.origin;
    p.dialect = detect_dialect(codebook.origin);
    p.has_codebook = true;
    p.codes = codebook.codes;
    p.sets = codebook.sets;
    return p;
}

bool is_codebook_path(const std::filesystem::path& path) { return ascii_lower(path.extension().string()) == ".qdc"; }

std::string codebook_to_xml(const Codebook& codebook) {
    if (codebook.codes.empty())
        throw Error("the codebook has no codes; a .qdc needs at least one <Code> (Codebook.xsd)");
    std::string out;
    out.reserve(1 << 14);
    detail::XmlOut xml(out);
    xml.declaration();
    // The default namespace is always written as 1.0: the 1:0 and 0:4 variants some tools write do not validate,
    // and whatever the input's namespace was, it was read as a REFI-QDA codebook (with a warning).
    Extensions root_ext;
    for (const auto& a : codebook.ext.attributes)
        if (a.name != "xmlns") root_ext.attributes.push_back(a);
    root_ext.elements = codebook.ext.elements;
    xml.open("CodeBook", &root_ext);
    xml.attr("xmlns", k_codebook_namespace);
    xml.attr("origin", codebook.origin);
    xml.open("Codes", &codebook.codes_ext);
    for (const auto& c : codebook.codes) write_code(xml, c);
    xml.close();
    if (!codebook.sets.empty()) {
        xml.open("Sets", &codebook.sets_ext);
        for (const auto& s : codebook.sets) {
            xml.open("Set", &s.ext);
            xml.attr("guid", s.guid);
            xml.attr("name", s.name);
            xml.text_element("Description", s.description);
            for (const auto& m : s.member_codes) xml.ref("MemberCode", m, "guid");
            xml.close();
        }
        xml.close();
    }
    xml.close();
    out += '\n';
    return out;
}

void write_codebook(const Codebook& codebook, const std::filesystem::path& path, Diagnostics& diagnostics) {
    std::string xml = codebook_to_xml(codebook);
    if (!codebook.sets_ext.empty() && codebook.sets.empty())
        diagnostics.warning("dropped-empty-container", path.string(), {},
                            "<Sets> has no <Set> and is not written (the schema requires at least one)");
    write_file_atomically(path, xml);
}

}  // namespace refi
