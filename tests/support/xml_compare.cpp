// Canonical XML comparison for tests (see xml_compare.hpp).
#include "support/xml_compare.hpp"

#include <fmt/format.h>
#include <pugixml.hpp>

#include <map>
#include <vector>

namespace framer::test {

namespace {

struct Item {
    bool element;
    pugi::xml_node node;  ///< element
    std::string text;     ///< text (pcdata and cdata merged)
};

// Children as a sequence of elements and text runs; adjacent text nodes are merged (CDATA and PCDATA are the
// same text), text that is only whitespace beside elements is indentation.
std::vector<Item> items_of(pugi::xml_node n) {
    std::vector<Item> out;
    bool has_element = false;
    for (auto c : n.children()) has_element |= c.type() == pugi::node_element;
    for (auto c : n.children()) {
        if (c.type() == pugi::node_element) {
            out.push_back({true, c, {}});
        } else if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
            if (!out.empty() && !out.back().element)
                out.back().text += c.value();
            else
                out.push_back({false, {}, c.value()});
        }
    }
    if (has_element)
        std::erase_if(out, [](const Item& i) {
            return !i.element && i.text.find_first_not_of(" \t\r\n") == std::string::npos;
        });
    return out;
}

std::optional<std::string> compare(pugi::xml_node a, pugi::xml_node b, const std::string& path) {
    std::string here = path + "/" + a.name();
    if (std::string_view(a.name()) != b.name())
        return fmt::format("{}: element <{}> became <{}>", path, a.name(), b.name());
    if (auto guid = a.attribute("guid")) here += fmt::format("[@guid='{}']", guid.value());
    std::map<std::string, std::string> attrs_a, attrs_b;
    for (auto x : a.attributes()) attrs_a[x.name()] = x.value();
    for (auto x : b.attributes()) attrs_b[x.name()] = x.value();
    for (const auto& [k, v] : attrs_a) {
        auto it = attrs_b.find(k);
        if (it == attrs_b.end()) return fmt::format("{}: attribute @{} is missing", here, k);
        if (it->second != v) return fmt::format("{}: @{} is '{}', expected '{}'", here, k, it->second, v);
    }
    for (const auto& [k, v] : attrs_b)
        if (!attrs_a.count(k)) return fmt::format("{}: unexpected attribute @{}='{}'", here, k, v);
    auto ia = items_of(a), ib = items_of(b);
    for (std::size_t i = 0; i < std::min(ia.size(), ib.size()); ++i) {
        if (ia[i].element != ib[i].element)
            return fmt::format("{}: child {} is {} but expected {}", here, i, ib[i].element ? "an element" : "text",
                               ia[i].element ? "an element" : "text");
        if (!ia[i].element) {
            if (ia[i].text != ib[i].text)
                return fmt::format("{}: text is '{}', expected '{}'", here, ib[i].text, ia[i].text);
            continue;
        }
        if (auto d = compare(ia[i].node, ib[i].node, here)) return d;
    }
    if (ia.size() != ib.size())
        return fmt::format("{}: {} children, expected {}", here, ib.size(), ia.size());
    return std::nullopt;
}

}  // namespace

std::optional<std::string> xml_difference(std::string_view expected, std::string_view actual) {
    pugi::xml_document a, b;
    // parse_ws_pcdata keeps every text node, so whitespace inside text-only elements is compared too.
    unsigned flags = pugi::parse_default | pugi::parse_ws_pcdata;
    auto ra = a.load_buffer(expected.data(), expected.size(), flags, pugi::encoding_utf8);
    if (!ra) return fmt::format("expected XML does not parse: {} at offset {}", ra.description(), ra.offset);
    auto rb = b.load_buffer(actual.data(), actual.size(), flags, pugi::encoding_utf8);
    if (!rb) return fmt::format("actual XML does not parse: {} at offset {}", rb.description(), rb.offset);
    return compare(a.document_element(), b.document_element(), "");
}

}  // namespace framer::test
