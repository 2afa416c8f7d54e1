#pragma once
/// The "agreement" analysis: how far two coders agree, per code and document, at three levels (code presence
/// per document, characters, segments), with the disagreements listed for a consensus meeting.

#include <memory>

#include "core/plugin.hpp"

namespace framer {

/// Options: "coders" ("A,B": user names, ids or GUIDs; required), "sources" (repeatable, names or GUIDs, also
/// comma-separated; default: every source both coders coded), "unit" (repeatable: document, character, segment;
/// default all three), "overlap" (segment match threshold in percent of the longer segment, default 90), "code"
/// (repeatable; default: every code either coder used in the documents), "bp-k" (Brennan & Prediger's k;
/// default the number of codes compared). Throws UsageError for unknown names or bad values (near matches
/// listed) and refi::Error when a coder has no codings in the chosen sources.
std::unique_ptr<Analysis> make_agreement_analysis();

}  // namespace framer
