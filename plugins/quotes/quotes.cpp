// quotes: exemplar quotations per code, chosen by the rule in select.hpp, labelled by a template (label.hpp).
#include "quotes/quotes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "chart/excerpts.hpp"
#include "core/lookup.hpp"
#include "core/units.hpp"
#include "quotes/label.hpp"
#include "quotes/select.hpp"
#include "refi/guid.hpp"
#include "refi/index.hpp"
#include "refi/text.hpp"

namespace framer {
namespace {

std::size_t parse_count(const Options& options, const std::string& key, std::size_t fallback, std::size_t least) {
    if (!options.has(key)) return fallback;
    const std::string text = options.get(key);
    std::size_t value = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || p != text.data() + text.size() || value < least)
        throw UsageError(fmt::format("--{} '{}': expected a whole number of at least {}", key, text, least));
    return value;
}

/// Codes in codebook order (pre-order: a theme before its subthemes).
void flatten(const std::vector<refi::Code>& codes, std::vector<const refi::Code*>& out) {
    for (const auto& c : codes) {
        out.push_back(&c);
        flatten(c.children, out);
    }
}

void subtree_keys(const refi::Code& code, std::unordered_set<std::string>& out) {
    out.insert(refi::normalize_guid(code.guid));
    for (const auto& c : code.children) subtree_keys(c, out);
}

/// A quotable excerpt: text excerpts (text sources, PDF text, transcripts) with some text. A PDF quotation counts
/// when the project holds its text (ATLAS.ti's PlainTextContent, or the mirrored range of the PDF's text).
bool quotable(const chart::Excerpt& e) {
    const std::string_view kind = e.kind;
    return (kind == "text" || kind == "transcript" || kind == "pdf") && !e.text.empty();
}


std::vector<std::size_t> excluded_units(const std::vector<Unit>& units, const std::vector<std::string>& names) {
    std::vector<std::size_t> out;
    std::vector<std::string> all;
    for (const auto& u : units) all.push_back(u.name);
    for (const auto& wanted : names) {
        std::vector<std::size_t> hits;
        for (std::size_t u = 0; u < units.size(); ++u)
            if (units[u].name == wanted) hits.push_back(u);
        if (hits.empty())
            for (std::size_t u = 0; u < units.size(); ++u)
                if (refi::ascii_lower(units[u].name) == refi::ascii_lower(wanted)) hits.push_back(u);
        if (hits.empty()) {
            throw UsageError("--exclude-unit: unknown unit '" + wanted + "'" + did_you_mean(wanted, all));
        }
        out.insert(out.end(), hits.begin(), hits.end());
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

/// One excerpt of a code's candidates, with what the output needs beyond the rule's data.
struct Found {
    const chart::Excerpt* excerpt = nullptr;
    std::size_t unit = 0;
};

struct CodeQuotes {
    const refi::Code* code = nullptr;
    std::vector<const refi::Code*> path;
    std::vector<Found> found;             ///< candidates, parallel to `candidates`
    std::vector<quotes::Candidate> candidates;
    std::vector<quotes::Pick> picks;
};

std::string words_text(std::size_t n) { return fmt::format("{} word{}", n, n == 1 ? "" : "s"); }

class QuotesAnalysis : public Analysis {
public:
    std::string name() const override { return "quotes"; }
    bool uses_positions() const override { return true; }  // every coded segment is a candidate quotation
    std::string summary() const override { return "exemplar quotations per code, labelled (Box 1)"; }

    Result run(const refi::Project& project, const Options& options) const override {
        // Options first: a typo is a usage error even on a project without codings.
        const std::size_t per_code = parse_count(options, "per-code", 1, 1);
        const std::size_t min_words = parse_count(options, "min-words", 5, 0);
        const std::size_t max_words = parse_count(options, "max-words", 100, 0);
        if (max_words && max_words < min_words)
            throw UsageError(fmt::format("--max-words {} is below --min-words {}", max_words, min_words));
        const quotes::LabelTemplate label(project, options.get("label", "{unit}"));
        std::string spread;
        if (options.has("spread")) spread = resolve_variable(project, options.get("spread")).name;
        else if (!label.variables().empty()) spread = label.variables().front();

        std::vector<const refi::Code*> chosen_codes;
        if (options.has("code")) {
            std::set<const refi::Code*> wanted;
            for (const auto& spec : options.get_all("code")) wanted.insert(&resolve_code(project, spec));
            std::vector<const refi::Code*> all;
            flatten(project.codes, all);
            for (const auto* c : all)
                if (wanted.count(c)) chosen_codes.push_back(c);
        }
        std::set<std::string> coder_names;
        refi::ProjectIndex index(project);
        if (options.has("coder"))
            for (const refi::User* user : resolve_users(project, options.get("coder")))
                coder_names.insert(chart::user_display_name(index, user->guid));

        const UnitKind kind = choose_unit_kind(project, options.get("unit"));
        const std::vector<Unit> units = build_units(project, index, kind);
        const std::vector<std::size_t> excluded = excluded_units(units, options.get_all("exclude-unit"));
        std::vector<char> is_excluded(units.size(), 0);
        for (auto u : excluded) is_excluded[u] = 1;

        chart::TextCache texts(project);
        std::vector<std::vector<chart::Excerpt>> excerpts;
        std::size_t codings = 0;
        std::unordered_set<std::string> directly_coded;
        for (const auto& unit : units) {
            excerpts.push_back(chart::collect_excerpts(index, unit, texts));
            codings += excerpts.back().size();
            for (const auto& e : excerpts.back()) directly_coded.insert(*e.code_key);
        }
        if (codings == 0)
            throw std::runtime_error(fmt::format("the project has no codings of its {}s: nothing to quote",
                                                 kind == UnitKind::Case ? "case" : "source"));
        if (!options.has("code")) {
            // By default every code that some coding points at: the subthemes of a Box 1, and a theme coded directly.
            std::vector<const refi::Code*> all;
            flatten(project.codes, all);
            for (const auto* c : all)
                if (directly_coded.count(refi::normalize_guid(c->guid))) chosen_codes.push_back(c);
        }

        // Candidates per code; counts of what cannot be quoted.
        // Sets, not counters: an excerpt below two chosen codes (a theme and its subtheme) is one excerpt.
        std::set<const chart::Excerpt*> not_text, by_other_coders, in_excluded;
        quotes::Selector selector(min_words, max_words);
        std::vector<CodeQuotes> results;
        // Each code's excerpts as (unit, index in the unit), found in one pass: a code then visits its subtree's
        // excerpts only, in the units' order, instead of every excerpt of the project (328 codes x 100,000
        // codings was most of the command).
        std::unordered_map<std::string_view, std::vector<std::pair<std::size_t, std::size_t>>> by_code;
        for (std::size_t u = 0; u < units.size(); ++u)
            for (std::size_t i = 0; i < excerpts[u].size(); ++i) by_code[*excerpts[u][i].code_key].emplace_back(u, i);
        for (const refi::Code* code : chosen_codes) {
            CodeQuotes cq;
            cq.code = code;
            cq.path = index.path_of(*code);
            std::unordered_set<std::string> keys;
            subtree_keys(*code, keys);
            std::vector<std::pair<std::size_t, std::size_t>> places;
            for (const auto& k : keys)
                if (auto it = by_code.find(k); it != by_code.end())
                    places.insert(places.end(), it->second.begin(), it->second.end());
            std::sort(places.begin(), places.end());  // unit order, then each unit's excerpt order
            const std::string own = refi::normalize_guid(code->guid);
            std::set<std::string> seen;  // one candidate per excerpt: two coders' identical selections are one
            for (const auto& [u, i] : places) {
                const chart::Excerpt& e = excerpts[u][i];
                const auto position = static_cast<std::int64_t>(i + 1);  // 1-based, among all the unit's excerpts
                if (!quotable(e)) { not_text.insert(&e); continue; }
                if (is_excluded[u]) { in_excluded.insert(&e); continue; }
                if (!coder_names.empty() && !coder_names.count(*e.coder)) { by_other_coders.insert(&e); continue; }
                // A PDF excerpt's start and end are its page: two quotations of one page are told apart
                // by their selection.
                const bool by_selection = std::string_view(e.kind) == "pdf";
                std::string key = fmt::format("{}|{}|{}|{}", static_cast<const void*>(e.source), e.kind,
                                              by_selection ? reinterpret_cast<std::intptr_t>(e.dedupe_key) : e.start,
                                              by_selection ? 0 : e.end);
                if (!seen.insert(key).second) continue;
                quotes::Candidate c;
                c.unit = static_cast<int>(u);
                if (!spread.empty()) {
                    auto it = units[u].variables.find(spread);
                    if (it != units[u].variables.end()) c.spread = it->second;
                }
                c.coder = *e.coder;
                c.direct = *e.code_key == own;
                c.words = quotes::count_words(e.text);
                c.key = std::move(key);
                c.position = position;
                cq.candidates.push_back(std::move(c));
                cq.found.push_back({&e, u});
            }
            cq.picks = selector.choose(cq.candidates, per_code);
            results.push_back(std::move(cq));
        }

        Result result;
        Setup setup{units, label, spread, per_code, min_words, max_words, kind};
        describe(result, setup, results, excluded, not_text.size(), in_excluded.size(), by_other_coders.size(),
                 options.get("coder"));
        build_blocks(result, setup, results);
        build_tables(result, setup, results);
        build_json(result, setup, results);
        return result;
    }

private:
    struct Setup {
        const std::vector<Unit>& units;
        const quotes::LabelTemplate& label;
        std::string spread;
        std::size_t per_code, min_words, max_words;
        UnitKind kind;
    };

    static std::string remark(const Setup& s, const CodeQuotes& cq, const quotes::Pick& p) {
        const auto& c = cq.candidates[p.candidate];
        std::vector<std::string> parts;
        if (p.length == quotes::Length::Long)
            parts.push_back(fmt::format("over {} ({}): no shorter excerpt", words_text(s.max_words), c.words));
        if (p.length == quotes::Length::Short)
            parts.push_back(fmt::format("under {} ({}): no longer excerpt", words_text(s.min_words), c.words));
        if (p.reused) parts.push_back("also quoted for another code: no other excerpt");
        std::string out;
        for (const auto& part : parts) out += (out.empty() ? "" : "; ") + part;
        return out;
    }

    static std::string path_text(const CodeQuotes& cq) {
        std::string out;
        for (const auto* c : cq.path) out += (out.empty() ? "" : " > ") + c->name;
        return out;
    }

    static void describe(Result& result, const Setup& s, const std::vector<CodeQuotes>& results,
                         const std::vector<std::size_t>& excluded, std::size_t not_text, std::size_t in_excluded,
                         std::size_t by_other_coders, const std::string& coder) {
        const char* unit = s.kind == UnitKind::Case ? "case" : "source";
        result.title = "Exemplar quotations";
        std::size_t quotes = 0;
        for (const auto& r : results) quotes += r.picks.size();
        std::string bounds = s.max_words ? fmt::format("{}\u2013{} words", s.min_words, s.max_words)
                                         : fmt::format("at least {}", words_text(s.min_words));
        result.notes.push_back(fmt::format(
            "{} quotation(s) for {} code(s), up to {} per code, each an exact coded excerpt from a different {}. "
            "Rule (same input, same quotes): excerpts not quoted for another code first, then those coded with "
            "the code itself (not below it), then {}, then spread across {}, then across coders, then the {} "
            "quoted least so far, then the longer excerpt (over the bound: the shorter), then {} order.",
            quotes, results.size(), s.per_code, unit, bounds,
            s.spread.empty() ? std::string("units") : "the values of " + s.spread, unit, unit));
        if (!coder.empty()) result.notes.push_back("Codings by " + coder + " only.");
        std::vector<std::string> left;
        if (!excluded.empty()) {
            std::string names;
            for (auto u : excluded) names += (names.empty() ? "" : ", ") + s.units[u].name;
            left.push_back(fmt::format("{} {}(s) excluded ({}): {} excerpt(s) of theirs not quoted", excluded.size(),
                                       unit, names, in_excluded));
        }
        if (not_text)
            left.push_back(fmt::format("{} coding(s) without text (whole sources, cases, pictures, audio, video, PDF "
                                       "areas without text, text whose file is absent) cannot be quoted", not_text));
        if (by_other_coders) left.push_back(fmt::format("{} excerpt(s) by other coders left out", by_other_coders));
        for (const auto& l : left) {
            result.notes.push_back(l + ".");
            result.warnings.push_back(l);
        }
        std::vector<std::string> short_codes;
        for (const auto& r : results)
            if (r.picks.size() < s.per_code)
                short_codes.push_back(fmt::format("{} ({} of {})", r.code->name, r.picks.size(), s.per_code));
        if (!short_codes.empty()) {
            std::string list;
            for (const auto& c : short_codes) list += (list.empty() ? "" : "; ") + c;
            result.notes.push_back(fmt::format("{} code(s) have fewer quotable {}s than asked for: {}.",
                                               short_codes.size(), unit, list));
        }
        std::size_t flagged = 0;
        for (const auto& r : results)
            for (const auto& p : r.picks)
                if (!remark(s, r, p).empty()) ++flagged;
        if (flagged)
            result.notes.push_back(fmt::format("{} quotation(s) break a preference and say why after their label; "
                                               "Framer never shortens a quotation.", flagged));
    }

    static std::string quote_label(const Setup& s, const CodeQuotes& cq, const quotes::Pick& p) {
        return s.label.render(s.units[cq.found[p.candidate].unit]);
    }

    static void build_blocks(Result& result, const Setup& s, const std::vector<CodeQuotes>& results) {
        std::vector<const refi::Code*> open;  // the headings in force
        for (const auto& r : results) {
            std::size_t common = 0;
            while (common < open.size() && common < r.path.size() && open[common] == r.path[common]) ++common;
            for (std::size_t d = common; d < r.path.size(); ++d)
                result.blocks.push_back({Block::Kind::Heading, static_cast<int>(d) + 1, r.path[d]->name, {}, {}});
            open = r.path;
            if (r.picks.empty())
                result.blocks.push_back({Block::Kind::Paragraph, 0, "(no quotable excerpt)", {}, {}});
            for (const auto& p : r.picks)
                result.blocks.push_back({Block::Kind::Quote, 0, std::string(r.found[p.candidate].excerpt->text),
                                         quote_label(s, r, p), remark(s, r, p)});
        }
    }

    static Cell text(std::string t) {
        Cell c;
        c.text = std::move(t);
        return c;
    }

    static void build_tables(Result& result, const Setup& s, const std::vector<CodeQuotes>& results) {
        // Box 1 as a table (xlsx, latex, docx): the code path in the first column, quotation and label beside it.
        Table doc;
        doc.name = "Quotations";
        doc.prose_alternative = true;
        doc.header = {{text("Domains, themes, subthemes"), text("Quotation"), text("Label"), text("Note")}};
        doc.column_widths = {40, 90, 18, 30};
        std::vector<const refi::Code*> open;
        for (const auto& r : results) {
            std::size_t common = 0;
            while (common < open.size() && common < r.path.size() && open[common] == r.path[common]) ++common;
            for (std::size_t d = common; d + 1 < r.path.size(); ++d) {
                Cell c = text(r.path[d]->name);
                c.bold = true;
                c.indent = static_cast<int>(d);
                doc.rows.push_back({c});
            }
            open = r.path;
            Cell name = text(r.code->name);
            name.indent = static_cast<int>(r.path.size()) - 1;
            name.wrap = true;
            if (r.picks.empty()) doc.rows.push_back({name, text("(no quotable excerpt)")});
            bool first = true;
            for (const auto& p : r.picks) {
                Cell quote = text("\u201C" + std::string(r.found[p.candidate].excerpt->text) + "\u201D");
                quote.wrap = true;
                Cell note = text(remark(s, r, p));
                note.wrap = true;
                doc.rows.push_back({first ? name : text(""), quote, text(quote_label(s, r, p)), note});
                first = false;
            }
        }
        result.tables.push_back(std::move(doc));

        // The machine-readable long form (csv): one row per quotation, with its locator.
        Table csv;
        csv.name = "Quotations (csv)";
        csv.csv = true;
        csv.csv_only = true;
        csv.header = {{text("code"), text("path"), text("code_guid"), text("rank"), text("text"), text("label"),
                       text("unit"), text("source"), text("start"), text("end"), text("coder"), text("words"),
                       text("note")}};
        for (const auto& r : results) {
            std::size_t rank = 0;
            for (const auto& p : r.picks) {
                const auto& f = r.found[p.candidate];
                const auto& c = r.candidates[p.candidate];
                csv.rows.push_back({text(r.code->name), text(path_text(r)), text(r.code->guid),
                                    text(std::to_string(++rank)), text(std::string(f.excerpt->text)),
                                    text(quote_label(s, r, p)), text(s.units[f.unit].name),
                                    text(f.excerpt->source_name()), text(std::to_string(f.excerpt->start)),
                                    text(std::to_string(f.excerpt->end)), text(*f.excerpt->coder),
                                    text(std::to_string(c.words)), text(remark(s, r, p))});
            }
        }
        result.tables.push_back(std::move(csv));
    }

    static void build_json(Result& result, const Setup& s, const std::vector<CodeQuotes>& results) {
        Json j = Json::object();
        j["title"] = result.title;
        j["notes"] = Json::array();
        for (const auto& n : result.notes) j["notes"].push_back(n);
        Json rule = Json::object();
        rule["per_code"] = s.per_code;
        rule["min_words"] = s.min_words;
        rule["max_words"] = s.max_words ? Json(s.max_words) : Json(nullptr);
        rule["spread"] = s.spread.empty() ? Json(nullptr) : Json(s.spread);
        rule["unit"] = s.kind == UnitKind::Case ? "case" : "source";
        j["rule"] = rule;
        j["codes"] = Json::array();
        for (const auto& r : results) {
            Json code = Json::object();
            code["code"] = r.code->name;
            Json path = Json::array();
            for (const auto* c : r.path) path.push_back(c->name);
            code["path"] = path;
            code["guid"] = r.code->guid;
            code["candidates"] = r.candidates.size();
            code["quotes"] = Json::array();
            for (const auto& p : r.picks) {
                const auto& f = r.found[p.candidate];
                Json q = Json::object();
                q["text"] = std::string(f.excerpt->text);
                q["unit"] = s.units[f.unit].name;
                q["label"] = quote_label(s, r, p);
                q["source"] = f.excerpt->source_name();
                q["start"] = f.excerpt->start;
                q["end"] = f.excerpt->end;
                q["coder"] = *f.excerpt->coder;
                q["words"] = r.candidates[p.candidate].words;
                std::string why = remark(s, r, p);
                q["note"] = why.empty() ? Json(nullptr) : Json(why);
                code["quotes"].push_back(q);
            }
            j["codes"].push_back(code);
        }
        result.json = std::move(j);
    }
};

}  // namespace

std::unique_ptr<Analysis> make_quotes_analysis() { return std::make_unique<QuotesAnalysis>(); }

}  // namespace framer
