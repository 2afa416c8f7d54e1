// Label templates: placeholders resolved once against the project, rendered per unit without "None" gaps.
#include "quotes/label.hpp"

#include "core/lookup.hpp"
#include "core/plugin.hpp"

namespace framer::quotes {

LabelTemplate::LabelTemplate(const refi::Project& project, const std::string& text) {
    std::string literal;
    auto flush = [&] {
        if (!literal.empty()) m_pieces.push_back({false, false, literal});
        literal.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 2, "{{") == 0 || text.compare(i, 2, "}}") == 0) {
            literal += text[i];
            ++i;
            continue;
        }
        if (text[i] == '}') throw UsageError("--label '" + text + "': '}' without '{' (write '}}' for a brace)");
        if (text[i] != '{') {
            literal += text[i];
            continue;
        }
        auto close = text.find('}', i + 1);
        if (close == std::string::npos)
            throw UsageError("--label '" + text + "': '{' without '}' (write '{{' for a brace)");
        std::string name = text.substr(i + 1, close - i - 1);
        flush();
        if (name == "unit") {
            m_pieces.push_back({true, true, name});
        } else {
            // resolve_variable throws the usage error with near matches; the label uses the variable's own name.
            const refi::Variable& v = resolve_variable(project, name);
            m_pieces.push_back({true, false, v.name});
            m_variables.push_back(v.name);
        }
        i = close;
    }
    flush();
}

std::string LabelTemplate::render(const Unit& unit) const {
    std::string out;
    bool kept_any = false;       // a placeholder has been kept: later separators are needed
    std::string pending;         // literal text since the last kept placeholder (or the start)
    bool drop_close = false;     // the dropped separator opened a bracket: drop the matching closing one
    char close_char = 0;
    bool drop_next = false;      // a leading placeholder was dropped: the separator after it goes too
    for (const auto& piece : m_pieces) {
        if (!piece.placeholder) {
            std::string text = piece.text;
            if (drop_close && !text.empty() && text.front() == close_char) text.erase(0, 1);
            drop_close = false;
            if (drop_next) {
                drop_next = false;
                continue;
            }
            pending += text;
            continue;
        }
        std::string value;
        if (piece.is_unit) {
            value = unit.name;
        } else {
            auto it = unit.variables.find(piece.text);
            if (it != unit.variables.end()) value = it->second;
        }
        if (value.empty()) {
            // Leave out the value and what joins it to the label so far; text before the first kept part stays.
            if (kept_any) {
                if (pending.find('(') != std::string::npos) { drop_close = true; close_char = ')'; }
                else if (pending.find('[') != std::string::npos) { drop_close = true; close_char = ']'; }
                pending.clear();
            } else {
                drop_next = true;
            }
            continue;
        }
        drop_next = false;
        out += pending;
        pending.clear();
        out += value;
        kept_any = true;
    }
    out += pending;
    return out;
}

}  // namespace framer::quotes
