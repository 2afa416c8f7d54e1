// Span arithmetic in integers (code points), so counts are exact and the 2x2 tables add up to the text length.
#include "agreement/spans.hpp"

#include <algorithm>
#include <tuple>

namespace framer::agreement {

std::vector<Span> merge_spans(std::vector<Span> spans) {
    std::sort(spans.begin(), spans.end(), [](const Span& x, const Span& y) {
        return std::tie(x.start, x.end) < std::tie(y.start, y.end);
    });
    std::vector<Span> out;
    for (const auto& s : spans) {
        if (s.length() == 0) continue;
        if (!out.empty() && s.start <= out.back().end)
            out.back().end = std::max(out.back().end, s.end);
        else
            out.push_back(s);
    }
    return out;
}

std::int64_t total_length(const std::vector<Span>& merged) {
    std::int64_t n = 0;
    for (const auto& s : merged) n += s.length();
    return n;
}

std::int64_t overlap_length(const Span& a, const Span& b) {
    return std::max<std::int64_t>(0, std::min(a.end, b.end) - std::max(a.start, b.start));
}

std::int64_t intersection_length(const std::vector<Span>& a, const std::vector<Span>& b) {
    std::int64_t n = 0;
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        n += overlap_length(a[i], b[j]);
        if (a[i].end < b[j].end) ++i; else ++j;
    }
    return n;
}

std::vector<Span> difference(const std::vector<Span>& a, const std::vector<Span>& b) {
    std::vector<Span> out;
    std::size_t j = 0;
    for (const auto& s : a) {
        std::int64_t cursor = s.start;
        while (j < b.size() && b[j].end <= cursor) ++j;
        for (std::size_t k = j; k < b.size() && b[k].start < s.end; ++k) {
            if (b[k].start > cursor) out.push_back({cursor, b[k].start});
            cursor = std::max(cursor, b[k].end);
        }
        if (cursor < s.end) out.push_back({cursor, s.end});
    }
    return out;
}

SegmentMatching match_segments(const std::vector<Span>& a, const std::vector<Span>& b, std::int64_t basis_points) {
    struct Candidate { std::int64_t overlap; std::size_t i, j; };
    std::vector<std::size_t> by_start(b.size());
    for (std::size_t j = 0; j < b.size(); ++j) by_start[j] = j;
    std::sort(by_start.begin(), by_start.end(), [&](std::size_t x, std::size_t y) {
        return std::tie(b[x].start, b[x].end, x) < std::tie(b[y].start, b[y].end, y);
    });
    std::vector<Candidate> candidates;
    for (std::size_t i = 0; i < a.size(); ++i) {
        // Only b segments starting before a ends can overlap it; the sort lets the scan stop there.
        for (std::size_t j : by_start) {
            if (b[j].start >= a[i].end) break;
            const std::int64_t overlap = overlap_length(a[i], b[j]);
            const std::int64_t longer = std::max(a[i].length(), b[j].length());
            if (overlap > 0 && overlap * 10000 >= basis_points * longer) candidates.push_back({overlap, i, j});
        }
    }
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& x, const Candidate& y) {
        return std::tie(y.overlap, x.i, x.j) < std::tie(x.overlap, y.i, y.j);
    });
    std::vector<char> used_a(a.size(), 0), used_b(b.size(), 0);
    SegmentMatching out;
    for (const auto& c : candidates) {
        if (used_a[c.i] || used_b[c.j]) continue;
        used_a[c.i] = used_b[c.j] = 1;
        out.pairs.emplace_back(c.i, c.j);
    }
    std::sort(out.pairs.begin(), out.pairs.end());
    return out;
}

}  // namespace framer::agreement
