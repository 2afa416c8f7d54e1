#pragma once
/// Text for pdflatex: LaTeX specials escaped, and every code point that pdflatex (inputenc utf8, T1 fontenc)
/// cannot typeset replaced by a visible placeholder such as [U+1F600], counted so the output can say so.

#include <cstddef>
#include <map>
#include <string>

namespace framer::latex {

/// The code points replaced by placeholders while escaping, with how often each was met.
struct Replacements {
    std::map<char32_t, std::size_t> code_points;  ///< 0xFFFFFFFF stands for bytes that are not UTF-8
    std::size_t total() const;
    /// "2 characters pdflatex cannot typeset are shown as [U+XXXX] placeholders (U+1F600 x2); ..."; empty when none.
    std::string note() const;
};

/// `text` as LaTeX for a paragraph (a table cell, a caption, a note): specials escaped (\ { } # $ % & ~ _ ^ < > |),
/// TeX ligatures that would change the text (-- ,, '' ``) broken, line breaks as \newline{}, Greek letters and a
/// few mathematical signs in math mode, a letter followed by a combining accent as the LaTeX accent, and any
/// other code point outside what T1/TS1 cover as [U+XXXX] (counted in `replaced`). Never drops a character.
std::string escape(const std::string& text, Replacements& replaced);

/// The code points of `text` as escape() has them typeset (placeholders spelt out, a combining accent
/// merged into its letter): what the layout measures.
std::u32string shown(const std::string& text);

/// The code points escape() passes through to inputenc (Latin-1, Latin Extended-A and the T1/TS1 punctuation
/// and symbols): the compile test typesets all of them.
std::u32string passed_through();

}  // namespace framer::latex
