#pragma once
/// QualCoder's text annotations. QualCoder writes each one as a <Note> holding the memo as PlainTextContent and one
/// PlainTextSelection whose positions count in the text of the TextSource that refers to the note by a <NoteRef>
/// — not in the note's own text (QualCoder refi.py, create_annotation_note_xml on export and insert_annotation on
/// import). Only the first annotation of each source gets that NoteRef in QualCoder's export.

#include <vector>

#include "refi/model.hpp"

namespace refi {

/// True when `note` has the shape of such an annotation: at least one PlainTextSelection, none coded, its text
/// inline or absent (no plainTextPath/richTextPath), and either the project is QualCoder's or some selection ends
/// beyond the note's own text (so it cannot count in it).
bool looks_like_annotation(const Project& project, const Note& note);

/// For each of project.notes (same order): the TextSource whose text the note's selections count in, or null.
/// A note is an annotation of a source when it looks_like_annotation() and exactly one TextSource has a NoteRef to
/// it. Linear in the project's size.
std::vector<const Source*> annotated_sources(const Project& project);

}  // namespace refi
