// What pdflatex can typeset is decided by inputenc's tables for the loaded font encodings, not by the font:
// with T1 (and TS1, which LaTeX loads for symbols) that is Latin-1, Latin Extended-A (less a few letters
// without a T1 glyph), typographic punctuation and some currency and letterlike signs. Anything else (an
// emoji in a transcript, CJK, most symbols) stops the compile with "Unicode character ... not set up", so it
// becomes a visible [U+XXXX] and is counted; the other formats keep the character itself.
#include "export_latex/latex_text.hpp"

#include <cstdio>
#include <utility>

namespace framer::latex {
namespace {

constexpr char32_t not_utf8 = 0xFFFFFFFF;

/// Code point ranges inputenc utf8 maps with T1 + TS1 (found by typesetting every code point of these
/// blocks: the compile test checks them again). U+00AD (soft hyphen) is handled apart, as \-.
constexpr std::pair<char32_t, char32_t> typeset_ranges[] = {
    {0x00A0, 0x00AC}, {0x00AE, 0x0125}, {0x0128, 0x0137}, {0x0139, 0x013E}, {0x0141, 0x0148},
    {0x014A, 0x0165}, {0x0168, 0x017E}, {0x0192, 0x0192}, {0x01C4, 0x01D4}, {0x01E2, 0x01E3},
    {0x01E6, 0x01EB}, {0x01F0, 0x01F0}, {0x01F4, 0x01F5}, {0x0218, 0x021B}, {0x0232, 0x0233},
    {0x0237, 0x0237}, {0x2010, 0x2016}, {0x2018, 0x201A}, {0x201C, 0x201E}, {0x2020, 0x2022},
    {0x2026, 0x2026}, {0x2030, 0x2031}, {0x2039, 0x203B}, {0x203D, 0x203D}, {0x2044, 0x2044},
    {0x204E, 0x204E}, {0x2052, 0x2052}, {0x20A1, 0x20A1}, {0x20A4, 0x20A4}, {0x20A6, 0x20A6},
    {0x20A9, 0x20A9}, {0x20AB, 0x20AC}, {0x20B1, 0x20B1}, {0x2103, 0x2103}, {0x2116, 0x2117},
    {0x211E, 0x211E}, {0x2120, 0x2120}, {0x2122, 0x2122}, {0x2126, 0x2127}, {0x212E, 0x212E},
    {0x2190, 0x2193}, {0xFB00, 0xFB06},
};

bool typeset(char32_t cp) {
    for (const auto& [first, last] : typeset_ranges)
        if (cp >= first && cp <= last) return true;
    return false;
}

/// Greek letters and signs that LaTeX sets in math mode with its own fonts (Cohen's κ, Krippendorff's α).
const char* math_symbol(char32_t cp) {
    static const char* lower[] = {"\\alpha", "\\beta", "\\gamma", "\\delta", "\\varepsilon", "\\zeta", "\\eta",
                                  "\\theta", "\\iota", "\\kappa", "\\lambda", "\\mu", "\\nu", "\\xi", "o", "\\pi",
                                  "\\rho", "\\varsigma", "\\sigma", "\\tau", "\\upsilon", "\\varphi", "\\chi",
                                  "\\psi", "\\omega"};
    if (cp >= 0x03B1 && cp <= 0x03C9) return lower[cp - 0x03B1];
    switch (cp) {
        case 0x0393: return "\\Gamma";
        case 0x0394: return "\\Delta";
        case 0x0398: return "\\Theta";
        case 0x039B: return "\\Lambda";
        case 0x039E: return "\\Xi";
        case 0x03A0: return "\\Pi";
        case 0x03A3: return "\\Sigma";
        case 0x03A5: return "\\Upsilon";
        case 0x03A6: return "\\Phi";
        case 0x03A8: return "\\Psi";
        case 0x03A9: return "\\Omega";
        case 0x2212: return "-";
        case 0x2248: return "\\approx";
        case 0x221E: return "\\infty";
        case 0x2260: return "\\neq";
        case 0x2264: return "\\leq";
        case 0x2265: return "\\geq";
        default: return nullptr;
    }
}

/// The LaTeX accent command for a combining mark (text written in decomposed form, as macOS often stores it).
const char* accent(char32_t cp) {
    switch (cp) {
        case 0x0300: return "\\`";
        case 0x0301: return "\\'";
        case 0x0302: return "\\^";
        case 0x0303: return "\\~";
        case 0x0304: return "\\=";
        case 0x0306: return "\\u";
        case 0x0307: return "\\.";
        case 0x0308: return "\\\"";
        case 0x030A: return "\\r";
        case 0x030B: return "\\H";
        case 0x030C: return "\\v";
        case 0x0327: return "\\c";
        case 0x0328: return "\\k";
        default: return nullptr;
    }
}

bool is_space(char32_t cp) { return (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F || cp == 0x3000; }

/// Decodes the code point at text[i], advancing i; not_utf8 (one byte consumed) for a malformed sequence.
char32_t decode(const std::string& text, std::size_t& i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    unsigned char b = byte(i);
    std::size_t length = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || i + length > text.size()) {
        ++i;
        return not_utf8;
    }
    char32_t cp = length == 1 ? b : length == 2 ? (b & 0x1F) : length == 3 ? (b & 0x0F) : (b & 0x07);
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) {
            ++i;
            return not_utf8;
        }
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    i += length;
    return cp;
}

std::string hex(char32_t cp) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04X", static_cast<unsigned>(cp));
    return buffer;
}

std::string placeholder(char32_t cp) { return cp == not_utf8 ? "[not UTF-8]" : "[U+" + hex(cp) + "]"; }

bool ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

}  // namespace

std::size_t Replacements::total() const {
    std::size_t n = 0;
    for (const auto& [cp, count] : code_points) n += count;
    return n;
}

std::string Replacements::note() const {
    const std::size_t n = total();
    if (n == 0) return {};
    std::string list;
    std::size_t shown = 0;
    for (const auto& [cp, count] : code_points) {
        if (shown++ == 8) {
            list += ", ...";
            break;
        }
        if (!list.empty()) list += ", ";
        list += (cp == not_utf8 ? std::string("bytes that are not UTF-8") : "U+" + hex(cp)) +
                (count > 1 ? " x" + std::to_string(count) : "");
    }
    return std::to_string(n) + (n == 1 ? " character" : " characters") +
           " that pdflatex cannot typeset " + (n == 1 ? "is" : "are") + " shown as [U+XXXX] (" + list +
           "); the md, docx and html outputs keep them.";
}

std::string escape(const std::string& text, Replacements& replaced) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    char last_ascii = 0;  // the previous character when it was a plain ASCII letter written as itself
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t start = i;
        const char32_t cp = decode(text, i);
        const char next = i < text.size() ? text[i] : '\0';
        char letter = 0;
        switch (cp) {
            case '\\': out += "\\textbackslash{}"; break;
            case '&': case '%': case '$': case '#': case '_': case '{': case '}':
                out += '\\';
                out += static_cast<char>(cp);
                break;
            case '~': out += "\\textasciitilde{}"; break;
            case '^': out += "\\textasciicircum{}"; break;
            case '<': out += "\\textless{}"; break;  // OT1 would print these as inverted marks
            case '>': out += "\\textgreater{}"; break;
            case '|': out += "\\textbar{}"; break;
            case '`': out += "\\textasciigrave{}"; break;  // else a left quote, and `` a double one
            // TeX ligatures that would change the text: -- and --- into dashes, '' and ,, into quotes.
            case '-': case '\'': case ',':
                out += static_cast<char>(cp);
                if (next == static_cast<char>(cp)) out += "{}";
                break;
            case '\r':
                if (next == '\n') ++i;
                out += "\\newline{}";
                break;
            case '\n': out += "\\newline{}"; break;
            case '\t': out += ' '; break;
            case 0x00AD: out += "\\-"; break;  // soft hyphen: a place where the word may break
            default:
                if (cp >= 0x20 && cp < 0x7F) {
                    out += static_cast<char>(cp);
                    if (ascii_letter(static_cast<char>(cp))) letter = static_cast<char>(cp);
                } else if (const char* mark = accent(cp); mark && last_ascii) {
                    out.pop_back();  // the letter just written takes the accent
                    out += std::string(mark) + "{" + (last_ascii == 'i' ? std::string("\\i") : std::string(1, last_ascii)) + "}";
                } else if (cp != not_utf8 && cp >= 0x80 && typeset(cp)) {
                    out.append(text, start, i - start);
                } else if (const char* symbol = math_symbol(cp)) {
                    out += std::string("\\ensuremath{") + symbol + "}";
                } else if (is_space(cp)) {
                    out += ' ';
                } else {
                    ++replaced.code_points[cp];
                    out += placeholder(cp);
                }
        }
        last_ascii = letter;
    }
    return out;
}

std::u32string shown(const std::string& text) {
    std::u32string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const char32_t cp = decode(text, i);
        if (cp < 0x80 || typeset(cp) || math_symbol(cp) || is_space(cp) || cp == 0x00AD) {
            if (cp != 0x00AD) out += cp;
        } else if (!accent(cp)) {
            for (char c : placeholder(cp)) out += static_cast<char32_t>(c);
        }
    }
    return out;
}

std::u32string passed_through() {
    std::u32string out;
    for (const auto& [first, last] : typeset_ranges)
        for (char32_t cp = first; cp <= last; ++cp) out += cp;
    return out;
}

}  // namespace framer::latex
