// Names of enumerations and the model's deep equality (used by round-trip tests).
#include "refi/model.hpp"

#include <algorithm>
#include <cctype>
#include "refi/text.hpp"

namespace refi {

const char* to_string(VariableType t) {
    switch (t) {
        case VariableType::Text: return "Text";
        case VariableType::Boolean: return "Boolean";
        case VariableType::Integer: return "Integer";
        case VariableType::Float: return "Float";
        case VariableType::Date: return "Date";
        case VariableType::DateTime: return "DateTime";
    }
    return "Text";
}

std::optional<VariableType> parse_variable_type(const std::string& s) {
    for (auto t : {VariableType::Text, VariableType::Boolean, VariableType::Integer, VariableType::Float,
                   VariableType::Date, VariableType::DateTime})
        if (s == to_string(t)) return t;
    return std::nullopt;
}

const char* element_name(SelectionKind k) {
    switch (k) {
        case SelectionKind::PlainText: return "PlainTextSelection";
        case SelectionKind::PDF: return "PDFSelection";
        case SelectionKind::Picture: return "PictureSelection";
        case SelectionKind::Audio: return "AudioSelection";
        case SelectionKind::Video: return "VideoSelection";
        case SelectionKind::Transcript: return "TranscriptSelection";
    }
    return "PlainTextSelection";
}

const char* element_name(SourceKind k) {
    switch (k) {
        case SourceKind::Text: return "TextSource";
        case SourceKind::Picture: return "PictureSource";
        case SourceKind::PDF: return "PDFSource";
        case SourceKind::Audio: return "AudioSource";
        case SourceKind::Video: return "VideoSource";
    }
    return "TextSource";
}

const char* to_string(Dialect d) {
    switch (d) {
        case Dialect::Standard: return "standard";
        case Dialect::Atlasti: return "atlasti";
        case Dialect::Maxqda: return "maxqda";
        case Dialect::Nvivo: return "nvivo";
        case Dialect::QualCoder: return "qualcoder";
        case Dialect::Quirkos: return "quirkos";
        case Dialect::Taguette: return "taguette";
        case Dialect::Framer: return "framer";
    }
    return "standard";
}

std::optional<Dialect> parse_dialect(const std::string& name) {
    std::string n = ascii_lower(name);
    n.erase(std::remove_if(n.begin(), n.end(), [](char c) { return c == '.' || c == '-' || c == '_' || c == ' '; }),
            n.end());
    for (auto d : {Dialect::Standard, Dialect::Atlasti, Dialect::Maxqda, Dialect::Nvivo, Dialect::QualCoder,
                   Dialect::Quirkos, Dialect::Taguette, Dialect::Framer})
        if (n == to_string(d)) return d;
    return std::nullopt;
}

// detect_dialect and position_counting: refi-qda/src/dialects/profiles.cpp

bool Selection::operator==(const Selection& o) const {
    // geometry(), not geometry_part: a selection whose geometry was never set equals one set to all zeros.
    return kind == o.kind && guid == o.guid && name == o.name && authorship == o.authorship &&
           description == o.description && codings == o.codings && note_refs == o.note_refs && start == o.start &&
           end == o.end && geometry() == o.geometry() && from_sync_point == o.from_sync_point &&
           to_sync_point == o.to_sync_point && representation == o.representation && ext == o.ext;
}

bool Transcript::operator==(const Transcript& o) const {
    return guid == o.guid && name == o.name && rich_text_path == o.rich_text_path &&
           plain_text_path == o.plain_text_path && authorship == o.authorship && description == o.description &&
           plain_text_content == o.plain_text_content && sync_points == o.sync_points &&
           selections == o.selections && note_refs == o.note_refs && ext == o.ext;
}

bool Source::operator==(const Source& o) const {
    return kind == o.kind && guid == o.guid && name == o.name && rich_text_path == o.rich_text_path &&
           plain_text_path == o.plain_text_path && plain_text_content == o.plain_text_content && path == o.path &&
           current_path == o.current_path && authorship == o.authorship && description == o.description &&
           text_description == o.text_description && representation == o.representation &&
           transcripts == o.transcripts && selections == o.selections && codings == o.codings &&
           note_refs == o.note_refs && variable_values == o.variable_values && ext == o.ext;
}

bool Project::operator==(const Project& o) const {
    return name == o.name && origin == o.origin && creating_user == o.creating_user &&
           creation_date_time == o.creation_date_time && modifying_user == o.modifying_user &&
           modified_date_time == o.modified_date_time && base_path == o.base_path && users == o.users &&
           has_codebook == o.has_codebook && codes == o.codes && variables == o.variables && cases == o.cases &&
           sources == o.sources && notes == o.notes && links == o.links && sets == o.sets && graphs == o.graphs &&
           description == o.description && note_refs == o.note_refs && ext == o.ext && containers == o.containers;
}

}  // namespace refi
