#include "merge_test_support.hpp"

#include <cctype>
#include <functional>
#include <map>

#include "refi/guid.hpp"
#include "refi/index.hpp"
#include "refi/io.hpp"
#include "refi/source_store.hpp"
#include "support/zip_builder.hpp"

namespace framer::test {

namespace {

bool guid_at(const std::string& s, std::size_t i) {
    static const char shape[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
    if (i + 36 > s.size()) return false;
    for (std::size_t k = 0; k < 36; ++k) {
        char c = s[i + k];
        if (shape[k] == '-' ? c != '-' : !std::isxdigit(static_cast<unsigned char>(c))) return false;
    }
    return true;
}

std::string replace_guids(const std::string& xml, const std::function<std::string(const std::string&)>& f) {
    std::string out;
    out.reserve(xml.size());
    for (std::size_t i = 0; i < xml.size();) {
        if (guid_at(xml, i)) {
            out += f(xml.substr(i, 36));
            i += 36;
        } else {
            out += xml[i++];
        }
    }
    return out;
}

}  // namespace

std::string remint_guids(const std::string& xml, const std::string& salt) {
    return replace_guids(xml, [&](const std::string& g) { return refi::make_guid_from(salt, refi::normalize_guid(g)); });
}

std::string lowercase_guids(const std::string& xml) {
    return replace_guids(xml, [](std::string g) {
        for (auto& c : g) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return g;
    });
}

void write_rewritten(const refi::Project& project, const std::filesystem::path& out, const refi::WriteOptions& options,
                     const std::function<std::string(const std::string&)>& rewrite) {
    refi::Diagnostics d;
    std::vector<std::pair<std::string, std::string>> entries = {{"project.qde", rewrite(refi::project_to_xml(project, d, options))}};
    if (project.store)
        for (const auto& e : project.store->entries()) entries.push_back({rewrite(e), project.store->read(e, 1u << 30)});
    write_zip(out, entries);
}

std::multiset<CodingFact> coding_facts(const refi::Project& project) {
    refi::ProjectIndex index(project);
    auto user_name = [&](const refi::OptString& g) -> std::string {
        if (!g) return "(none)";
        const auto* u = index.find_user(*g);
        return u && u->name ? *u->name : "?" + *g;
    };
    auto code_path = [&](const std::string& g) {
        const auto* c = index.find_code(g);
        if (!c) return "?" + g;
        std::string path;
        for (const auto* p : index.path_of(*c)) path += (path.empty() ? "" : " > ") + p->name;
        return path;
    };
    std::multiset<CodingFact> facts;
    for (const auto& s : project.sources) {
        for (const auto& sel : s.selections)
            for (const auto& c : sel.codings)
                facts.insert({s.name.value_or(""), sel.start, sel.end, code_path(c.code.target),
                              user_name(c.creating_user ? c.creating_user : sel.authorship.creating_user)});
        for (const auto& c : s.codings)
            facts.insert({s.name.value_or(""), -1, -1, code_path(c.code.target), user_name(c.creating_user)});
    }
    return facts;
}

}  // namespace framer::test
