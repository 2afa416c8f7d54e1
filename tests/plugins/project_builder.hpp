#pragma once
// Builds small projects in code for the tabulate/describe/units tests: codes by path, variables, sources,
// cases and codings, with GUIDs derived from names so a test can refer to them.
#include <string>
#include <vector>

#include "refi/guid.hpp"
#include "refi/model.hpp"

namespace framer::test {

inline std::string guid_of(const std::string& kind, const std::string& name) {
    return refi::make_guid_from(kind, name);
}

class ProjectBuilder {
public:
    ProjectBuilder() { m_project.name = "test"; }

    /// Adds a code at `path` ("Domain/Theme/Subtheme"); parents must exist. Returns its GUID.
    std::string code(const std::string& path, bool codable = true) {
        auto slash = path.rfind('/');
        std::vector<refi::Code>* siblings = &m_project.codes;
        if (slash != std::string::npos) siblings = &find_code(path.substr(0, slash))->children;
        refi::Code c;
        c.guid = guid_of("code", path);
        c.name = slash == std::string::npos ? path : path.substr(slash + 1);
        c.is_codable = codable ? "true" : "false";
        siblings->push_back(c);
        return c.guid;
    }

    std::string variable(const std::string& name, refi::VariableType type = refi::VariableType::Text) {
        refi::Variable v;
        v.guid = guid_of("variable", name);
        v.name = name;
        v.type = type;
        m_project.variables.push_back(v);
        return v.guid;
    }

    std::string user(const std::string& name, const std::string& id = {}) {
        refi::User u;
        u.guid = guid_of("user", name);
        u.name = name;
        if (!id.empty()) u.id = id;
        m_project.users.push_back(u);
        return u.guid;
    }

    /// A text source; returns its index in project.sources.
    std::size_t source(const std::string& name) {
        refi::Source s;
        s.guid = guid_of("source", name);
        s.name = name;
        s.plain_text_content = "text of " + name;
        m_project.sources.push_back(s);
        return m_project.sources.size() - 1;
    }

    /// A case covering the named sources (empty name: a nameless case).
    std::size_t add_case(const std::string& name, const std::vector<std::string>& source_names) {
        refi::Case c;
        c.guid = guid_of("case", name.empty() ? "nameless:" + std::to_string(m_project.cases.size()) : name);
        if (!name.empty()) c.name = name;
        for (const auto& s : source_names) c.source_refs.push_back(refi::Ref{guid_of("source", s), {}, {}});
        m_project.cases.push_back(c);
        return m_project.cases.size() - 1;
    }

    static refi::VariableValue value(const std::string& variable, refi::VariableType type, const std::string& text) {
        refi::VariableValue v;
        v.variable.target = guid_of("variable", variable);
        v.kind = type;
        v.value = text;
        return v;
    }

    void case_value(std::size_t c, const std::string& variable, const std::string& text,
                    refi::VariableType type = refi::VariableType::Text) {
        m_project.cases[c].variable_values.push_back(value(variable, type, text));
    }
    void source_value(std::size_t s, const std::string& variable, const std::string& text,
                      refi::VariableType type = refi::VariableType::Text) {
        m_project.sources[s].variable_values.push_back(value(variable, type, text));
    }

    /// Codes a new selection of source `s` with the code at `code_path` (optionally by a user GUID).
    std::string coding(std::size_t s, const std::string& code_path, const std::string& user_guid = {}) {
        refi::Selection sel;
        sel.guid = refi::make_guid_from("selection", std::to_string(m_counter++));
        sel.start = 0;
        sel.end = 4;
        refi::Coding c;
        c.guid = refi::make_guid_from("coding", std::to_string(m_counter++));
        c.code.target = guid_of("code", code_path);
        if (!user_guid.empty()) c.creating_user = user_guid;
        sel.codings.push_back(c);
        m_project.sources[s].selections.push_back(sel);
        return sel.guid;
    }

    /// A coding that points at a GUID no code has.
    void dangling_coding(std::size_t s) {
        refi::Selection sel;
        sel.guid = refi::make_guid_from("selection", std::to_string(m_counter++));
        refi::Coding c;
        c.guid = refi::make_guid_from("coding", std::to_string(m_counter++));
        c.code.target = refi::make_guid_from("code", "missing");
        sel.codings.push_back(c);
        m_project.sources[s].selections.push_back(sel);
    }

    refi::Project& project() { return m_project; }

private:
    refi::Code* find_code(const std::string& path) {
        std::vector<refi::Code>* level = &m_project.codes;
        refi::Code* found = nullptr;
        std::size_t start = 0;
        while (true) {
            auto slash = path.find('/', start);
            std::string name = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
            found = nullptr;
            for (auto& c : *level)
                if (c.name == name) found = &c;
            if (!found) throw std::logic_error("no code " + path);
            if (slash == std::string::npos) return found;
            level = &found->children;
            start = slash + 1;
        }
    }

    refi::Project m_project;
    int m_counter = 0;
};

}  // namespace framer::test
