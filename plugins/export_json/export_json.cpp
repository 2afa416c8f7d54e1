// JSON: the analysis decides the shape (documented per command); this exporter only prints it.
#include "export_json/export_json.hpp"

#include <ostream>

#include "core/json_writer.hpp"

namespace framer {
namespace {

class JsonExporter : public Exporter {
public:
    std::string name() const override { return "json"; }
    std::vector<std::string> extensions() const override { return {".json"}; }
    void write(const Result& result, std::ostream& out) const override {
        const int indent = result.compact_json ? -1 : 2;
        if (result.write_json) {
            // Written as the analysis produces it: a chart's JSON is hundreds of MB, its tree several times that.
            JsonWriter writer(out, indent);
            result.write_json(writer);
            writer.finish();
        } else {
            result.json.dump(out, indent);  // streamed from the tree
        }
        out << "\n";
    }
};

}  // namespace

std::unique_ptr<Exporter> make_json_exporter() { return std::make_unique<JsonExporter>(); }

}  // namespace framer
