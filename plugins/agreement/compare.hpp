#pragma once
/// Compares two coders over chosen documents and codes: the 2x2 tables (code presence, characters), segment
/// matches and the disagreements, as counts. report.cpp turns them into the Result.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "agreement/collect.hpp"
#include "agreement/spans.hpp"
#include "agreement/statistics.hpp"

namespace framer::agreement {

struct SegmentCounts {
    std::int64_t a = 0, b = 0;  ///< segments of each coder (identical duplicates counted once)
    std::int64_t matched = 0;   ///< one-to-one matched pairs
    SegmentCounts& operator+=(const SegmentCounts& o) { a += o.a; b += o.b; matched += o.matched; return *this; }
};

/// One code in one document.
struct CodeInDocument {
    std::size_t document = 0;  ///< index into Comparison::documents
    bool used_a = false, used_b = false;
    bool has_text = false;
    TwoByTwo characters;       ///< only when has_text
    SegmentCounts segments;    ///< only when has_text
};

struct CodeComparison {
    int code = -1;             ///< CodeTree id
    TwoByTwo presence;         ///< units: documents
    TwoByTwo characters;       ///< pooled over the documents with text
    SegmentCounts segments;
    std::vector<CodeInDocument> documents;
};

/// An excerpt: positions and exact text.
struct Excerpt {
    Span span;
    std::string text;
};

/// Where the coders differ, for the consensus meeting: a run of characters only one coder coded with the code,
/// with each coder's segments of the code that overlap it; or, in a document without text, a code only one
/// coder used there (no positions).
struct Disagreement {
    int code = -1;
    std::size_t document = 0;
    int coded_by = 0;                      ///< 0 = coder A, 1 = coder B
    std::optional<Excerpt> run;            ///< absent for presence-only documents
    std::array<std::vector<Excerpt>, 2> segments;
};

struct Comparison {
    std::vector<Document> documents;       ///< the compared documents, texts loaded
    std::vector<CodeComparison> codes;     ///< codebook order
    TwoByTwo presence;                     ///< over every (document, code) pair
    TwoByTwo characters;                   ///< over every code and document with text
    SegmentCounts segments;
    std::vector<Disagreement> disagreements;
    std::int64_t duplicate_segments = 0;   ///< identical spans of one coder and code, counted once
};

/// Compares `documents` (texts loaded) on the codes `codes` (CodeTree ids, codebook order). `overlap_bp`: the
/// segment match threshold in basis points of the longer segment (9000 = 90%).
Comparison compare(std::vector<Document> documents, const std::vector<int>& codes, std::int64_t overlap_bp);

}  // namespace framer::agreement
