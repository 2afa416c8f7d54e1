// agreement: options, the choice of documents and codes, and what was left out; compare.cpp counts and
// report.cpp renders.
#include "agreement/agreement.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "agreement/collect.hpp"
#include "agreement/compare.hpp"
#include "agreement/report.hpp"
#include "core/lookup.hpp"
#include "core/units.hpp"
#include "refi/error.hpp"
#include "refi/guid.hpp"
#include "refi/text.hpp"
#include "theme_table/code_counts.hpp"

namespace framer {
namespace {

using namespace agreement;

std::vector<std::string> split_commas(const std::string& text) {
    std::vector<std::string> out;
    std::string cur;
    auto flush = [&] {
        auto b = cur.find_first_not_of(' '), e = cur.find_last_not_of(' ');
        if (b != std::string::npos) out.push_back(cur.substr(b, e - b + 1));
        cur.clear();
    };
    for (char c : text) {
        if (c == ',') flush(); else cur += c;
    }
    flush();
    return out;
}

std::string join(const std::vector<std::string>& items, std::size_t limit = 12) {
    std::string out;
    for (std::size_t i = 0; i < items.size() && i < limit; ++i) out += (i ? ", " : "") + items[i];
    if (items.size() > limit) out += fmt::format(" and {} more", items.size() - limit);
    return out;
}

struct Coder {
    std::string label;
    std::vector<std::string> guids;  ///< normalised
};

Coder resolve_coder(const refi::Project& project, const std::string& wanted) {
    Coder c;
    for (const refi::User* u : resolve_users(project, wanted)) {
        c.guids.push_back(refi::normalize_guid(u->guid));
        if (c.label.empty()) c.label = u->name ? *u->name : u->id ? *u->id : u->guid;
    }
    return c;
}

/// --sources: names or GUIDs; a value that names a source as a whole is taken before splitting it at commas.
std::vector<const refi::Source*> resolve_sources(const refi::Project& project, const std::vector<std::string>& specs) {
    std::vector<std::string> names;
    for (const auto& s : project.sources) names.push_back(s.name ? *s.name : s.guid);
    auto find = [&](const std::string& wanted) -> std::vector<const refi::Source*> {
        std::vector<const refi::Source*> exact, folded;
        for (const auto& s : project.sources) {
            if (refi::same_guid(s.guid, wanted) || (s.name && *s.name == wanted)) exact.push_back(&s);
            else if (s.name && refi::ascii_lower(*s.name) == refi::ascii_lower(wanted)) folded.push_back(&s);
        }
        return exact.empty() ? folded : exact;
    };
    std::vector<const refi::Source*> out;
    for (const auto& spec : specs) {
        std::vector<std::string> wanted{spec};
        if (find(spec).empty()) wanted = split_commas(spec);
        for (const auto& w : wanted) {
            auto hits = find(w);
            if (hits.empty()) {
                throw UsageError("unknown source '" + w + "'" + did_you_mean(w, names, "", ""));
            }
            if (hits.size() > 1)
                throw UsageError("source name '" + w + "' is ambiguous (" + std::to_string(hits.size()) +
                                 " sources); give its GUID");
            if (std::find(out.begin(), out.end(), hits.front()) == out.end()) out.push_back(hits.front());
        }
    }
    return out;
}

/// --overlap as basis points: "90", "90%", "87.5" (0 < P <= 100, up to two decimals).
std::int64_t parse_overlap(std::string text) {
    const std::string given = text;
    if (!text.empty() && text.back() == '%') text.pop_back();
    std::int64_t whole = 0, frac = 0;
    int frac_digits = 0;
    bool dot = false, any = false;
    for (char c : text) {
        if (c == '.' && !dot) { dot = true; continue; }
        if (c < '0' || c > '9' || frac_digits == 2 || whole > 1000) {
            throw UsageError("--overlap must be a percentage above 0 and at most 100 (up to two decimals), not '" +
                             given + "'");
        }
        any = true;
        if (dot) { frac = frac * 10 + (c - '0'); ++frac_digits; }
        else whole = whole * 10 + (c - '0');
    }
    while (frac_digits < 2) { frac *= 10; ++frac_digits; }
    const std::int64_t bp = whole * 100 + frac;
    if (!any || bp <= 0 || bp > 10000)
        throw UsageError("--overlap must be a percentage above 0 and at most 100 (up to two decimals), not '" +
                         given + "'");
    return bp;
}

std::int64_t parse_k(const std::string& text) {
    std::int64_t k = 0;
    for (char c : text) {
        if (c < '0' || c > '9' || k > 1000000) throw UsageError("--bp-k must be a whole number of at least 2, not '" + text + "'");
        k = k * 10 + (c - '0');
    }
    if (text.empty() || k < 2) throw UsageError("--bp-k must be a whole number of at least 2, not '" + text + "'");
    return k;
}

class AgreementAnalysis : public Analysis {
public:
    std::string name() const override { return "agreement"; }
    bool uses_positions() const override { return true; }  // the coders' spans overlap by position
    std::string summary() const override { return "intercoder agreement of two coders, with its denominators"; }

    Result run(const refi::Project& project, const Options& options) const override {
        // Coders.
        const std::vector<std::string> coder_names = split_commas(options.get("coders"));
        if (coder_names.size() != 2)
            throw UsageError("--coders takes two coders separated by a comma, e.g. --coders \"Ana Costa,Ben Hughes\"");
        std::array<Coder, 2> coders{resolve_coder(project, coder_names[0]), resolve_coder(project, coder_names[1])};
        for (const auto& g : coders[0].guids)
            if (std::find(coders[1].guids.begin(), coders[1].guids.end(), g) != coders[1].guids.end())
                throw UsageError("'" + coder_names[0] + "' and '" + coder_names[1] + "' are the same user");
        if (coders[0].label == coders[1].label) {
            coders[0].label += " (" + coder_names[0] + ")";
            coders[1].label += " (" + coder_names[1] + ")";
        }

        // Levels and parameters.
        bool want[3] = {false, false, false};  // document, character, segment
        std::vector<std::string> units;
        for (const auto& u : options.get_all("unit"))
            for (const auto& part : split_commas(u)) units.push_back(part);
        for (const auto& u : units) {
            const std::string l = refi::ascii_lower(u);
            if (l == "document" || l == "presence") want[0] = true;
            else if (l == "character" || l == "characters") want[1] = true;
            else if (l == "segment" || l == "segments") want[2] = true;
            else throw UsageError("unknown --unit '" + u + "' (character, segment or document)");
        }
        if (units.empty()) want[0] = want[1] = want[2] = true;
        const std::int64_t overlap_bp = options.has("overlap") ? parse_overlap(options.get("overlap")) : 9000;
        const std::int64_t k_given = options.has("bp-k") ? parse_k(options.get("bp-k")) : 0;

        CodeTree tree(project);
        std::vector<int> chosen_codes;
        for (const auto& c : options.get_all("code")) {
            int id = tree.id_of(resolve_code(project, c));
            if (std::find(chosen_codes.begin(), chosen_codes.end(), id) == chosen_codes.end()) chosen_codes.push_back(id);
        }

        // Codings of both coders, per source.
        CollectStats stats;
        std::vector<Document> all = collect_codings(project, tree, {coders[0].guids, coders[1].guids}, stats);
        const auto named = resolve_sources(project, options.get_all("sources"));
        const bool sources_given = !named.empty();

        std::vector<Document> chosen;
        std::vector<Excluded> excluded;
        std::int64_t coded_by_neither = 0;
        std::array<std::vector<std::string>, 2> coded_elsewhere;
        for (auto& d : all) {
            const bool a = d.coders[0].total > 0, b = d.coders[1].total > 0;
            const bool take = sources_given ? std::find(named.begin(), named.end(), d.source) != named.end() : (a && b);
            if (take) {
                chosen.push_back(std::move(d));
                continue;
            }
            if (a) coded_elsewhere[0].push_back(d.name);
            if (b) coded_elsewhere[1].push_back(d.name);
            if (!a && !b) { ++coded_by_neither; continue; }
            if (sources_given) continue;  // the user chose; the note says how many others exist
            excluded.push_back({d.name, d.source->guid, "coded by " + coders[a ? 0 : 1].label + " only"});
        }
        std::stable_sort(chosen.begin(), chosen.end(), [](const Document& x, const Document& y) { return natural_less(x.name, y.name); });

        if (chosen.empty())
            throw refi::Error(fmt::format(
                "no source is coded by both {} and {} ({} coded {}; {} coded {}); name sources with --sources to "
                "compare them anyway",
                coders[0].label, coders[1].label, coders[0].label, describe(coded_elsewhere[0]), coders[1].label,
                describe(coded_elsewhere[1])));
        Result warnings_holder;
        for (std::size_t c = 0; c < 2; ++c) {
            std::int64_t total = 0;
            for (const auto& d : chosen) total += d.coders[c].total;
            if (total == 0)
                throw refi::Error(fmt::format(
                    "{} has no codings in the chosen sources ({}){}; nothing to compare",
                    coders[c].label, join(names_of(chosen)),
                    coded_elsewhere[c].empty() ? std::string(" nor in any other source")
                                               : "; they coded " + join(coded_elsewhere[c]) + " (--sources)"));
            for (const auto& d : chosen)
                if (d.coders[c].total == 0)
                    warnings_holder.warnings.push_back(fmt::format(
                        "{} has no codings in {}: every code {} used there counts as a disagreement",
                        coders[c].label, d.name, coders[1 - c].label));
        }
        for (auto& d : chosen) load_text(project, d, stats);

        // Codes: those asked for, else every code either coder used in the chosen documents (codebook order).
        std::vector<int> codes = chosen_codes;
        std::size_t codes_used = 0;
        {
            std::set<int> usedset;
            for (const auto& d : chosen)
                for (const auto& coder : d.coders)
                    for (const auto& [code, n] : coder.codings)
                        if (n > 0) usedset.insert(code);
            codes_used = usedset.size();
            if (codes.empty()) codes.assign(usedset.begin(), usedset.end());
        }
        std::sort(codes.begin(), codes.end());
        const std::int64_t k = k_given ? k_given : static_cast<std::int64_t>(codes.size());

        Comparison comparison = compare(std::move(chosen), codes, overlap_bp);

        ReportInput in{tree, comparison, {coders[0].label, coders[1].label}, excluded, k, options.has("bp-k"),
                       overlap_bp, want[0], want[1], want[2], {}};
        in.notes = notes(comparison, coders, excluded, coded_by_neither, sources_given, all.size(), codes.size(),
                         codes_used, !chosen_codes.empty(), tree.size(), stats);
        in.want_json = options.get("parts") != "tables";
        in.want_tables = options.get("parts") != "json";
        Result result = build_report(in);
        result.warnings = warnings_holder.warnings;
        if (stats.codings_missing_code)
            result.warnings.push_back(fmt::format("{} coding(s) of the two coders point at codes that are not in the "
                                                  "codebook; not compared (framer validate lists them)",
                                                  stats.codings_missing_code));
        if (stats.clamped_spans)
            result.warnings.push_back(fmt::format("{} coded span(s) reach outside their document's text and were cut "
                                                  "to it (framer validate lists them)", stats.clamped_spans));
        if (stats.sources_without_text)
            result.warnings.push_back(fmt::format("{} compared source(s) have no readable plain text; compared for "
                                                  "code presence only", stats.sources_without_text));
        return result;
    }

private:
    static std::string describe(const std::vector<std::string>& names) {
        if (names.empty()) return "nothing";
        return std::to_string(names.size()) + " source(s): " + join(names);
    }
    static std::vector<std::string> names_of(const std::vector<Document>& docs) {
        std::vector<std::string> out;
        for (const auto& d : docs) out.push_back(d.name);
        return out;
    }

    static std::vector<std::string> notes(const Comparison& cmp, const std::array<Coder, 2>& coders,
                                          const std::vector<Excluded>& excluded, std::int64_t coded_by_neither,
                                          bool sources_given, std::size_t source_count, std::size_t codes,
                                          std::size_t codes_used, bool codes_given, std::size_t codebook,
                                          const CollectStats& stats) {
        std::vector<std::string> out;
        std::int64_t with_text = 0, characters = 0;
        for (const auto& d : cmp.documents)
            if (d.text) { ++with_text; characters += d.length; }
        out.push_back(fmt::format(
            "Coder A: {}; coder B: {}. {} of {} source(s) compared ({}): {}{}.", coders[0].label, coders[1].label,
            cmp.documents.size(), source_count, sources_given ? "chosen with --sources" : "those both coders coded",
            join(names_of(cmp.documents), 30),
            with_text == static_cast<std::int64_t>(cmp.documents.size())
                ? fmt::format("; {} characters", characters)
                : fmt::format("; {} with text ({} characters), {} for code presence only", with_text, characters,
                              static_cast<std::int64_t>(cmp.documents.size()) - with_text)));
        if (!excluded.empty() || coded_by_neither || sources_given) {
            std::vector<std::string> parts;
            std::vector<std::string> a_only, b_only;
            for (const auto& e : excluded)
                (e.reason.find(coders[0].label) != std::string::npos ? a_only : b_only).push_back(e.name);
            if (!a_only.empty()) parts.push_back(fmt::format("{} coded by {} only ({})", a_only.size(), coders[0].label, join(a_only)));
            if (!b_only.empty()) parts.push_back(fmt::format("{} coded by {} only ({})", b_only.size(), coders[1].label, join(b_only)));
            if (coded_by_neither) parts.push_back(fmt::format("{} coded by neither", coded_by_neither));
            const std::size_t others = source_count - cmp.documents.size();
            if (sources_given && others)
                parts.push_back(fmt::format("{} other source(s) not named by --sources", others));
            if (!parts.empty()) out.push_back("Not compared: " + join(parts, parts.size()) + ".");
        }
        out.push_back(codes_given
                          ? fmt::format("{} code(s) chosen with --code (of {} in the codebook; {} used by either coder "
                                        "in these sources).", codes, codebook, codes_used)
                          : fmt::format("{} code(s) compared: every code either coder used in these sources (of {} in "
                                        "the codebook); --code chooses others.", codes, codebook));
        out.push_back("Codings count for the code they point at, not for the codes above it. Characters are Unicode "
                      "code points of each document's plain text; a coder's overlapping codings of one code count "
                      "once; a coding of a whole source covers all of its text.");
        if (stats.non_text_codings)
            out.push_back(fmt::format("{} coding(s) of PDF regions, pictures, audio/video or transcripts count for "
                                      "code presence only.", stats.non_text_codings));
        if (cmp.duplicate_segments)
            out.push_back(fmt::format("{} segment(s) coded twice by the same coder with the same code and range are "
                                      "counted once.", cmp.duplicate_segments));
        if (stats.codings_other_users || stats.codings_without_user)
            out.push_back(fmt::format("Left out: {} coding(s) by other users, {} without a user.",
                                      stats.codings_other_users, stats.codings_without_user));
        return out;
    }
};

}  // namespace

std::unique_ptr<Analysis> make_agreement_analysis() { return std::make_unique<AgreementAnalysis>(); }

}  // namespace framer
