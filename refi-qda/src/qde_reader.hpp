#pragma once
// Private: the project.qde reader, in two files: qde_reader.cpp (the project and its small elements) and
// qde_source_reader.cpp (sources, selections, transcripts, codings and position conversion).

#include <fmt/format.h>

#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "refi/error.hpp"
#include "refi/io.hpp"
#include "refi/text.hpp"
#include "xml_findings.hpp"
#include "xml_location.hpp"
#include "xml_pull.hpp"

namespace refi::detail {

/// Turns one project.qde into a Project in one pass over its bytes (XmlPull: no tree in between). Lenient (any
/// namespace, any child order, unknown content kept); throws refi::Error only where the model cannot hold the
/// input.
class QdeReader {
public:
    /// `buffer` is read where it is (no copy of a 35 MB document) and must outlive the reader; findings about the
    /// XML go to `diagnostics`.
    QdeReader(char* buffer, std::size_t size, std::string file, Diagnostics& diagnostics, const ReadOptions& options)
        : m_file(std::move(file)), m_diag(diagnostics), m_options(options),
          m_findings(m_file, diagnostics), m_xml(buffer, size, m_file, m_findings) {}

    Project read(std::shared_ptr<const SourceStore> store);

private:
    std::string m_file;
    Diagnostics& m_diag;
    const ReadOptions& m_options;
    XmlFindings m_findings;
    XmlPull m_xml;
    PositionCounting m_counting = PositionCounting::CodePoints;
    Project* m_project = nullptr;
    /// The position map of the text converted last: sources that share one file (one shared text) share it.
    std::shared_ptr<const std::string> m_mapped_text;
    std::optional<OffsetMap> m_map;

    /// Unprefixed attributes go to `known` (true when it took them); the rest, namespace declarations and
    /// xsi:schemaLocation included, are kept in order.
    template <class F>
    void attributes(const XmlElement&, Extensions& ext, F&& known) {
        for (const XmlAttribute& a : m_xml.attributes()) {
            if (a.prefixed || !known(a.name, a.value))
                ext.attributes.push_back({std::string(a.name), std::string(a.value)});
        }
    }

    /// Element children by local name; those `known` does not take are kept verbatim with their position.
    /// `known` either reads the child (to its end) or returns false having read nothing of it.
    template <class F>
    void children(const XmlElement& n, Extensions& ext, F&& known) {
        std::size_t position = 0;
        m_xml.children(n, [&](const XmlElement& c) {
            if (!known(c.local, c)) ext.elements.push_back({position, m_xml.raw(c)});
            ++position;
        });
    }

    /// A container (Users, Codes, ...): its own attributes/unknown children, and its items. The schema requires
    /// at least one item; Taguette writes <Sets/>, so an empty one is accepted with a warning.
    template <class F>
    void container(const XmlElement& n, Extensions& ext, std::string_view item, F&& read_item) {
        attributes(n, ext, [](std::string_view, std::string_view) { return false; });
        std::size_t count = 0;
        children(n, ext, [&](std::string_view cn, const XmlElement& c) {
            if (cn != item) return false;
            read_item(c);
            ++count;
            return true;
        });
        if (count == 0)
            m_diag.warning("empty-container", m_file, loc(n),
                           fmt::format("<{}> is empty; the schema requires at least one <{}> (it is dropped on write)",
                                       n.local, item));
    }

    Location loc(const XmlElement& n) const;
    std::string text(const XmlElement& n) { return m_xml.text(n); }
    std::int64_t integer(const XmlElement& n, const char* attr_name, std::string_view value);
    void require(const XmlElement& n, bool present, const char* attr_name);
    Ref read_ref(const XmlElement& n, const char* attr = "targetGUID");
    bool authorship(std::string_view n, std::string_view v, Authorship& a);
    /// The authorship values read last: a project repeats one user GUID and often one date on element after
    /// element, and an equal value shares the last one's text instead of allocating another (refi::OptString).
    OptString m_last_user, m_last_date, m_last_modifying_user, m_last_modified_date;
    static void share(OptString& field, OptString& last, std::string_view v) {
        if (!(last == v)) last = v;
        field = last;
    }
    User read_user(const XmlElement& n);
    static constexpr int k_max_code_depth = 256;
    Code read_code(const XmlElement& n, int depth = 0);
    Variable read_variable(const XmlElement& n);
    VariableValue read_variable_value(const XmlElement& n);
    Case read_case(const XmlElement& n);
    Coding read_coding(const XmlElement& n);
    /// Reads into `s` (constructed in place in its vector: a Selection is large and 100,000 moves show up).
    void read_selection(const XmlElement& n, SelectionKind kind, Selection& s);
    SyncPoint read_sync_point(const XmlElement& n);
    Transcript read_transcript(const XmlElement& n);
    /// TextSource, Note, TextDescription and Representation share TextSourceType.
    Source read_text_source(const XmlElement& n, SourceKind kind);
    Source read_source(const XmlElement& n, SourceKind kind);
    void read_source(const XmlElement& n, SourceKind kind, Source& s);
    /// Tool positions -> code points (NVivo: UTF-16 units; ATLAS.ti: CRLF as one). Needs the text, so only
    /// text sources with selections in a non-standard dialect are loaded here.
    /// Converts the PlainTextSelections of `s` from the tool's counting to code points, over the text of
    /// `text_of` (default: `s` itself; a QualCoder annotation note counts in its source's text).
    void convert_positions(Source& s, const Source* text_of = nullptr);
    /// Notes are converted once the whole project is read: an annotation note's positions count in a source's
    /// text (refi/annotation.hpp), and the NoteRef saying which source may come later in the file.
    void convert_note_positions(Project& p);
    bool m_defer_positions = false;  ///< while reading <Notes>
    std::size_t m_last_selections = 0;  ///< of the source read last (read_source reserves as many)
    void read_sources(const XmlElement& n, Project& p);
    Link read_link(const XmlElement& n);
    Set read_set(const XmlElement& n);
    Graph read_graph(const XmlElement& n);
    Vertex read_vertex(const XmlElement& n);
    Edge read_edge(const XmlElement& n);
};

}  // namespace refi::detail
