#pragma once
/// Character ranges of one coder's codings of one code in one document, and the set operations the agreement
/// needs: union (a coder's own overlapping codings count once), intersection, difference, segment matching.

#include <cstdint>
#include <utility>
#include <vector>

namespace framer::agreement {

/// Code points [start, end) of a document's plain text.
struct Span {
    std::int64_t start = 0;
    std::int64_t end = 0;
    std::int64_t length() const { return end > start ? end - start : 0; }
    bool operator==(const Span&) const = default;
};

/// The union of `spans` as sorted, disjoint, non-adjacent spans (empty spans dropped).
std::vector<Span> merge_spans(std::vector<Span> spans);
/// Total length of merged spans.
std::int64_t total_length(const std::vector<Span>& merged);
/// Length of the intersection of two merged span lists.
std::int64_t intersection_length(const std::vector<Span>& a, const std::vector<Span>& b);
/// a \ b for merged span lists: the parts of a that b does not cover, sorted.
std::vector<Span> difference(const std::vector<Span>& a, const std::vector<Span>& b);
/// Length of the overlap of two spans (0 when disjoint).
std::int64_t overlap_length(const Span& a, const Span& b);

/// One-to-one matching of two coders' segments: a pair qualifies when its overlap is at least `basis_points`
/// / 10000 of the longer segment; pairs are taken greedily, largest overlap first, so a segment is matched once.
struct SegmentMatching {
    std::vector<std::pair<std::size_t, std::size_t>> pairs;  ///< (index in a, index in b)
};
SegmentMatching match_segments(const std::vector<Span>& a, const std::vector<Span>& b, std::int64_t basis_points);

}  // namespace framer::agreement
