#pragma once
// Test helper: a project built in code that uses every element of Project.xsd at least once.

#include "refi/model.hpp"

namespace framer::test {

/// Users, a nested codebook, all six variable types, a case with every child, the five source kinds (with a
/// TextDescription, a PDF Representation, a transcript with sync points), all six selection kinds, codings with
/// notes, a note holding a selection, links, a set with all member kinds, a graph, a description and project
/// NoteRefs. Text positions are code points of inline PlainTextContent. GUIDs are valid and distinct.
refi::Project make_full_project();

/// GUID number `n` in the fixed test pattern (uppercase, valid GUIDType).
std::string test_guid(int n);

}  // namespace framer::test
