// svg: a picture for a supplement; everything but the figures (tables, notes) belongs to the other formats.
#include "export_svg/export_svg.hpp"

#include "export_svg/svg_figure.hpp"

namespace framer {
namespace {

class SvgExporter : public Exporter {
public:
    std::string name() const override { return "svg"; }
    std::vector<std::string> extensions() const override { return {".svg"}; }
    bool needs_figure() const override { return true; }
    void write(const Result& result, std::ostream& out) const override {
        if (result.figures.empty())
            throw UsageError("svg needs a figure, and " +
                             (result.title.empty() ? std::string("this result") : "'" + result.title + "'") +
                             " has none (saturation draws one)");
        write_svg_figures(result.figures, out, true);
    }
};

}  // namespace

std::unique_ptr<Exporter> make_svg_exporter() { return std::make_unique<SvgExporter>(); }

}  // namespace framer
