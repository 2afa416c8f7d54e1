// JSON: the analysis decides the shape (documented per command); this exporter only prints it.
#include "export_json/export_json.hpp"

#include <ostream>

namespace framer {
namespace {

class JsonExporter : public Exporter {
public:
    std::string name() const override { return "json"; }
    std::vector<std::string> extensions() const override { return {".json"}; }
    void write(const Result& result, std::ostream& out) const override {
        result.json.dump(out, 2);  // streamed: a chart's JSON is tens of MB
        out << "\n";
    }
};

}  // namespace

std::unique_ptr<Exporter> make_json_exporter() { return std::make_unique<JsonExporter>(); }

}  // namespace framer
