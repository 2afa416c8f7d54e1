// Escaping text into HTML and XML (SVG): a table lookup per byte, and runs of bytes that need nothing copied in one
// append.
#include "core/markup_text.hpp"

#include <array>

namespace framer::markup {
namespace {

// Bytes that are not copied as they are: the entities' characters and C0 controls but tab, line feed and
// carriage return; with line breaks, also line feed and carriage return.
constexpr std::array<bool, 256> make_special(bool line_breaks) {
    std::array<bool, 256> special{};
    for (int b = 0; b < 0x20; ++b) special[b] = b != '\t' && b != '\n' && b != '\r';
    for (unsigned char c : {'&', '<', '>', '"', '\''}) special[c] = true;
    if (line_breaks) special['\n'] = special['\r'] = true;
    return special;
}
constexpr std::array<bool, 256> special_plain = make_special(false);
constexpr std::array<bool, 256> special_breaks = make_special(true);

}  // namespace

void append_escaped(std::string& out, std::string_view text, bool line_breaks) {
    const char* p = text.data();
    const char* const end = p + text.size();
    const std::array<bool, 256>& special = line_breaks ? special_breaks : special_plain;
    while (p != end) {
        const char* run = p;
        while (p != end && !special[static_cast<unsigned char>(*p)]) ++p;
        out.append(run, static_cast<std::size_t>(p - run));
        if (p == end) break;
        switch (*p) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            case '\n': out += "<br>"; break;  // (only with line_breaks)
            case '\r': break;                 // (only with line_breaks)
            default: out += "\xEF\xBF\xBD";   // a C0 control
        }
        ++p;
    }
}

std::string escaped(std::string_view text, bool line_breaks) {
    std::string out;
    out.reserve(text.size());
    append_escaped(out, text, line_breaks);
    return out;
}

}  // namespace framer::markup
