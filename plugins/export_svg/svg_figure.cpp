// SVG drawing of Figures. Fixed geometry and fixed number formatting (no locale, two decimals at most), so the
// same result gives the same bytes; colours from a colour-blind-safe palette (Okabe & Ito), marks as pale bands
// behind the data so they never hide a point.
#include "export_svg/svg_figure.hpp"

#include "core/markup_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace framer {
namespace {

constexpr double k_width = 760, k_height = 400;
constexpr double k_left = 64, k_right = 170, k_top = 62, k_bottom = 90;
const char* const k_colours[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"};
const char* const k_mark_colours[] = {"#DDE8F3", "#FBE9CC", "#D9F0E7"};

// Names and labels come from the project: escaped as the html exporter escapes (a C0 control becomes U+FFFD).
std::string escape(const std::string& s) { return markup::escaped(s); }

std::string num(double v) {
    std::string s = fmt::format("{:.2f}", v);
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s == "-0" ? "0" : s;
}

/// A round step for about five gridlines up to `top`.
double nice_step(double top) {
    if (top <= 5) return 1;
    const double raw = top / 5;
    const double magnitude = std::pow(10, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (m * magnitude >= raw) return m * magnitude;
    return 10 * magnitude;
}

void write_figure(const Figure& f, double y0, std::ostream& out) {
    const std::size_t n = f.categories.size();
    const double plot_w = k_width - k_left - k_right, plot_h = k_height - k_top - k_bottom;
    const double step = n ? plot_w / static_cast<double>(n) : plot_w;
    double top = 0;
    for (const auto& s : f.series)
        for (double v : s.values) top = std::max(top, v);
    const double tick = nice_step(top);
    top = std::max(tick, std::ceil(top / tick) * tick);
    auto x_at = [&](std::size_t i) { return k_left + (static_cast<double>(i) + 0.5) * step; };
    auto y_at = [&](double v) { return y0 + k_top + plot_h - v / top * plot_h; };
    const double base_y = y0 + k_top + plot_h;

    out << "<g class=\"figure\">\n";
    out << fmt::format("<text class=\"title\" x=\"{}\" y=\"{}\" font-size=\"16\" font-weight=\"bold\">{}</text>\n",
                       num(k_left), num(y0 + 26), escape(f.title));
    // Marks first: bands behind everything else. A label that would run into the previous one (narrow bands side
    // by side) moves up a row.
    double previous_end = -1;
    bool raised = false;
    for (std::size_t m = 0; m < f.marks.size(); ++m) {
        const Mark& mark = f.marks[m];
        if (mark.first >= n || mark.last < mark.first) continue;
        const std::size_t last = std::min(mark.last, n - 1);
        const double x = k_left + static_cast<double>(mark.first) * step;
        const double w = static_cast<double>(last - mark.first + 1) * step;
        const double half = 3.3 * static_cast<double>(mark.label.size());  // about half the label's width at 11px
        const double centre = std::max(x + w / 2, k_left + half);
        raised = previous_end >= 0 && centre - half < previous_end + 4 && !raised;
        previous_end = centre + half;
        out << fmt::format("<g class=\"mark\" data-first=\"{}\" data-last=\"{}\"><rect x=\"{}\" y=\"{}\" width=\"{}\" "
                           "height=\"{}\" fill=\"{}\"/><text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\" "
                           "fill=\"#333\">{}</text></g>\n",
                           mark.first, last, num(x), num(y0 + k_top), num(w), num(plot_h),
                           k_mark_colours[m % std::size(k_mark_colours)], num(centre),
                           num(y0 + k_top - (raised ? 20 : 6)), escape(mark.label));
    }
    // Grid and y axis.
    for (double v = 0; v <= top + 1e-9; v += tick) {
        out << fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#ccc\" stroke-width=\"0.5\"/>"
                           "<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">{}</text>\n",
                           num(k_left), num(y_at(v)), num(k_left + plot_w), num(y_at(v)), num(k_left - 6),
                           num(y_at(v) + 4), num(v));
    }
    out << fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#000\"/>"
                       "<line x1=\"{0}\" y1=\"{2}\" x2=\"{3}\" y2=\"{2}\" stroke=\"#000\"/>\n",
                       num(k_left), num(y0 + k_top), num(base_y), num(k_left + plot_w));
    out << fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 {} {})\">"
                       "{}</text>\n",
                       num(18), num(y0 + k_top + plot_h / 2), num(18), num(y0 + k_top + plot_h / 2), escape(f.y_label));
    // Category labels, thinned so they do not overlap (every k-th; the first and last always).
    const std::size_t every = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(14.0 / step)));
    for (std::size_t i = 0; i < n; ++i) {
        if (i % every != 0 && i + 1 != n) continue;
        out << fmt::format("<text class=\"category\" x=\"{0}\" y=\"{1}\" font-size=\"11\" text-anchor=\"end\" "
                           "transform=\"rotate(-45 {0} {1})\">{2}</text>\n",
                           num(x_at(i)), num(base_y + 14), escape(f.categories[i]));
    }
    out << fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"middle\">{}</text>\n",
                       num(k_left + plot_w / 2), num(y0 + k_height - 14), escape(f.x_label));
    // Series: bars first (behind), then lines.
    std::vector<std::size_t> order;
    for (std::size_t s = 0; s < f.series.size(); ++s)
        if (f.series[s].style == Series::Style::Bars) order.push_back(s);
    for (std::size_t s = 0; s < f.series.size(); ++s)
        if (f.series[s].style == Series::Style::Line) order.push_back(s);
    for (std::size_t s : order) {
        const Series& series = f.series[s];
        const char* colour = k_colours[s % std::size(k_colours)];
        out << "<g class=\"series\" data-name=\"" << escape(series.name) << "\">\n";
        if (series.style == Series::Style::Line) {
            out << "<polyline fill=\"none\" stroke=\"" << colour << "\" stroke-width=\"2\" points=\"";
            for (std::size_t i = 0; i < n && i < series.values.size(); ++i)
                out << (i ? " " : "") << num(x_at(i)) << "," << num(y_at(series.values[i]));
            out << "\"/>\n";
        }
        for (std::size_t i = 0; i < n && i < series.values.size(); ++i) {
            const double v = series.values[i];
            const std::string tip = escape(f.categories[i] + ": " + num(v) + " " + series.name);
            if (series.style == Series::Style::Line)
                out << fmt::format("<circle class=\"point\" cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"{}\"><title>{}</title>"
                                   "</circle>\n", num(x_at(i)), num(y_at(v)), colour, tip);
            else
                out << fmt::format("<rect class=\"point\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\">"
                                   "<title>{}</title></rect>\n", num(x_at(i) - step * 0.3), num(y_at(v)),
                                   num(step * 0.6), num(base_y - y_at(v)), colour, tip);
        }
        out << "</g>\n";
    }
    // Legend on the right.
    double ly = y0 + k_top + 8;
    const double lx = k_left + plot_w + 16;
    for (std::size_t s = 0; s < f.series.size(); ++s, ly += 20) {
        const char* colour = k_colours[s % std::size(k_colours)];
        if (f.series[s].style == Series::Style::Line)
            out << fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"2\"/>",
                               num(lx), num(ly), num(lx + 18), num(ly), colour);
        else
            out << fmt::format("<rect x=\"{}\" y=\"{}\" width=\"18\" height=\"10\" fill=\"{}\"/>", num(lx),
                               num(ly - 5), colour);
        out << fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"12\">{}</text>\n", num(lx + 24), num(ly + 4),
                           escape(f.series[s].name));
    }
    for (std::size_t m = 0; m < f.marks.size(); ++m, ly += 20)
        out << fmt::format("<rect x=\"{}\" y=\"{}\" width=\"18\" height=\"10\" fill=\"{}\"/><text x=\"{}\" y=\"{}\" "
                           "font-size=\"12\">{}</text>\n", num(lx), num(ly - 5),
                           k_mark_colours[m % std::size(k_mark_colours)], num(lx + 24), num(ly + 4),
                           escape(f.marks[m].label));
    if (!f.caption.empty())
        out << fmt::format("<text class=\"caption\" x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#333\">{}</text>\n",
                           num(k_left), num(y0 + k_height + 6), escape(f.caption));
    out << "</g>\n";
}

}  // namespace

void write_svg_figures(const std::vector<Figure>& figures, std::ostream& out, bool xml_declaration) {
    const double each = k_height + 24;  // room for the caption
    const double height = each * static_cast<double>(std::max<std::size_t>(1, figures.size()));
    if (xml_declaration) out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out << fmt::format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
                       "font-family=\"Helvetica, Arial, sans-serif\">\n", num(k_width), num(height));
    out << fmt::format("<rect width=\"{}\" height=\"{}\" fill=\"#fff\"/>\n", num(k_width), num(height));
    for (std::size_t i = 0; i < figures.size(); ++i) write_figure(figures[i], each * static_cast<double>(i), out);
    out << "</svg>\n";
}

}  // namespace framer
