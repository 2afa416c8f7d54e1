// framer info PROJECT [--json]: what is inside a project. Counts are of elements anywhere in the project (nested
// codes; selections of all six kinds wherever they sit: sources, PDF Representations, picture TextDescriptions,
// transcripts, notes; codings of selections and of whole sources).
#include <fmt/format.h>

#include <map>
#include <ostream>
#include <unordered_map>
#include <unordered_set>

#include "cli_common.hpp"
#include "stdin_project.hpp"
#include "refi/codebook.hpp"
#include "refi/dialect.hpp"
#include "core/json.hpp"
#include "refi/guid.hpp"
#include "refi/io.hpp"
#include "refi/text.hpp"

namespace framer::cli {

namespace {

/// Files outside the project (absolute:// or relative://) it makes Framer read: what --no-external refuses.
std::size_t external_files(const refi::Project& p) {
    std::size_t n = 0;
    auto count = [&](const std::optional<std::string>& path) {
        if (!path) return;
        auto kind = refi::resolve_path(*path).kind;
        n += kind == refi::ResolvedPath::Kind::Absolute || kind == refi::ResolvedPath::Kind::Relative;
    };
    for (const auto& s : p.sources) {
        count(s.plain_text_path);
        count(s.rich_text_path);
        count(s.path);
        for (const auto& t : s.transcripts) {
            count(t.plain_text_path);
            count(t.rich_text_path);
        }
        if (s.representation) count(s.representation->path);
    }
    return n;
}

struct Counts {
    std::size_t users = 0, codes = 0, variables = 0, cases = 0, sources = 0, selections = 0, codings = 0, notes = 0,
                sets = 0, links = 0, graphs = 0;
    std::size_t mirrored = 0;  // ATLAS.ti's PlainTextSelections that repeat a PDFSelection of their PDF
    std::unordered_map<std::string, std::size_t> codings_per_code;  // normalised code GUID -> codings
    // Codings per CodeRef as spelled, folded into codings_per_code at the end: a project has few codes and
    // 100,000s of codings, and normalising each coding's GUID was a tenth of `framer info`.
    std::unordered_map<std::string_view, std::size_t> codings_per_spelling;
};

void count_codings(const std::vector<refi::Coding>& codings, Counts& c) {
    c.codings += codings.size();
    for (const auto& coding : codings) ++c.codings_per_spelling[coding.code.target];
}

void count_source(const refi::Source& s, Counts& c);

void count_selection(const refi::Selection& s, Counts& c) {
    ++c.selections;
    count_codings(s.codings, c);
    if (s.representation) count_source(*s.representation, c);
}

// ATLAS.ti writes a PDF quotation twice with one GUID (a PDFSelection and a PlainTextSelection of the PDF's text
// Representation): the elements count twice, but per code the quotation is one coding, as the chart shows it.
void count_representation(const refi::Source& pdf, Counts& c) {
    std::unordered_map<std::string, std::unordered_set<std::string>> codes_of;  // PDFSelection GUID -> code GUIDs
    for (const auto& sel : pdf.selections)
        if (sel.kind == refi::SelectionKind::PDF)
            for (const auto& coding : sel.codings)
                codes_of[refi::normalize_guid(sel.guid)].insert(refi::normalize_guid(coding.code.target));
    for (const auto& sel : pdf.representation->selections) {
        auto it = codes_of.find(refi::normalize_guid(sel.guid));
        if (it == codes_of.end()) { count_selection(sel, c); continue; }
        ++c.mirrored;
        ++c.selections;
        c.codings += sel.codings.size();
        for (const auto& coding : sel.codings) {
            std::string code = refi::normalize_guid(coding.code.target);
            if (!it->second.count(code)) ++c.codings_per_code[code];
        }
    }
    const refi::Source& rep = *pdf.representation;
    count_codings(rep.codings, c);
}

void count_source(const refi::Source& s, Counts& c) {
    for (const auto& sel : s.selections) count_selection(sel, c);
    count_codings(s.codings, c);
    if (s.text_description) count_source(*s.text_description, c);
    if (s.representation) count_representation(s, c);
    for (const auto& t : s.transcripts)
        for (const auto& sel : t.selections) count_selection(sel, c);
}

std::size_t count_codes(const std::vector<refi::Code>& codes) {
    std::size_t n = codes.size();
    for (const auto& code : codes) n += count_codes(code.children);
    return n;
}

Counts count(const refi::Project& p) {
    Counts c;
    c.users = p.users.size();
    c.codes = count_codes(p.codes);
    c.variables = p.variables.size();
    c.cases = p.cases.size();
    c.sources = p.sources.size();
    c.notes = p.notes.size();
    c.sets = p.sets.size();
    c.links = p.links.size();
    c.graphs = p.graphs.size();
    for (const auto& s : p.sources) count_source(s, c);
    for (const auto& n : p.notes) count_source(n, c);
    for (const auto& [spelling, n] : c.codings_per_spelling) c.codings_per_code[refi::normalize_guid(spelling)] += n;
    c.codings_per_spelling.clear();
    return c;
}

void print_codes(const std::vector<refi::Code>& codes, const Counts& c, int depth, std::ostream& out) {
    for (const auto& code : codes) {
        auto it = c.codings_per_code.find(refi::normalize_guid(code.guid));
        std::size_t n = it == c.codings_per_code.end() ? 0 : it->second;
        out << fmt::format("  {:{}}{}{} ({})\n", "", depth * 2, code.name, code.codable() ? "" : " [category]", n);
        print_codes(code.children, c, depth + 1, out);
    }
}

void print_text(const refi::Project& p, const Counts& c, const std::string& evidence, std::ostream& out) {
    out << fmt::format("project   {}\n", p.name);
    out << fmt::format("origin    {}\n", p.origin ? *p.origin : "(not given)");
    out << fmt::format("dialect   {}\n", refi::to_string(p.dialect));
    out << fmt::format("evidence  {}\n", evidence);
    out << fmt::format(
        "counts    {} users, {} codes, {} variables, {} cases, {} sources, {} selections, {} codings, {} notes, "
        "{} sets, {} links, {} graphs\n",
        c.users, c.codes, c.variables, c.cases, c.sources, c.selections, c.codings, c.notes, c.sets, c.links,
        c.graphs);
    // Only when there are some: most projects carry every file inside them.
    if (std::size_t n = external_files(p))
        out << fmt::format("external  {} file(s) outside the project (absolute:// or relative://; refused under "
                           "--no-external)\n", n);
    if (c.mirrored)
        out << fmt::format("mirrored  {} PDF quotation(s) written twice with one GUID (ATLAS.ti: the PDF area and the "
                           "PDF's text); counted once per code below\n", c.mirrored);
    if (!p.codes.empty()) {
        out << "\ncodes (number of codings; [category]: not codable)\n";
        print_codes(p.codes, c, 0, out);
    }
    if (!p.variables.empty()) {
        out << "\nvariables\n";
        for (const auto& v : p.variables) out << fmt::format("  {} ({})\n", v.name, refi::to_string(v.type));
    }
    if (!p.cases.empty()) {
        std::unordered_map<std::string, std::string> variable_names;
        for (const auto& v : p.variables) variable_names[refi::normalize_guid(v.guid)] = v.name;
        out << "\ncases\n";
        for (const auto& cs : p.cases) {
            std::string values;
            for (const auto& v : cs.variable_values) {
                auto it = variable_names.find(refi::normalize_guid(v.variable.target));
                values += fmt::format("{}{}={}", values.empty() ? "" : ", ",
                                      it == variable_names.end() ? v.variable.target : it->second, v.value);
            }
            out << fmt::format("  {}{}{}\n", cs.name && !cs.name->empty() ? *cs.name : "(unnamed " + cs.guid + ")",
                               values.empty() ? "" : ": ", values);
        }
    }
}

framer::Json to_json(const refi::Project& p, const Counts& c, const std::string& evidence) {
    framer::Json j = framer::Json::object();
    j["kind"] = "project";
    j["name"] = p.name;
    j["origin"] = p.origin ? framer::Json(*p.origin) : framer::Json();
    j["dialect"] = refi::to_string(p.dialect);
    j["dialect_evidence"] = evidence;
    j["users"] = c.users;
    j["codes"] = c.codes;
    j["variables"] = c.variables;
    j["cases"] = c.cases;
    j["sources"] = c.sources;
    j["external_files"] = external_files(p);
    j["selections"] = c.selections;
    j["codings"] = c.codings;
    j["mirrored_selections"] = c.mirrored;
    j["notes"] = c.notes;
    j["sets"] = c.sets;
    j["links"] = c.links;
    j["graphs"] = c.graphs;
    return j;
}

// A .qdc holds codes and sets only: the code tree (no codings to count) and each set with its codes.
void print_codebook(const std::string& file, const refi::Codebook& cb, const Counts& c, std::ostream& out) {
    std::size_t categories = 0;
    auto count = [&](const auto& self, const std::vector<refi::Code>& list) -> void {
        for (const auto& code : list) { categories += code.codable() ? 0 : 1; self(self, code.children); }
    };
    count(count, cb.codes);
    out << fmt::format("codebook  {}\n", file);
    out << fmt::format("origin    {}\n", cb.origin ? *cb.origin : "(not given)");
    out << fmt::format("dialect   {}\n", refi::to_string(refi::detect_dialect(cb.origin)));
    out << fmt::format("counts    {} code{} ({} categor{}), {} set{} (a codebook: no sources, codings, variables "
                       "or cases)\n", c.codes, c.codes == 1 ? "" : "s", categories, categories == 1 ? "y" : "ies",
                       c.sets, c.sets == 1 ? "" : "s");
    if (!cb.codes.empty()) {
        out << "\ncodes ([category]: not codable)\n";
        auto print = [&](const auto& self, const std::vector<refi::Code>& list, int depth) -> void {
            for (const auto& code : list) {
                out << fmt::format("  {:{}}{}{}\n", "", depth * 2, code.name, code.codable() ? "" : " [category]");
                self(self, code.children, depth + 1);
            }
        };
        print(print, cb.codes, 0);
    }
    if (!cb.sets.empty()) {
        out << "\nsets (number of codes)\n";
        for (const auto& s : cb.sets) out << fmt::format("  {} ({})\n", s.name, s.member_codes.size());
    }
}

framer::Json codebook_json(const refi::Codebook& cb, const Counts& c) {
    framer::Json j = framer::Json::object();
    j["kind"] = "codebook";
    j["origin"] = cb.origin ? framer::Json(*cb.origin) : framer::Json();
    j["dialect"] = refi::to_string(refi::detect_dialect(cb.origin));
    j["codes"] = c.codes;
    j["sets"] = c.sets;
    framer::Json sets = framer::Json::array();
    for (const auto& s : cb.sets) {
        framer::Json one = framer::Json::object();
        one["name"] = s.name;
        one["guid"] = s.guid;
        one["codes"] = s.member_codes.size();
        sets.push_back(std::move(one));
    }
    j["code_sets"] = std::move(sets);
    return j;
}

}  // namespace

int cmd_info(const std::vector<std::string>& args, Io& io) {
    po::options_description options(
        "Show what is inside a project: name, origin (the exporting tool), dialect, element counts, the code\n"
        "tree with the number of codings of each code, variables and cases. Reader warnings go to stderr.\n"
        "Options");
    std::string input, from;
    options.add_options()
        ("project", po::value(&input)->required(), "the project or codebook to describe (.qdpx, .qde or .qdc; - reads a .qdpx from standard input)")
        ("json", "print name, origin, dialect and the counts as a JSON object");
    add_from_option(options, from);
    add_compact_option(options);
    po::positional_options_description positional;
    positional.add("project", 1);
    po::variables_map vm;
    if (!parse_command_line(args, "info", "PROJECT [--json [--compact]]", options, positional, vm, io)) return ok;
    if (vm.count("compact") && !vm.count("json")) throw UsageError("--compact is for the JSON output: add --json");

    refi::Diagnostics diagnostics;
    if (refi::is_codebook_path(input)) {
        refi::Codebook codebook = refi::read_codebook(input, diagnostics);
        print_diagnostics(diagnostics, io.err);
        Counts c = count(refi::project_of(codebook, input));
        if (vm.count("json"))
            io.out << codebook_json(codebook, c).dump(json_indent(vm)) << "\n";
        else
            print_codebook(input, codebook, c, io.out);
        return ok;
    }
    refi::Project project = read_project_arg(input, input_stream(io), diagnostics, read_options_for(from));
    refi::PositionEvidence evidence = refi::position_evidence(project);
    refi::warn_about_positions(evidence, input_label(input), diagnostics);
    print_diagnostics(diagnostics, io.err);
    std::string why = refi::describe_evidence(project, evidence);
    Counts c = count(project);
    if (vm.count("json"))
        io.out << to_json(project, c, why).dump(json_indent(vm)) << "\n";
    else
        print_text(project, c, why, io.out);
    io.out.flush();
    release(std::move(project));  // freeing 100,000s of selections one by one cost a tenth of info; the exit frees them at once
    return ok;
}

}  // namespace framer::cli
