// Every figure sits beside its denominators (units, characters, segments, k); an undefined coefficient shows
// "undefined" with a footnote giving the reason, and is null in JSON with the reason under "undefined".
#include "agreement/report.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>

namespace framer::agreement {
namespace {

double rounded(double v, int decimals) {
    const double p = std::pow(10.0, decimals);
    double r = std::round(v * p) / p;
    return r == 0.0 ? 0.0 : r;  // no "-0"
}

/// Footnotes of one table, one per distinct reason.
class Reasons {
public:
    explicit Reasons(Table& table) : m_table(table) {}
    Cell cell(const Coefficient& c, bool percent) {
        Cell out;
        out.numeric = true;
        if (c.defined()) {
            out.text = percent ? fmt::format("{:.1f}", rounded(*c.value * 100.0, 1))
                               : fmt::format("{:.3f}", rounded(*c.value, 3));
            return out;
        }
        out.text = "undefined";
        auto [it, added] = m_ids.emplace(c.undefined, static_cast<int>(m_table.footnotes.size()));
        if (added) m_table.footnotes.push_back("Undefined: " + c.undefined + ".");
        out.footnotes.push_back(it->second);
        return out;
    }
private:
    Table& m_table;
    std::map<std::string, int> m_ids;
};

Cell text(std::string s, bool bold = false) {
    Cell c;
    c.text = std::move(s);
    c.bold = bold;
    return c;
}
Cell number(std::int64_t n, bool bold = false) {
    Cell c;
    c.text = std::to_string(n);
    c.numeric = true;
    c.bold = bold;
    return c;
}
Cell wrapped(std::string s) {
    Cell c;
    c.text = std::move(s);
    c.wrap = true;
    return c;
}
std::vector<Cell> header(const std::vector<std::string>& names) {
    std::vector<Cell> row;
    for (const auto& n : names) row.push_back(text(n, true));
    return row;
}

/// A coefficient's value for JSON (percent: 2 decimals; coefficient: 4), null when undefined; the reason goes
/// into `undefined[key]`.
void put(Json& j, Json& undefined, const std::string& key, const Coefficient& c, bool percent) {
    if (c.defined())
        j[key] = percent ? rounded(*c.value * 100.0, 2) : rounded(*c.value, 4);
    else {
        j[key] = nullptr;
        undefined[key] = c.undefined;
    }
}

Json presence_json(const TwoByTwo& t, std::int64_t k) {
    Json j = Json::object(), undefined = Json::object();
    j["units"] = t.total();
    j["a"] = t.both;
    j["b"] = t.a_only;
    j["c"] = t.b_only;
    j["d"] = t.neither;
    put(j, undefined, "agreement", percent_agreement(t), true);
    put(j, undefined, "agreement_coded", coded_agreement(t), true);
    put(j, undefined, "kappa", cohen_kappa(t), false);
    put(j, undefined, "brennan_prediger", brennan_prediger(percent_agreement(t), k), false);
    j["k"] = k;
    if (undefined.size()) j["undefined"] = undefined;
    return j;
}

Json characters_json(const TwoByTwo& t) {
    Json j = Json::object(), undefined = Json::object();
    j["characters"] = t.total();
    j["both"] = t.both;
    j["a_only"] = t.a_only;
    j["b_only"] = t.b_only;
    j["neither"] = t.neither;
    put(j, undefined, "agreement", percent_agreement(t), true);
    put(j, undefined, "agreement_coded", coded_agreement(t), true);
    put(j, undefined, "kappa", cohen_kappa(t), false);
    put(j, undefined, "alpha", krippendorff_alpha_binary(t), false);
    if (undefined.size()) j["undefined"] = undefined;
    return j;
}

Json segments_json(const SegmentCounts& s) {
    Json j = Json::object(), undefined = Json::object();
    j["a"] = s.a;
    j["b"] = s.b;
    j["matched"] = s.matched;
    j["a_unmatched"] = s.a - s.matched;
    j["b_unmatched"] = s.b - s.matched;
    put(j, undefined, "agreement", segment_agreement(s.matched, s.a, s.b), true);
    if (undefined.size()) j["undefined"] = undefined;
    return j;
}

Json excerpt_json(const Excerpt& e) {
    Json j = Json::object();
    j["start"] = e.span.start;
    j["end"] = e.span.end;
    j["text"] = e.text;
    return j;
}

std::string excerpts_text(const std::vector<Excerpt>& list) {
    std::string out;
    for (const auto& e : list) {
        if (!out.empty()) out += '\n';  // (appended, not "\n" + text: GCC 12 warns -Wrestrict on that falsely)
        out += fmt::format("[{}–{}] {}", e.span.start, e.span.end, e.text);
    }
    return out.empty() ? "(none)" : out;
}

void character_cells(std::vector<Cell>& row, const TwoByTwo& t, Reasons& reasons, bool bold) {
    for (std::int64_t n : {t.total(), t.both, t.a_only, t.b_only, t.neither}) row.push_back(number(n, bold));
    row.push_back(reasons.cell(percent_agreement(t), true));
    row.push_back(reasons.cell(coded_agreement(t), true));
    row.push_back(reasons.cell(cohen_kappa(t), false));
    row.push_back(reasons.cell(krippendorff_alpha_binary(t), false));
}

class Builder {
public:
    explicit Builder(const ReportInput& in) : m_in(in), m_cmp(in.comparison) {
        m_a = in.coders[0];
        m_b = in.coders[1];
    }

    Result build() {
        Result r;
        r.title = "Intercoder agreement: " + m_a + " and " + m_b;
        r.notes = m_in.notes;
        if (m_in.want_json) r.json = json();
        if (!m_in.want_tables) return r;
        r.tables.push_back(documents_table());
        if (m_in.presence) r.tables.push_back(presence_table());
        if (m_in.characters) {
            r.tables.push_back(characters_table());
            r.tables.push_back(characters_by_document_table());
        }
        if (m_in.segments) r.tables.push_back(segments_table());
        r.tables.push_back(long_form_table());  // csv_only: first in the csv, absent from documents
        r.tables.push_back(disagreements_table());
        return r;
    }

private:
    const ReportInput& m_in;
    const Comparison& m_cmp;
    std::string m_a, m_b;

    std::string code_name(int id) const { return m_in.tree.code(id).name; }
    const std::string& doc_name(std::size_t d) const { return m_cmp.documents[d].name; }

    Table documents_table() const {
        Table t;
        t.name = "Documents compared";
        t.header.push_back(header({"Document", "Characters", "Codings by " + m_a, "Codings by " + m_b, "Compared"}));
        for (const auto& d : m_cmp.documents) {
            t.rows.push_back({text(d.name), d.text ? number(d.length) : text("–"), number(d.coders[0].total),
                              number(d.coders[1].total),
                              text(d.text ? "code presence, characters, segments" : "code presence only (no text)")});
        }
        for (const auto& e : m_in.excluded)
            t.rows.push_back({text(e.name), text("–"), text("–"), text("–"), text("not compared: " + e.reason)});
        return t;
    }

    Table presence_table() const {
        Table t;
        t.name = "Code presence per document";
        t.header.push_back(header({"Code", "Documents", "Both", m_a + " only", m_b + " only", "Neither",
                                   "Agreement %", "Agreement on coded %", "Cohen's κ", "Brennan & Prediger κ", "k"}));
        Reasons reasons(t);
        auto add = [&](const std::string& name, const TwoByTwo& p, bool bold) {
            std::vector<Cell> row{text(name, bold)};
            for (std::int64_t n : {p.total(), p.both, p.a_only, p.b_only, p.neither}) row.push_back(number(n, bold));
            row.push_back(reasons.cell(percent_agreement(p), true));
            row.push_back(reasons.cell(coded_agreement(p), true));
            row.push_back(reasons.cell(cohen_kappa(p), false));
            row.push_back(reasons.cell(brennan_prediger(percent_agreement(p), m_in.k), false));
            row.push_back(number(m_in.k, bold));
            t.rows.push_back(std::move(row));
        };
        for (const auto& c : m_cmp.codes) add(code_name(c.code), c.presence, false);
        add("All codes (document × code pairs)", m_cmp.presence, true);
        t.footnotes.push_back(fmt::format(
            "Units: each (document, code) pair; a coder used the code in the document or not. Brennan & Prediger: "
            "chance agreement 1/k with k = {}{}.",
            m_in.k, m_in.k_given ? " (--bp-k)" : ", the number of codes compared (MAXQDA's convention; --bp-k sets it)"));
        return t;
    }

    Table characters_table() const {
        Table t;
        t.name = "Characters per code";
        t.header.push_back(header({"Code", "Characters", "Both", m_a + " only", m_b + " only", "Neither",
                                   "Agreement %", "Agreement on coded %", "Cohen's κ", "Krippendorff's α"}));
        Reasons reasons(t);
        for (const auto& c : m_cmp.codes) {
            std::vector<Cell> row{text(code_name(c.code))};
            character_cells(row, c.characters, reasons, false);
            t.rows.push_back(std::move(row));
        }
        std::vector<Cell> total{text("All codes (pooled)", true)};
        character_cells(total, m_cmp.characters, reasons, true);
        t.rows.push_back(std::move(total));
        t.footnotes.push_back("Units: characters (Unicode code points) of the documents with text, summed over "
                              "them (a longer document weighs more); \"All codes\" sums every code's table.");
        return t;
    }

    Table characters_by_document_table() const {
        Table t;
        t.name = "Characters per code and document";
        t.header.push_back(header({"Code", "Document", "Characters", "Both", m_a + " only", m_b + " only", "Neither",
                                   "Agreement %", "Agreement on coded %", "Cohen's κ", "Krippendorff's α"}));
        t.frozen_columns = 2;
        Reasons reasons(t);
        for (const auto& c : m_cmp.codes)
            for (const auto& d : c.documents) {
                if (!d.has_text || d.characters.coded_by_either() == 0) continue;
                std::vector<Cell> row{text(code_name(c.code)), text(doc_name(d.document))};
                character_cells(row, d.characters, reasons, false);
                t.rows.push_back(std::move(row));
            }
        t.footnotes.push_back("Only documents in which at least one coder coded the code are listed; in the "
                              "others every character is \"neither\" (they count in the pooled table).");
        return t;
    }

    Table segments_table() const {
        Table t;
        t.name = "Segments";
        t.header.push_back(header({"Code", m_a + " segments", m_b + " segments", "Matched pairs", m_a + " unmatched",
                                   m_b + " unmatched", "Agreement %"}));
        Reasons reasons(t);
        auto add = [&](const std::string& name, const SegmentCounts& s, bool bold) {
            t.rows.push_back({text(name, bold), number(s.a, bold), number(s.b, bold), number(s.matched, bold),
                              number(s.a - s.matched, bold), number(s.b - s.matched, bold),
                              reasons.cell(segment_agreement(s.matched, s.a, s.b), true)});
        };
        for (const auto& c : m_cmp.codes) add(code_name(c.code), c.segments, false);
        add("All codes", m_cmp.segments, true);
        t.footnotes.push_back(fmt::format(
            "A segment is matched by one of the other coder's segments of the same code in the same document that "
            "overlaps it by at least {}% of the longer of the two; each segment is matched at most once. "
            "Agreement = 2 × matched / (segments of both coders).",
            overlap_text()));
        return t;
    }

    Table disagreements_table() const {
        Table t;
        t.name = "Disagreements";
        t.csv = true;
        t.header.push_back(header({"Code", "Document", "Coded by", "Start", "End", "Characters", "Excerpt",
                                   m_a + "'s segments", m_b + "'s segments"}));
        t.frozen_columns = 2;
        for (const auto& d : m_cmp.disagreements) {
            const std::string who = d.coded_by == 0 ? m_a : m_b;
            if (!d.run) {
                t.rows.push_back({text(code_name(d.code)), text(doc_name(d.document)), text(who), text("–"),
                                  text("–"), text("–"), wrapped("(code used in a document without text)"),
                                  text("–"), text("–")});
                continue;
            }
            t.rows.push_back({text(code_name(d.code)), text(doc_name(d.document)), text(who),
                              number(d.run->span.start), number(d.run->span.end), number(d.run->span.length()),
                              wrapped(d.run->text), wrapped(excerpts_text(d.segments[0])),
                              wrapped(excerpts_text(d.segments[1]))});
        }
        t.footnotes.push_back("Each row is a run of characters only one coder coded with the code, with both "
                              "coders' segments of that code that overlap or touch it. Positions are code points "
                              "of the document's plain text, end exclusive.");
        return t;
    }

    /// One row per figure-bearing unit for spreadsheets and scripts: level, code, document, counts, coefficients.
    Table long_form_table() const {
        Table t;
        t.name = "Agreement (long form)";
        t.csv = true;
        t.csv_only = true;
        t.header.push_back(header({"level", "code", "code_path", "code_guid", "document", "document_guid", "units",
                                   "both", "a_only", "b_only", "neither", "agreement", "agreement_coded", "kappa",
                                   "alpha", "brennan_prediger", "k", "a_segments", "b_segments", "matched",
                                   "undefined"}));
        auto value = [](const Coefficient& c, bool percent, std::string& why, const char* name) {
            if (c.defined())
                return percent ? fmt::format("{:.2f}", rounded(*c.value * 100.0, 2)) : fmt::format("{:.4f}", rounded(*c.value, 4));
            why += (why.empty() ? "" : "; ") + std::string(name) + ": " + c.undefined;
            return std::string();
        };
        auto two_by_two = [&](const std::string& level, const std::string& code, const std::string& path,
                              const std::string& guid, const std::string& doc, const std::string& doc_guid,
                              const TwoByTwo& x, bool presence) {
            std::string why;
            std::vector<Cell> row;
            for (const auto& s : {level, code, path, guid, doc, doc_guid}) row.push_back(text(s));
            for (std::int64_t n : {x.total(), x.both, x.a_only, x.b_only, x.neither}) row.push_back(number(n));
            row.push_back(text(value(percent_agreement(x), true, why, "agreement")));
            row.push_back(text(value(coded_agreement(x), true, why, "agreement_coded")));
            row.push_back(text(value(cohen_kappa(x), false, why, "kappa")));
            row.push_back(text(presence ? "" : value(krippendorff_alpha_binary(x), false, why, "alpha")));
            row.push_back(text(presence ? value(brennan_prediger(percent_agreement(x), m_in.k), false, why, "brennan_prediger") : ""));
            row.push_back(text(presence ? std::to_string(m_in.k) : ""));
            for (int i = 0; i < 3; ++i) row.push_back(text(""));
            row.push_back(text(why));
            t.rows.push_back(std::move(row));
        };
        auto segment_row = [&](const std::string& code, const std::string& path, const std::string& guid,
                               const SegmentCounts& s) {
            std::string why;
            std::vector<Cell> row;
            for (const auto& x : {std::string("segments"), code, path, guid, std::string(), std::string()}) row.push_back(text(x));
            row.push_back(number(s.a + s.b));
            for (int i = 0; i < 4; ++i) row.push_back(text(""));
            row.push_back(text(value(segment_agreement(s.matched, s.a, s.b), true, why, "agreement")));
            for (int i = 0; i < 5; ++i) row.push_back(text(""));
            row.push_back(number(s.a));
            row.push_back(number(s.b));
            row.push_back(number(s.matched));
            row.push_back(text(why));
            t.rows.push_back(std::move(row));
        };
        for (const auto& c : m_cmp.codes) {
            const refi::Code& code = m_in.tree.code(c.code);
            const std::string path = m_in.tree.path_text(c.code);
            if (m_in.presence) two_by_two("presence", code.name, path, code.guid, "", "", c.presence, true);
            if (m_in.characters) {
                two_by_two("characters", code.name, path, code.guid, "", "", c.characters, false);
                for (const auto& d : c.documents)
                    if (d.has_text && d.characters.coded_by_either() > 0)
                        two_by_two("characters", code.name, path, code.guid, doc_name(d.document),
                                   m_cmp.documents[d.document].source->guid, d.characters, false);
            }
            if (m_in.segments) segment_row(code.name, path, code.guid, c.segments);
        }
        if (m_in.presence) two_by_two("presence", "(all codes)", "", "", "", "", m_cmp.presence, true);
        if (m_in.characters) two_by_two("characters", "(all codes)", "", "", "", "", m_cmp.characters, false);
        if (m_in.segments) segment_row("(all codes)", "", "", m_cmp.segments);
        return t;
    }

    std::string overlap_text() const {
        return m_in.overlap_bp % 100 == 0 ? std::to_string(m_in.overlap_bp / 100)
                                          : fmt::format("{:.2f}", static_cast<double>(m_in.overlap_bp) / 100.0);
    }

    Json json() const {
        Json j = Json::object();
        j["coders"] = Json::Array{Json(m_a), Json(m_b)};
        j["documents"] = m_cmp.documents.size();
        Json docs = Json::array();
        for (const auto& d : m_cmp.documents) {
            Json x = Json::object();
            x["name"] = d.name;
            x["guid"] = d.source->guid;
            x["characters"] = d.text ? Json(d.length) : Json(nullptr);
            x["codings"] = Json::Array{Json(d.coders[0].total), Json(d.coders[1].total)};
            docs.push_back(std::move(x));
        }
        j["document_list"] = std::move(docs);
        Json excluded = Json::array();
        for (const auto& e : m_in.excluded) {
            Json x = Json::object();
            x["name"] = e.name;
            x["guid"] = e.guid;
            x["reason"] = e.reason;
            excluded.push_back(std::move(x));
        }
        j["excluded_documents"] = std::move(excluded);
        Json units = Json::array();
        if (m_in.presence) units.push_back("document");
        if (m_in.characters) units.push_back("character");
        if (m_in.segments) units.push_back("segment");
        j["unit"] = std::move(units);
        j["overlap"] = m_in.overlap_bp % 100 == 0 ? Json(m_in.overlap_bp / 100) : Json(static_cast<double>(m_in.overlap_bp) / 100.0);
        j["k"] = m_in.k;
        if (m_in.presence) j["presence"] = presence_json(m_cmp.presence, m_in.k);
        if (m_in.characters) j["characters"] = characters_json(m_cmp.characters);
        if (m_in.segments) j["segments"] = segments_json(m_cmp.segments);
        Json codes = Json::array();
        for (const auto& c : m_cmp.codes) {
            Json x = Json::object();
            const refi::Code& code = m_in.tree.code(c.code);
            x["code"] = code.name;
            x["path"] = m_in.tree.path_text(c.code);
            x["guid"] = code.guid;
            if (m_in.presence) x["presence"] = presence_json(c.presence, m_in.k);
            if (m_in.characters) {
                Json chars = characters_json(c.characters);
                Json per = Json::array();
                for (const auto& d : c.documents) {
                    if (!d.has_text || d.characters.coded_by_either() == 0) continue;
                    Json y = characters_json(d.characters);
                    Json named = Json::object();
                    named["document"] = doc_name(d.document);
                    for (const auto& [k, v] : y.as_object()) named[k] = v;
                    per.push_back(std::move(named));
                }
                chars["documents"] = std::move(per);
                x["characters"] = std::move(chars);
            }
            if (m_in.segments) x["segments"] = segments_json(c.segments);
            codes.push_back(std::move(x));
        }
        j["codes"] = std::move(codes);
        Json dis = Json::array();
        for (const auto& d : m_cmp.disagreements) {
            Json x = Json::object();
            x["code"] = code_name(d.code);
            x["path"] = m_in.tree.path_text(d.code);
            x["document"] = doc_name(d.document);
            x["coded_by"] = d.coded_by == 0 ? m_a : m_b;
            if (d.run) {
                x["start"] = d.run->span.start;
                x["end"] = d.run->span.end;
                x["characters"] = d.run->span.length();
                x["text"] = d.run->text;
            } else {
                x["start"] = nullptr;
                x["end"] = nullptr;
                x["characters"] = nullptr;
                x["text"] = nullptr;
            }
            Json a = Json::array(), b = Json::array();
            for (const auto& e : d.segments[0]) a.push_back(excerpt_json(e));
            for (const auto& e : d.segments[1]) b.push_back(excerpt_json(e));
            x["a_segments"] = std::move(a);
            x["b_segments"] = std::move(b);
            dis.push_back(std::move(x));
        }
        j["disagreements"] = std::move(dis);
        Json notes = Json::array();
        for (const auto& n : m_in.notes) notes.push_back(n);
        j["notes"] = std::move(notes);
        return j;
    }
};

}  // namespace

Result build_report(const ReportInput& input) { return Builder(input).build(); }

}  // namespace framer::agreement
