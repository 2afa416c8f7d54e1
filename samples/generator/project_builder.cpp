// Deterministic construction of sample projects (see project_builder.hpp).
#include "project_builder.hpp"

#include <algorithm>
#include <cctype>

#include "refi/guid.hpp"

namespace framer::samples {

std::int64_t code_points(std::string_view utf8) {
    std::int64_t n = 0;
    for (unsigned char c : utf8)
        if ((c & 0xC0) != 0x80) ++n;  // count lead bytes only: continuation bytes belong to the previous point
    return n;
}

std::string join_path(const CodePath& path) {
    std::string out;
    for (const auto& part : path) {
        if (!out.empty()) out += " > ";
        out += part;
    }
    return out;
}

ProjectBuilder::ProjectBuilder(std::string project_name, std::string guid_namespace, bool lowercase_guids)
    : m_namespace(std::move(guid_namespace)), m_lowercase(lowercase_guids), m_store(std::make_shared<MemoryStore>()) {
    m_project.name = std::move(project_name);
    m_project.has_codebook = true;
}

std::string ProjectBuilder::guid(std::string_view kind, std::string_view key) const {
    std::string g = refi::make_guid_from(m_namespace, std::string(kind) + ":" + std::string(key));
    if (m_lowercase)
        std::transform(g.begin(), g.end(), g.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return g;
}

std::string ProjectBuilder::add_user(const std::string& name, const std::string& initials) {
    refi::User u;
    u.guid = guid("user", name);
    u.name = name;
    if (!initials.empty()) u.id = initials;
    m_project.users.push_back(u);
    return u.guid;
}

refi::Code* ProjectBuilder::find_code(const CodePath& path) {
    std::vector<refi::Code>* level = &m_project.codes;
    refi::Code* found = nullptr;
    for (const auto& name : path) {
        auto it = std::find_if(level->begin(), level->end(), [&](const refi::Code& c) { return c.name == name; });
        if (it == level->end()) return nullptr;
        found = &*it;
        level = &it->children;
    }
    return found;
}

std::string ProjectBuilder::add_code(const CodePath& path, bool codable, const std::optional<std::string>& color,
                                     const std::optional<std::string>& description) {
    if (path.empty()) throw GeneratorError("empty code path");
    if (m_code_guids.count(join_path(path))) throw GeneratorError("duplicate code " + join_path(path));
    refi::Code c;
    c.guid = guid("code", join_path(path));
    c.name = path.back();
    c.is_codable = codable ? "true" : "false";
    c.color = color;
    c.description = description;
    if (path.size() == 1) {
        m_project.codes.push_back(c);
    } else {
        CodePath parent(path.begin(), path.end() - 1);
        refi::Code* p = find_code(parent);
        if (!p) throw GeneratorError("no parent code " + join_path(parent));
        p->children.push_back(c);
    }
    m_code_guids[join_path(path)] = c.guid;
    return c.guid;
}

const std::string& ProjectBuilder::code(const CodePath& path) const {
    auto it = m_code_guids.find(join_path(path));
    if (it == m_code_guids.end()) throw GeneratorError("no code " + join_path(path));
    return it->second;
}

refi::Code& ProjectBuilder::code_element(const CodePath& path) {
    refi::Code* c = find_code(path);
    if (!c) throw GeneratorError("no code " + join_path(path));
    return *c;
}

std::string ProjectBuilder::add_variable(const std::string& name, refi::VariableType type,
                                         const std::optional<std::string>& description) {
    refi::Variable v;
    v.guid = guid("variable", name);
    v.name = name;
    v.type = type;
    v.description = description;
    m_variable_index[name] = m_project.variables.size();
    m_project.variables.push_back(v);
    return v.guid;
}

refi::VariableValue ProjectBuilder::value(const std::string& name, const std::string& text) const {
    auto it = m_variable_index.find(name);
    if (it == m_variable_index.end()) throw GeneratorError("no variable " + name);
    const refi::Variable& v = m_project.variables[it->second];
    refi::VariableValue vv;
    vv.variable.target = v.guid;
    vv.kind = v.type;
    vv.value = text;
    return vv;
}

refi::Source& ProjectBuilder::add_text_source(const std::string& name, const std::string& text,
                                              const refi::Authorship& who) {
    if (m_source_index.count(name)) throw GeneratorError("duplicate source " + name);
    refi::Source s;
    s.kind = refi::SourceKind::Text;
    s.guid = guid("source", name);
    s.name = name;
    s.plain_text_path = "internal://" + s.guid + ".txt";
    s.authorship = who;
    m_store->add("sources/" + s.guid + ".txt", text);
    m_texts[name] = text;
    m_source_index[name] = m_project.sources.size();
    m_project.sources.push_back(std::move(s));
    return m_project.sources.back();
}

refi::Source& ProjectBuilder::source(const std::string& name) {
    auto it = m_source_index.find(name);
    if (it == m_source_index.end()) throw GeneratorError("no source " + name);
    return m_project.sources[it->second];
}

const std::string& ProjectBuilder::text_of(const std::string& source_name) const {
    auto it = m_texts.find(source_name);
    if (it == m_texts.end()) throw GeneratorError("no source " + source_name);
    return it->second;
}

refi::Selection& ProjectBuilder::select_phrase(const std::string& source_name, const std::string& phrase,
                                               const std::string& code_guid, const refi::Authorship& who,
                                               const std::string& selection_key, int occurrence) {
    const std::string& text = text_of(source_name);
    std::size_t at = std::string::npos, from = 0;
    for (int i = 0; i <= occurrence; ++i) {
        at = text.find(phrase, from);
        if (at == std::string::npos)
            throw GeneratorError("phrase not in " + source_name + " (occurrence " + std::to_string(occurrence) +
                                 "): " + phrase);
        from = at + 1;
    }
    refi::Selection sel;
    sel.kind = refi::SelectionKind::PlainText;
    std::string key = source_name + "|" + phrase + "|" + std::to_string(occurrence) + "|" + selection_key;
    sel.guid = guid("selection", key);
    sel.authorship = who;
    // Offsets in code points of the text as stored (CR of a CRLF counts, as it is a code point of the file).
    sel.start = code_points(std::string_view(text).substr(0, at));
    sel.end = sel.start + code_points(phrase);
    if (!code_guid.empty()) add_coding(sel, code_guid, who, key);
    auto& src = source(source_name);
    src.selections.push_back(std::move(sel));
    return src.selections.back();
}

void ProjectBuilder::add_coding(refi::Selection& selection, const std::string& code_guid,
                                const refi::Authorship& who, const std::string& key) {
    refi::Coding c;
    c.guid = guid("coding", key + "|" + code_guid + "|" + who.creating_user.value_or(""));
    c.creating_user = who.creating_user;
    c.creation_date_time = who.creation_date_time;
    c.code.target = code_guid;
    selection.codings.push_back(std::move(c));
}

refi::Project ProjectBuilder::finish() {
    for (auto& s : m_project.sources)
        std::stable_sort(s.selections.begin(), s.selections.end(), [](const refi::Selection& a, const refi::Selection& b) {
            return a.start != b.start ? a.start < b.start : a.end < b.end;
        });
    m_project.store = m_store;
    return std::move(m_project);
}

}  // namespace framer::samples
