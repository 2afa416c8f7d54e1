// Sources and what they hold: which source of the other input is which of the merged project (GUID, text with
// line endings normalised, name), which selections are the same place coded by the same coder, which codings are
// the same code by the same coder; then the copies, with their files carried into the merged store.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "merge/merger.hpp"
#include "refi/error.hpp"
#include "refi/guid.hpp"
#include "refi/text.hpp"

namespace framer::merge {

namespace {

std::optional<std::string> text_of(const refi::Project& p, const refi::Source& s) {
    try {
        return refi::load_plain_text(p, s);
    } catch (const refi::Error&) {
        return std::nullopt;
    }
}

std::size_t coding_count(const refi::Source& s) {
    std::size_t n = s.codings.size();
    for (const auto& sel : s.selections) n += sel.codings.size();
    for (const auto& t : s.transcripts)
        for (const auto& sel : t.selections) n += sel.codings.size();
    if (s.representation) n += coding_count(*s.representation);
    return n;
}

/// Code-point offset of the first difference of two texts (their common prefix).
std::size_t first_difference(std::string_view a, std::string_view b) {
    std::size_t i = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
    while (i > 0 && i < a.size() && (static_cast<unsigned char>(a[i]) & 0xC0) == 0x80) --i;
    return refi::count_code_points(a.substr(0, i));
}

bool same_optional_guid(const refi::OptString& a, const refi::OptString& b) {
    if (!a || !b) return !a && !b;
    return refi::same_guid(*a, *b);
}

template <class Refs, class More>  // std::vector<Ref> or refi::CompactVector<Ref>
void add_missing(Refs& out, const More& more) {
    for (const auto& r : more)
        if (std::none_of(out.begin(), out.end(), [&](const refi::Ref& o) { return refi::same_guid(o.target, r.target); }))
            out.push_back(r);
}

template <class T>
bool has_guid(const std::vector<T>& items, const std::string& guid) {
    return std::any_of(items.begin(), items.end(), [&](const T& i) { return refi::same_guid(i.guid, guid); });
}

}  // namespace

void Merger::map_sources() {
    // the merged project's texts, as stored and normalised
    std::vector<std::optional<std::string>> raw(m_out.sources.size()), norm(m_out.sources.size());
    std::unordered_map<std::string, std::vector<std::size_t>> by_text;
    for (std::size_t j = 0; j < m_out.sources.size(); ++j) {
        if (m_out.sources[j].kind != refi::SourceKind::Text) continue;
        raw[j] = text_of(m_out, m_out.sources[j]);
        if (!raw[j]) continue;
        norm[j] = normalise_line_endings(*raw[j]);
        by_text[*norm[j]].push_back(j);
    }
    std::set<std::size_t> taken;
    for (std::size_t i = 0; i < m_b->sources.size(); ++i) {
        const refi::Source& s = m_b->sources[i];
        SourcePlan plan;
        plan.b_index = i;
        const bool text_kind = s.kind == refi::SourceKind::Text;
        std::optional<std::string> b_raw = text_kind ? text_of(*m_b, s) : std::nullopt;
        std::optional<std::string> b_norm = b_raw ? std::optional(normalise_line_endings(*b_raw)) : std::nullopt;
        std::optional<std::size_t> found, differing;
        std::string by;
        for (std::size_t j = 0; j < m_out.sources.size() && !found; ++j) {
            const auto& o = m_out.sources[j];
            if (taken.count(j) || o.kind != s.kind || !refi::same_guid(o.guid, s.guid)) continue;
            if (b_norm && norm[j] && *b_norm != *norm[j]) {
                differing = j;
                break;
            }
            found = j;
            by = "guid";
        }
        if (!found && b_norm) {
            if (auto it = by_text.find(*b_norm); it != by_text.end()) {
                for (std::size_t j : it->second)
                    if (!found && !taken.count(j) && m_out.sources[j].name == s.name) found = j;
                for (std::size_t j : it->second)
                    if (!found && !taken.count(j)) found = j;
                if (found) by = "text";
            }
        }
        if (!found && !differing && s.name) {
            for (std::size_t j = 0; j < m_out.sources.size() && !found && !differing; ++j) {
                const auto& o = m_out.sources[j];
                if (taken.count(j) || o.kind != s.kind || o.name != s.name) continue;
                if (b_norm && norm[j]) {
                    differing = j;  // same name, other text: never re-anchored
                } else {
                    found = j;
                    by = "name";
                    warn("matched-by-name",
                         fmt::format("{} '{}' ({}) is taken to be {} of {} by its name alone: {}",
                                     refi::element_name(s.kind), *s.name, s.guid, o.guid,
                                     first_label("source", o.guid),
                                     text_kind ? "the text of one of them is not available"
                                               : "the content of media is not compared"));
                }
            }
        }
        if (found) {
            const auto& o = m_out.sources[*found];
            taken.insert(*found);
            if (b_raw && raw[*found] && *b_raw != *raw[*found])
                plan.positions = std::make_shared<LineEndingMap>(*b_raw, *raw[*found]);
            plan.out_index = found;
            match(s.guid, o.guid);
            record("source", o.guid, o.name.value_or(""), s.guid, by);
            map_content(o, s, plan.positions.get());
        } else {
            claim_source(s, "source");
            if (differing) {
                const auto& o = m_out.sources[*differing];
                std::string name = s.name.value_or(s.guid);
                plan.rename = fmt::format("{} ({})", name, m_label);
                auto side = [&](const std::string& input, const refi::Source& src, const std::string& text) {
                    Json j = Json::object();
                    j["input"] = input;
                    j["guid"] = src.guid;
                    j["name"] = src.name ? Json(*src.name) : Json(nullptr);
                    j["characters"] = refi::count_code_points(text);
                    j["codings"] = coding_count(src);
                    return j;
                };
                Json first = side(first_label("source", o.guid), o, *raw[*differing]);
                Json other = side(m_label, s, *b_raw);
                other["first_difference"] = first_difference(*norm[*differing], *b_norm);
                conflict("source-text",
                         fmt::format("source '{}' has other text in {} ({} characters) than in {} ({}); first "
                                     "difference at character {}",
                                     name, m_label, refi::count_code_points(*b_raw), first_label("source", o.guid),
                                     refi::count_code_points(*raw[*differing]),
                                     first_difference(*norm[*differing], *b_norm)),
                         first, other,
                         fmt::format("its {} coding(s) are kept on a separate source '{}' ({}), not re-anchored",
                                     coding_count(s), *plan.rename, m_map[refi::normalize_guid(s.guid)]));
            }
        }
        m_sources.push_back(std::move(plan));
    }
}

void Merger::map_content(const refi::Source& out, const refi::Source& b, const LineEndingMap* positions) {
    map_selections(out.selections, b.selections, positions);
    map_codings(out.codings, std::nullopt, b.codings, std::nullopt);
    for (const auto& bt : b.transcripts) {
        const refi::Transcript* ot = nullptr;
        for (const auto& t : out.transcripts)
            if (!ot && refi::same_guid(t.guid, bt.guid)) ot = &t;
        for (const auto& t : out.transcripts)
            if (!ot && bt.name && t.name == bt.name) ot = &t;
        if (!ot) {
            claim(bt.guid);
            for (const auto& p : bt.sync_points) claim(p.guid);
            for (const auto& sel : bt.selections)
                walk_selection(sel, [&](const char* k, const std::string& g, const std::string& n) {
                    record(k, claim(g), n, g, "");
                });
            continue;
        }
        match(bt.guid, ot->guid);
        for (const auto& bp : bt.sync_points) {
            const refi::SyncPoint* op = nullptr;
            for (const auto& p : ot->sync_points)
                if (!op && (refi::same_guid(p.guid, bp.guid) ||
                            (p.time_stamp == bp.time_stamp && p.position == bp.position)))
                    op = &p;
            if (op)
                match(bp.guid, op->guid);
            else
                claim(bp.guid);
        }
        map_selections(ot->selections, bt.selections, nullptr);
    }
    auto nested = [&](const refi::Box<refi::Source>& o, const refi::Box<refi::Source>& bn, const char* what) {
        if (!bn) return;
        if (!o) {
            claim_source(*bn, "representation");
            return;
        }
        auto ot = text_of(m_out, *o), btext = text_of(*m_b, *bn);
        if (ot && btext && normalise_line_endings(*ot) != normalise_line_endings(*btext)) {
            // One element holds one representation: the other input's cannot be added beside it.
            claim_source(*bn, "representation");
            warn("not-merged", fmt::format("the {} of {} has other text than in {}; its {} coding(s) are not merged",
                                           what, b.guid, first_label("source", out.guid), coding_count(*bn)));
            return;
        }
        match(bn->guid, o->guid);
        std::unique_ptr<LineEndingMap> map;
        if (ot && btext && *ot != *btext) map = std::make_unique<LineEndingMap>(*btext, *ot);
        map_content(*o, *bn, map.get());
    };
    nested(out.representation, b.representation, "Representation");
    nested(out.text_description, b.text_description, "TextDescription");
}

void Merger::map_selections(const std::vector<refi::Selection>& out, const std::vector<refi::Selection>& b,
                            const LineEndingMap* positions) {
    Translator tr(m_map);
    std::set<std::size_t> taken;
    for (const auto& bs : b) {
        auto same_place = [&](const refi::Selection& o) {
            if (o.kind != bs.kind) return false;
            switch (o.kind) {
                case refi::SelectionKind::PlainText: {
                    auto start = positions ? positions->map(bs.start) : bs.start;
                    auto end = positions ? positions->map(bs.end) : bs.end;
                    return o.start == start && o.end == end;
                }
                case refi::SelectionKind::PDF: return o.geometry() == bs.geometry();
                case refi::SelectionKind::Picture: {
                    const auto &og = o.geometry(), &bg = bs.geometry();
                    return og.first_x == bg.first_x && og.first_y == bg.first_y && og.second_x == bg.second_x &&
                           og.second_y == bg.second_y;
                }
                case refi::SelectionKind::Audio:
                case refi::SelectionKind::Video:
                    return o.geometry().begin == bs.geometry().begin && o.geometry().finish == bs.geometry().finish;
                case refi::SelectionKind::Transcript:
                    return same_optional_guid(o.from_sync_point, tr(bs.from_sync_point)) &&
                           same_optional_guid(o.to_sync_point, tr(bs.to_sync_point));
            }
            return false;
        };
        auto user = tr(bs.authorship.creating_user);
        std::optional<std::size_t> found;
        for (std::size_t j = 0; j < out.size() && !found; ++j)
            if (!taken.count(j) && refi::same_guid(out[j].guid, bs.guid) && same_place(out[j]) &&
                is_user(out[j].authorship.creating_user, user))
                found = j;
        for (std::size_t j = 0; j < out.size() && !found; ++j)
            if (!taken.count(j) && same_place(out[j]) && is_user(out[j].authorship.creating_user, user)) found = j;
        if (!found) {
            walk_selection(bs, [&](const char* k, const std::string& g, const std::string& n) {
                record(k, claim(g), n, g, "");
            });
            continue;
        }
        const auto& o = out[*found];
        taken.insert(*found);
        match(bs.guid, o.guid);
        record("selection", o.guid, o.name.value_or(""), bs.guid, refi::same_guid(o.guid, bs.guid) ? "guid" : "range");
        map_codings(o.codings, o.authorship.creating_user, bs.codings, bs.authorship.creating_user);
        if (bs.representation) {
            if (o.representation) {
                match(bs.representation->guid, o.representation->guid);
                map_content(*o.representation, *bs.representation, nullptr);
            } else {
                claim_source(*bs.representation, "representation");
            }
        }
    }
}

void Merger::map_codings(const std::vector<refi::Coding>& out, const refi::OptString& out_user,
                         const std::vector<refi::Coding>& b, const refi::OptString& b_user) {
    Translator tr(m_map);
    for (const auto& bc : b) {
        auto coder = tr(bc.creating_user ? bc.creating_user : b_user);
        auto code = tr(bc.code.target);
        const refi::Coding* found = nullptr;
        auto same = [&](const refi::Coding& o) {
            return refi::same_guid(o.code.target, code) && is_user(o.creating_user ? o.creating_user : out_user, coder);
        };
        for (const auto& o : out)
            if (!found && refi::same_guid(o.guid, bc.guid) && same(o)) found = &o;
        for (const auto& o : out)
            if (!found && same(o)) found = &o;
        if (found) {
            match(bc.guid, found->guid);
            record("coding", found->guid, "", bc.guid, "code and coder");
        } else {
            record("coding", claim(bc.guid), "", bc.guid, "");
        }
    }
}

void Merger::add_sources() {
    Translator tr(m_map);
    for (const auto& plan : m_sources) {
        refi::Source s = m_b->sources[plan.b_index];
        tr.apply(s);
        if (plan.positions)
            for (auto& sel : s.selections)
                if (sel.kind == refi::SelectionKind::PlainText) {
                    sel.start = plan.positions->map(sel.start);
                    sel.end = plan.positions->map(sel.end);
                }
        if (plan.out_index) {
            unite(m_out.sources[*plan.out_index], std::move(s), "source");
            continue;
        }
        if (plan.rename) s.name = *plan.rename;
        carry_files(s);
        m_out.sources.push_back(std::move(s));
    }
}

void Merger::unite(refi::Source& out, refi::Source b, const std::string& owner) {
    unite_selections(out.selections, b.selections);
    for (auto& c : b.codings)
        if (!has_guid(out.codings, c.guid)) out.codings.push_back(std::move(c));
    add_missing(out.note_refs, b.note_refs);
    unite_values(out.variable_values, b.variable_values, owner, out.guid, out.name.value_or(""));
    for (auto& bt : b.transcripts) {
        auto it = std::find_if(out.transcripts.begin(), out.transcripts.end(),
                               [&](const refi::Transcript& t) { return refi::same_guid(t.guid, bt.guid); });
        if (it == out.transcripts.end()) {
            refi::Source holder;  // carry_files works on sources; a transcript names its files the same way
            holder.guid = bt.guid;
            holder.transcripts.push_back(std::move(bt));
            carry_files(holder);
            out.transcripts.push_back(std::move(holder.transcripts.front()));
            continue;
        }
        for (auto& p : bt.sync_points)
            if (!has_guid(it->sync_points, p.guid)) it->sync_points.push_back(std::move(p));
        unite_selections(it->selections, bt.selections);
        add_missing(it->note_refs, bt.note_refs);
    }
    auto nested = [&](refi::Box<refi::Source>& o, refi::Box<refi::Source>& bn) {
        if (!bn) return;
        if (!o) {
            carry_files(*bn);
            o = std::move(bn);
        } else if (refi::same_guid(o->guid, bn->guid)) {
            unite(*o, std::move(*bn), owner);
        }  // else: other text, reported by map_content
    };
    nested(out.representation, b.representation);
    nested(out.text_description, b.text_description);
}

void Merger::unite_selections(std::vector<refi::Selection>& out, std::vector<refi::Selection>& b) {
    for (auto& bs : b) {
        auto it = std::find_if(out.begin(), out.end(),
                               [&](const refi::Selection& o) { return refi::same_guid(o.guid, bs.guid); });
        if (it == out.end()) {
            if (bs.representation) carry_files(*bs.representation);
            out.push_back(std::move(bs));
            continue;
        }
        for (auto& c : bs.codings)
            if (!has_guid(it->codings, c.guid)) it->codings.push_back(std::move(c));
        add_missing(it->note_refs, bs.note_refs);
        if (bs.representation) {
            if (!it->representation) {
                carry_files(*bs.representation);
                it->representation = std::move(bs.representation);
            } else if (refi::same_guid(it->representation->guid, bs.representation->guid)) {
                unite(*it->representation, std::move(*bs.representation), "source");
            }
        }
    }
}

void Merger::carry_files(refi::Source& s) {
    auto carry = [&](std::optional<std::string>& uri, const std::string& owner) {
        if (!uri || uri->empty()) return;
        refi::ResolvedPath rp = refi::resolve_path(*uri);
        if (rp.kind == refi::ResolvedPath::Kind::Relative) {
            if (m_b->base_path != m_out.base_path)
                warn("relative-path", fmt::format("'{}' of {} is relative to the basePath of {}, which differs from the "
                                                  "merged project's; it is kept as written",
                                                  *uri, owner, m_label));
            return;
        }
        if (rp.kind == refi::ResolvedPath::Kind::Absolute || !m_b->store) return;
        auto entry = m_b->store->find_internal(rp.path);
        if (!entry) return;  // absent in the input too; the writer reports it
        std::string target = "sources/" + rp.path;
        if (m_store->has(target)) {
            if (m_store->same_bytes(target, *m_b->store, *entry)) return;
            auto dot = rp.path.rfind('.');
            std::string ext = dot == std::string::npos ? "" : rp.path.substr(dot);
            std::string name = owner + ext;
            for (int n = 2; m_store->has("sources/" + name); ++n) name = fmt::format("{}-{}{}", owner, n, ext);
            *uri = "internal://" + name;
            target = "sources/" + name;
        }
        m_store->add(target, m_b->store, *entry);
    };
    carry(s.plain_text_path, s.guid);
    carry(s.rich_text_path, s.guid);
    carry(s.path, s.guid);
    if (s.text_description) carry_files(*s.text_description);
    if (s.representation) carry_files(*s.representation);
    for (auto& t : s.transcripts) {
        carry(t.plain_text_path, t.guid);
        carry(t.rich_text_path, t.guid);
    }
    for (auto& sel : s.selections)
        if (sel.representation) carry_files(*sel.representation);
}

}  // namespace framer::merge
